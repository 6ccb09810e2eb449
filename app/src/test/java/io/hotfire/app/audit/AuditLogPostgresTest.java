package io.hotfire.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.app.support.EmbeddedPostgresResource;
import io.hotfire.app.support.PostgresProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The audit tests on a real PostgreSQL where the application connects as a role that may only add
 * and read audit records: there, changing a record takes a database superuser who switches the
 * append-only trigger off, and verification still names the record.
 */
@QuarkusTest
@TestProfile(PostgresProfile.class)
class AuditLogPostgresTest extends AuditLogTest {

    @ConfigProperty(name = EmbeddedPostgresResource.ADMIN_URL)
    String adminUrl;

    @Test
    void theApplicationRoleIsRefusedUpdateDeleteAndTruncateOnAuditRecords() {
        String role = QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery("select current_user", String.class).getSingleResult());
        assertThat(role).isEqualTo(EmbeddedPostgresResource.APP_ROLE);

        for (String sql : new String[] {"update audit_record set summary = 'rewritten' where seq = 1", "delete from audit_record where seq = 1",
                "truncate audit_record"}) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> session.createNativeMutationQuery(sql).executeUpdate()))
                    .as(sql)
                    .satisfies(e -> assertThat(sqlState(e)).as(sql).isEqualTo("42501"))
                    .satisfies(e -> assertThat(messages(e)).as(sql).contains("permission denied for table audit_record"));
        }
        // ... while the same role may add records, and change the tables the application maintains.
        assertThat(QuarkusTransaction.requiringNew().call(() -> session.createNativeQuery(
                "select has_table_privilege(current_user, 'audit_record', 'INSERT') and has_table_privilege(current_user, 'audit_record', 'SELECT')"
                        + " and has_table_privilege(current_user, 'alarm', 'UPDATE')", Boolean.class).getSingleResult())).isTrue();
    }

    @Test
    void evenADatabaseSuperuserIsStoppedByTheAppendOnlyTrigger() throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update audit_record set summary = 'rewritten' where seq = 1"))
                    .hasMessageContaining("audit_record is append-only: UPDATE refused");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_record where seq = 1"))
                    .hasMessageContaining("audit_record is append-only: DELETE refused");
            assertThatThrownBy(() -> s.executeUpdate("truncate audit_record"))
                    .hasMessageContaining("audit_record is append-only: TRUNCATE refused");
        }
    }

    @Test
    void theDatabasePasswordsNeverReachTheAuditLog() {
        String payloads = QuarkusTransaction.requiringNew().call(() -> String.join("\n", session.createNativeQuery(
                "select payload from audit_record where action = 'system.start'", String.class).getResultList()));
        assertThat(payloads).contains("hotfire.db.password").doesNotContain("app-secret-for-tests").doesNotContain("owner-secret-for-tests");
    }

    /** As a superuser, with triggers off for this session only (session_replication_role is superuser-only). */
    @Override
    protected void tamperSummary(long seq, String summary) {
        try (Connection c = DriverManager.getConnection(adminUrl)) {
            c.createStatement().execute("set session_replication_role = replica");
            try (PreparedStatement p = c.prepareStatement("update audit_record set summary = ? where seq = ?")) {
                p.setString(1, summary);
                p.setLong(2, seq);
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("tampering as the superuser failed", e);
        }
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                return s.getSQLState();
            }
        }
        return null;
    }

    private static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append('\n');
        }
        return b.toString();
    }
}
