package io.hotfire.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the distribution the build unpacked into target/keycloak) with the repository's
 * hotfire realm, started once per JVM and stopped when the JVM exits.
 *
 * <p>Quarkus loads test classes in its own class loaders, so "once" is kept in system properties
 * (plain strings): the first caller claims the URL atomically, starts the server and records its
 * pid and log; every caller then waits for the realm to answer. {@link #startInBackground} lets
 * the ~20-50 s boot overlap with tests that do not need it.
 *
 * <p>The realm's data stays under the distribution's data/ folder between test runs and is
 * imported again only when the realm file changed (a fresh import adds about 20 s). Keycloak's
 * temporary files go to data/tmp, not /tmp.
 */
public final class KeycloakServer {

    static final String URL_PROPERTY = "test.keycloak.url";
    static final String PID_PROPERTY = "test.keycloak.pid";
    static final String LOG_PROPERTY = "test.keycloak.log";
    static final String FAILED_PROPERTY = "test.keycloak.failed";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
    /** The test server's master-realm admin (created on the first start of a fresh data folder). */
    public static final String ADMIN_USER = "test-admin";
    public static final String ADMIN_PASSWORD = "test-admin-dev";
    private static volatile boolean ready;

    private KeycloakServer() {
    }

    /** Starts the server on a daemon thread, if nobody has; failures surface to whoever calls {@link #realmUrl}. */
    public static void startInBackground() {
        if (System.getProperty(URL_PROPERTY) != null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                claimAndLaunch();
            } catch (RuntimeException e) {
                System.err.println("Keycloak did not start in the background: " + e.getMessage());
            }
        }, "keycloak-start");
        t.setDaemon(true);
        t.start();
    }

    /** The realm URL (issuer) of the running server, starting it on first use and waiting until it answers. */
    public static String realmUrl() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            url = claimAndLaunch();
        }
        if (!ready) {
            awaitReady(url);
            ready = true;
        }
        return url;
    }

    /** Claims the URL for this JVM and starts the server, unless another caller already has; returns the URL. */
    private static synchronized String claimAndLaunch() {
        Path home = Path.of(required("test.keycloak.home"));
        Path realm = Path.of(required("test.keycloak.realm"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home + "; the build unpacks it in process-test-resources");
        }
        String url;
        try {
            url = "http://127.0.0.1:" + freePort() + "/realms/hotfire";
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for Keycloak", e);
        }
        Object claimed = System.getProperties().putIfAbsent(URL_PROPERTY, url);
        if (claimed != null) {
            return (String) claimed;
        }
        try {
            Path data = home.resolve("data");
            Path imported = data.resolve("import").resolve(realm.getFileName());
            Path adminMarker = data.resolve("import").resolve(".bootstrap-admin");
            if (!Files.exists(imported) || Files.mismatch(imported, realm) != -1L || !Files.isDirectory(data.resolve("h2"))
                    || !Files.exists(adminMarker)) {
                deleteTree(data);
                Files.createDirectories(imported.getParent());
                Files.copy(realm, imported);
                Files.writeString(adminMarker, ADMIN_USER); // the admin below exists only in a master realm created with it
            }
            Path tmp = Files.createDirectories(data.resolve("tmp"));
            int port = URI.create(url).getPort();
            Path log = home.getParent().resolve("keycloak-test.log");
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(), "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // A master-realm admin for tests that need the admin API (RealmBruteForceKeycloakTest); 127.0.0.1 only.
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            pb.environment().put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + tmp + " -Dvertx.cacheDirBase=" + tmp.resolve("vertx-cache"));
            Process process = pb.start();
            System.setProperty(PID_PROPERTY, Long.toString(process.pid()));
            System.setProperty(LOG_PROPERTY, log.toString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-stop"));
            return url;
        } catch (IOException e) {
            System.setProperty(FAILED_PROPERTY, "Keycloak did not start: " + e);
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    private static void awaitReady(String realmUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(realmUrl + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (System.getProperty(FAILED_PROPERTY) != null) {
                throw new IllegalStateException(System.getProperty(FAILED_PROPERTY));
            }
            String pid = System.getProperty(PID_PROPERTY);
            Optional<ProcessHandle> process = pid == null ? Optional.empty() : ProcessHandle.of(Long.parseLong(pid));
            if (pid != null && process.map(p -> !p.isAlive()).orElse(true)) {
                throw new IllegalStateException("Keycloak exited before it was ready:\n" + tail());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
        }
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + tail());
    }

    /** kc.sh execs java, but stop its children too in case a version does not. */
    private static void stop(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static String tail() {
        String log = System.getProperty(LOG_PROPERTY);
        try {
            List<String> lines = log != null && Files.exists(Path.of(log)) ? Files.readAllLines(Path.of(log)) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String required(String property) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (the app module's surefire configuration sets it)");
        }
        return v;
    }
}
