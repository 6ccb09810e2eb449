package io.hotfire.app.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The audit chain anchored outside its table (issue #16, item 4): the attack — delete the last
 * 787 records and roll the chain head back to the new last record — leaves the chain consistent in
 * itself, but no longer matches the newest signed checkpoint: verify says so, readiness is DOWN, and
 * one system alarm is raised. Its own in-memory database and checkpoint file, since the chain stays broken.
 */
@QuarkusTest
@TestProfile(AuditAnchorTest.Anchored.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditAnchorTest {

    /** A database and checkpoint file of its own; checkpoints only when flushed (the writer's interval is long). */
    public static class Anchored implements QuarkusTestProfile {
        static final Path FILE = Path.of("target", "audit-anchor-" + ProcessHandle.current().pid(), "checkpoints").toAbsolutePath();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.\"h2\".jdbc.url", "jdbc:h2:mem:audit-anchor;DB_CLOSE_DELAY=-1;WRITE_DELAY=0",
                    "hotfire.audit.checkpoint.file", FILE.toString(),
                    "hotfire.audit.checkpoint.interval", "1h");
        }
    }

    @Inject
    AuditLog audit;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    Session session;

    @Test
    @Order(1)
    @TestSecurity(user = "test-auditor", roles = Roles.AUDITOR)
    void inNormalOperationTheChainMatchesItsSignedCheckpoints() throws Exception {
        appendRecords(20);
        checkpoints.flush();

        JsonPath verify = given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true)).extract().jsonPath();
        long head = verify.getLong("headSeq");
        assertThat(verify.getLong("checkpoint.seq")).isEqualTo(head);
        List<String> lines = Files.readAllLines(Anchored.FILE);
        assertThat(lines.get(lines.size() - 1)).matches("v1 seq=" + head + " hash=[0-9a-f]{64} at=\\S+ mac=[0-9a-f]{64}");
        assertThat(Anchored.FILE.resolveSibling("checkpoints.key")).exists();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'hotfire' }.data.auditChain", equalTo("ok"));

        // More records and checkpoints: still ok (the verification just recorded is after the checkpoint).
        appendRecords(5);
        checkpoints.flush();
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "test-auditor", roles = Roles.AUDITOR)
    void deletingTheLast787RecordsAndRollingTheHeadBackIsDetected_byVerifyHealthAndOneAlarm() {
        appendRecords(800);
        checkpoints.flush();
        long head = headSeq();
        long newLast = head - 787;
        QuarkusTransaction.requiringNew().run(() -> {
            session.createNativeMutationQuery("delete from audit_record where seq > :last").setParameter("last", newLast).executeUpdate();
            session.createNativeMutationQuery(
                            "update audit_chain_head set last_seq = :last, last_hash = (select hash from audit_record where seq = :last)")
                    .setParameter("last", newLast).executeUpdate();
        });

        given().get("/api/v1/audit/verify").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("broken.problem", equalTo("CHECKPOINT_AHEAD"))
                .body("broken.seq", equalTo((int) newLast))
                .body("broken.detail", containsString("787 records were removed"))
                .body("checkpoint.seq", equalTo((int) head));
        given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'hotfire' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'hotfire' }.data.auditChain", startsWith("broken: "))
                .body("checks.find { it.name == 'hotfire' }.data.auditChain", containsString("record " + head));
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(false));

        List<Map<String, Object>> alarms = given().queryParam("state", "all").get("/api/v1/alarms").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.code == 'AUDIT_CHAIN_BROKEN' }");
        assertThat(alarms).hasSize(1);
        assertThat(alarms.get(0)).containsEntry("source", "SYSTEM").containsEntry("severity", "CRITICAL")
                .containsEntry("state", "UNACKNOWLEDGED").doesNotContainKey("runId");
        // Appending on (the server keeps working) neither hides the break nor writes a checkpoint over it.
        appendRecords(1);
        checkpoints.flush();
        assertThat(checkpoints.latest().seq()).isEqualTo(head);
        given().get("/api/v1/audit/verify").then().body("ok", equalTo(false));
    }

    private void appendRecords(int n) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<AuditLog.Attributed> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                entries.add(new AuditLog.Attributed(Actor.SYSTEM, AuditEntry.of("test.filler", "test/" + i, "filler record " + i, Map.of("i", i))));
            }
            audit.appendAll(entries);
        });
    }

    private long headSeq() {
        return QuarkusTransaction.requiringNew().call(() -> session.find(AuditChainHead.class, AuditChainHead.ID).lastSeq);
    }
}
