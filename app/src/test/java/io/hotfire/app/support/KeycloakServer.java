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
import java.util.concurrent.TimeUnit;

/**
 * A real Keycloak (the distribution the build unpacked into target/keycloak) with the repository's
 * hotfire realm, started once per JVM and stopped when the JVM exits. Its URL is kept in a system
 * property, so test resources loaded by another class loader share the same server.
 *
 * <p>The realm's data stays under the distribution's data/ folder between test runs and is
 * imported again only when the realm file changed (a fresh import adds about 20 s). Keycloak's
 * temporary files go to data/tmp, not /tmp.
 */
public final class KeycloakServer {

    static final String URL_PROPERTY = "test.keycloak.url";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(240);

    private KeycloakServer() {
    }

    /** The realm URL (issuer) of the running server, starting it on first use. */
    public static synchronized String realmUrl() {
        String running = System.getProperty(URL_PROPERTY);
        if (running != null) {
            return running;
        }
        String url = start();
        System.setProperty(URL_PROPERTY, url);
        return url;
    }

    private static String start() {
        Path home = Path.of(required("test.keycloak.home"));
        Path realm = Path.of(required("test.keycloak.realm"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home + "; the build unpacks it in process-test-resources");
        }
        try {
            Path data = home.resolve("data");
            Path imported = data.resolve("import").resolve(realm.getFileName());
            if (!Files.exists(imported) || Files.mismatch(imported, realm) != -1L || !Files.isDirectory(data.resolve("h2"))) {
                deleteTree(data);
                Files.createDirectories(imported.getParent());
                Files.copy(realm, imported);
            }
            Path tmp = Files.createDirectories(data.resolve("tmp"));
            int port = freePort();
            int managementPort = freePort();
            Path log = home.getParent().resolve("keycloak-test.log");
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort, "--import-realm")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + tmp + " -Dvertx.cacheDirBase=" + tmp.resolve("vertx-cache"));
            Process process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-stop"));
            String realmUrl = "http://127.0.0.1:" + port + "/realms/hotfire";
            awaitReady(process, realmUrl, log);
            return realmUrl;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    private static void awaitReady(Process process, String realmUrl, Path log) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(realmUrl + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + tail(log));
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
        stop(process);
        throw new IllegalStateException("Keycloak was not ready within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
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

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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
