package io.hotfire.app.audit;

import static io.hotfire.app.support.Api.postCsv;
import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.event.EventAudit;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Scenarios;
import io.hotfire.app.ingest.FrameCodec;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

/**
 * The audit log: every audited action kind leaves its record, the chain links and verifies, and an
 * edit made behind the application's back is named by verification.
 */
@QuarkusTest
@TestSecurity(user = "test-auditor", roles = {Roles.ENGINEER, Roles.AUDITOR, Roles.LEAD})
class AuditLogTest {

    @Inject
    Session session;

    @Inject
    Engines engines;

    @Inject
    AuditLog audit;

    private final ObjectMapper json = new ObjectMapper();

    static JsonPath records(Map<String, ?> filter) {
        return given().queryParams(filter).queryParam("limit", 1000).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    // ---- every audited action kind -------------------------------------------------------------

    @Test
    void startUpRecordsTheConfigurationWithSecretsMasked_andTheRuleSetOfEveryEngine() {
        JsonPath start = records(Map.of("action", "system.start"));
        assertThat(start.getList("items")).isNotEmpty();
        Map<String, String> config = start.getMap("items[-1].payload.config");
        assertThat(start.getString("items[-1].actorSubject")).isEqualTo("system:hotfire");
        assertThat(config).containsKey("hotfire.db.kind").containsKey("hotfire.auth.mode");
        assertThat(config).containsEntry("quarkus.oidc.console.authentication.state-secret", ConfigSnapshot.MASK);
        assertThat(config).containsEntry("hotfire.auth.local.users.engineer.password-hash", ConfigSnapshot.MASK);
        assertThat(config.values()).noneMatch(v -> v.startsWith("$2a$"));

        for (String engine : engines.ids()) {
            JsonPath load = records(Map.of("action", "ruleset.load", "target", "engine/" + engine));
            assertThat(load.getString("items[-1].payload.ruleSetVersion")).isEqualTo(engines.engine(engine).ruleSetVersion());
            assertThat(load.getList("items[-1].payload.rules")).hasSize(engines.engine(engine).rules().size());
        }
    }

    @Test
    void creatingARunIsRecordedWithItsActorEngineAndRuleSet() {
        String run = Api.newRun();

        JsonPath r = records(Map.of("run", run, "action", "run.create"));
        assertThat(r.getList("items")).hasSize(1);
        assertThat(r.getString("items[0].actorSubject")).isEqualTo("test-auditor");
        assertThat(r.getString("items[0].target")).isEqualTo("run/" + run);
        assertThat(r.getString("items[0].payload.engine")).isEqualTo("gg1");
        assertThat(r.getString("items[0].payload.ruleSetVersion")).isEqualTo(engines.engine("gg1").ruleSetVersion());
    }

    @Test
    void everyBatchIsRecordedWithItsCountsAndTheChecksumsOfBodyAndStoredFrames() throws Exception {
        String run = Api.newRun();
        String csv = Scenarios.DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 300);
        String body = Api.batch(Api.frame(300, 6.0, "\"PC_A\":9.7"), Api.frame(301, 6.02, "\"PC_A\":9.71"));

        postCsv(run, csv).statusCode(200);
        Api.postFrames(run, body).statusCode(200);
        Api.postFrames(run, body).statusCode(200).body("duplicates", equalTo(2));

        JsonPath r = records(Map.of("run", run, "action", "ingest.batch"));
        assertThat(r.getList("items")).hasSize(3);
        assertThat(r.getString("items[0].payload.format")).isEqualTo("csv");
        assertThat(r.getInt("items[0].payload.accepted")).isEqualTo(300);
        assertThat(r.getInt("items[0].payload.firstSeq")).isZero();
        assertThat(r.getInt("items[0].payload.lastSeq")).isEqualTo(299);
        assertThat(r.getString("items[0].payload.bodySha256")).isEqualTo(sha256(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.getString("items[1].payload.format")).isEqualTo("json");
        assertThat(r.getString("items[1].payload.bodySha256")).isEqualTo(sha256(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.getInt("items[2].payload.accepted")).isZero();
        assertThat(r.getInt("items[2].payload.duplicates")).isEqualTo(2);
        assertThat(r.getString("items[2].summary")).contains("all already stored");
        // The frames checksum is recomputable from what the server stored.
        assertThat(r.getString("items[0].payload.framesSha256")).isEqualTo(storedFramesSha256(run, 0, 300));
        assertThat(r.getString("items[1].payload.framesSha256")).isEqualTo(storedFramesSha256(run, 300, 2));
    }

    @Test
    void everyDiagnosisEventHasItsOwnRecord_findingsRecommendationsAbortsAlarmsSensorsAndClears() {
        String hot = Api.newRun();
        postCsv(hot, Scenarios.HOT_TURBINE.csv(0, 600)).statusCode(200);
        String rough = Api.newRun();
        postCsv(rough, Scenarios.DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 750)).statusCode(200);

        Set<String> kinds = new TreeSet<>();
        for (String run : List.of(hot, rough)) {
            List<Map<String, Object>> events = given().queryParam("limit", 10_000).get("/api/v1/runs/{id}/events", run)
                    .then().statusCode(200).extract().jsonPath().getList("$");
            Map<String, Map<String, Object>> byTarget = records(Map.of("run", run, "action", "event.*")).<Map<String, Object>>getList("items")
                    .stream().collect(Collectors.toMap(m -> (String) m.get("target"), m -> m));
            assertThat(byTarget).hasSameSizeAs(events);
            for (Map<String, Object> e : events) {
                Map<String, Object> rec = byTarget.get("event/" + e.get("id"));
                assertThat(rec).as("record of event %s", e).isNotNull();
                assertThat(rec.get("action")).isEqualTo("event." + ((String) e.get("type")).toLowerCase());
                assertThat(rec.get("actorSubject")).isEqualTo("system:diagnosis");
                @SuppressWarnings("unchecked")
                Map<String, Object> payload = (Map<String, Object>) rec.get("payload");
                assertThat(payload).containsEntry("code", e.get("code")).containsEntry("rules", e.get("rules"))
                        .containsEntry("ruleSetVersion", e.get("ruleSetVersion")).containsEntry("evidence", e.get("evidence"));
                kinds.add((String) rec.get("action"));
            }
        }
        assertThat(kinds).contains("event.finding", "event.recommendation", "event.abort", "event.alarm", "event.sensor", "event.clear");
    }

    @Test
    void aRouteChangeIsRecordedUnderItsRoute_andFoundByTheRouteFilter() {
        UUID run = UUID.fromString(Api.newRun());
        Event change = new Event(12.5, EventType.ROUTE, "OUT_OF_DISTRIBUTION", Severity.WATCH, null, List.of("OOD-001"),
                "the sensor pattern left the validated distribution: rules only", Map.of("route", "rules-only", "score", 0.93));

        QuarkusTransaction.requiringNew().run(() -> audit.append(Actor.DIAGNOSIS,
                EventAudit.entry(run, 4242, change, "gg1-test", 600, 624)));

        JsonPath r = records(Map.of("route", "rules-only"));
        assertThat(r.getString("items[-1].action")).isEqualTo("event.route");
        assertThat(r.getString("items[-1].runId")).isEqualTo(run.toString());
        assertThat(r.getString("items[-1].payload.evidence.route")).isEqualTo("rules-only");
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> audit.append(Actor.SYSTEM, "test.outside", "nowhere", "no transaction", Map.of()))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void aBadActionNameOrAMissingSummaryIsRefused() {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> audit.append(Actor.SYSTEM, "Alarm Ack", "x", "s", null)))
                .satisfies(e -> assertThat(root(e)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dotted lower case"));
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> audit.append(Actor.SYSTEM, "test.ok", "x", " ", null)))
                .satisfies(e -> assertThat(root(e)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summary"));
    }

    // ---- the chain -----------------------------------------------------------------------------

    @Test
    void everyRecordIsLinkedToItsPredecessorByAHashOverItsCanonicalForm() throws Exception {
        Api.newRun();
        List<AuditRecordEntity> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = json.readTree(given().queryParam("after", after).queryParam("limit", 1000).get("/api/v1/audit")
                    .then().statusCode(200).extract().asString());
            page.get("items").forEach(m -> all.add(entity(m)));
            if (page.get("next").isNull()) {
                break;
            }
            after = page.get("next").asLong();
        }
        assertThat(all).isNotEmpty();
        String previous = AuditHash.GENESIS;
        for (int i = 0; i < all.size(); i++) {
            AuditRecordEntity r = all.get(i);
            assertThat(r.seq).isEqualTo(i + 1);
            assertThat(r.prevHash).as("prev_hash of %d", r.seq).isEqualTo(previous);
            assertThat(AuditHash.of(r)).as("hash of %d", r.seq).isEqualTo(r.hash);
            previous = r.hash;
        }
    }

    @Test
    void verifyingAnIntactChainSaysSo_andIsItselfRecorded() {
        Api.newRun();
        JsonPath v = given().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();

        assertThat(v.getBoolean("ok")).isTrue();
        assertThat(v.getLong("checked")).isEqualTo(v.getLong("headSeq")).isPositive();
        assertThat(v.getString("headHash")).hasSize(64);
        JsonPath rec = records(Map.of("action", "audit.verify", "after", v.getLong("headSeq")));
        assertThat(rec.getString("items[0].payload.ok")).isEqualTo("true");
        assertThat(rec.getString("items[0].actorSubject")).isEqualTo("test-auditor");
    }

    @Test
    void aRecordEditedDirectlyInTheDatabaseIsNamedByVerify_andRestoringItHealsTheChain() {
        String run = Api.newRun();
        long seq = records(Map.of("run", run, "action", "run.create")).getLong("items[0].seq");
        String original = records(Map.of("run", run, "action", "run.create")).getString("items[0].summary");

        tamperSummary(seq, "run created by somebody else");
        try {
            JsonPath v = given().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
            assertThat(v.getBoolean("ok")).isFalse();
            assertThat(v.getLong("broken.seq")).isEqualTo(seq);
            assertThat(v.getString("broken.problem")).isEqualTo("HASH_MISMATCH");
            assertThat(v.getString("broken.detail")).contains("record " + seq).contains("run.create");
            JsonPath rec = records(Map.of("action", "audit.verify", "after", v.getLong("headSeq")));
            assertThat(rec.getLong("items[0].payload.broken.seq")).isEqualTo(seq);
        } finally {
            tamperSummary(seq, original);
        }
        given().get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    /** Changes a record's summary behind the application's back (H2: the application's own connection may). */
    protected void tamperSummary(long seq, String summary) {
        QuarkusTransaction.requiringNew().run(() -> session.createNativeMutationQuery("update audit_record set summary = :s where seq = :q")
                .setParameter("s", summary).setParameter("q", seq).executeUpdate());
    }

    // ---- reading and exporting -----------------------------------------------------------------

    @Test
    void theListFiltersByTimeActorActionRunAndTarget_andPages() {
        Instant from = Instant.now().minusMillis(1);
        String run = Api.newRun();
        postCsv(run, Scenarios.DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 750)).statusCode(200);
        Instant to = Instant.now().plusSeconds(1);

        JsonPath mine = records(Map.of("run", run));
        List<String> actions = mine.getList("items.action");
        assertThat(actions.get(0)).isEqualTo("run.create");
        assertThat(actions.get(1)).isEqualTo("ingest.batch");
        assertThat(actions.subList(2, actions.size())).allMatch(a -> a.startsWith("event."));
        assertThat(records(Map.of("run", run, "actor", "test-auditor")).getList("items.action")).containsExactly("run.create", "ingest.batch");
        assertThat(records(Map.of("run", run, "actor", "diagnosis")).getList("items")).hasSize(actions.size() - 2);
        assertThat(records(Map.of("run", run, "action", "event.sensor")).getList("items.action")).isNotEmpty().allMatch("event.sensor"::equals);
        assertThat(records(Map.of("run", run, "from", from.toString(), "to", to.toString())).getList("items")).hasSameSizeAs(actions);
        assertThat(records(Map.of("run", run, "to", from.toString())).getList("items")).isEmpty();

        JsonPath first = given().queryParam("run", run).queryParam("limit", 2).get("/api/v1/audit").then().extract().jsonPath();
        assertThat(first.getList("items")).hasSize(2);
        JsonPath second = given().queryParam("run", run).queryParam("limit", 2).queryParam("after", first.getLong("next"))
                .get("/api/v1/audit").then().extract().jsonPath();
        assertThat(second.getList("items.seq")).isEqualTo(mine.getList("items.seq").subList(2, 4));

        // Newest first (the review page's view), paged with before.
        List<Long> ascending = mine.getList("items.seq", Long.class);
        List<Long> descending = new java.util.ArrayList<>(ascending);
        java.util.Collections.reverse(descending);
        JsonPath latest = given().queryParam("run", run).queryParam("order", "newest").queryParam("limit", 2).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
        assertThat(latest.getList("items.seq", Long.class)).isEqualTo(descending.subList(0, 2));
        JsonPath older = given().queryParam("run", run).queryParam("order", "newest").queryParam("limit", 2)
                .queryParam("before", latest.getLong("next")).get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(older.getList("items.seq", Long.class)).isEqualTo(descending.subList(2, 4));
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        problem(given().queryParam("from", "yesterday").get("/api/v1/audit").then(), 400).body("field", equalTo("from"));
        problem(given().queryParam("run", "not-a-run").get("/api/v1/audit").then(), 400).body("field", equalTo("run"));
        problem(given().queryParam("limit", 5000).get("/api/v1/audit").then(), 400).body("field", equalTo("limit"));
        problem(given().queryParam("after", -1).get("/api/v1/audit").then(), 400).body("field", equalTo("after"));
        problem(given().queryParam("order", "sideways").get("/api/v1/audit").then(), 400).body("field", equalTo("order"));
        problem(given().queryParam("order", "newest").queryParam("after", 3).get("/api/v1/audit").then(), 400).body("field", equalTo("after"));
        problem(given().queryParam("before", 3).get("/api/v1/audit").then(), 400).body("field", equalTo("before"));
    }

    @Test
    void exportsAsCsvAndJsonLinesCarryEveryColumn_soEachHashCanBeRecomputedFromTheExportAlone() throws Exception {
        String run = Api.newRun();
        postCsv(run, Scenarios.HOT_TURBINE.csv(0, 600)).statusCode(200);
        int expected = records(Map.of("run", run)).getList("items").size();

        String jsonl = given().queryParam("run", run).get("/api/v1/audit/export.jsonl").then().statusCode(200)
                .contentType(startsWith("application/jsonl")).header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
        List<String> lines = jsonl.lines().toList();
        assertThat(lines).hasSize(expected);
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            AuditRecordEntity r = fromExport(n.get("seq").asLong(), n.get("recorded_at").asText(), text(n, "actor_subject"),
                    text(n, "actor_name"), text(n, "actor_client"), text(n, "action"), text(n, "target"), text(n, "run_id"),
                    text(n, "route"), text(n, "summary"), text(n, "payload"), text(n, "prev_hash"));
            assertThat(AuditHash.of(r)).isEqualTo(n.get("hash").asText());
        }

        String csv = given().queryParam("run", run).get("/api/v1/audit/export.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        List<List<String>> rows = Csv.parse(csv);
        assertThat(rows.get(0)).isEqualTo(AuditExport.COLUMNS);
        assertThat(rows).hasSize(expected + 1);
        for (List<String> c : rows.subList(1, rows.size())) {
            AuditRecordEntity r = fromExport(Long.parseLong(c.get(0)), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5), c.get(6),
                    c.get(7), c.get(8), c.get(9), c.get(10), c.get(11));
            assertThat(AuditHash.of(r)).isEqualTo(c.get(12));
        }
        JsonPath exports = records(Map.of("action", "audit.export"));
        assertThat(exports.getList("items.payload.format")).contains("csv", "jsonl");
        assertThat(exports.getString("items[-1].payload.filter.runId")).isEqualTo(run);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** CSV cannot tell null from empty; the server writes empty cells only for nulls. */
    private static AuditRecordEntity fromExport(long seq, String at, String subject, String name, String client, String action,
            String target, String runId, String route, String summary, String payload, String prevHash) {
        AuditRecordEntity r = new AuditRecordEntity();
        r.seq = seq;
        r.recordedAt = Instant.parse(at);
        r.actorSubject = subject;
        r.actorName = emptyToNull(name);
        r.actorClient = emptyToNull(client);
        r.action = action;
        r.target = target;
        r.runId = runId == null || runId.isEmpty() ? null : UUID.fromString(runId);
        r.route = emptyToNull(route);
        r.summary = summary;
        r.payload = payload;
        r.prevHash = prevHash;
        return r;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A record from the list view; its payload object written canonically again is the text the hash covers. */
    private static AuditRecordEntity entity(JsonNode m) {
        AuditRecordEntity r = fromExport(m.get("seq").asLong(), m.get("recordedAt").asText(), text(m, "actorSubject"),
                text(m, "actorName"), text(m, "actorClient"), text(m, "action"), text(m, "target"), text(m, "runId"), text(m, "route"),
                text(m, "summary"), CanonicalJson.write(m.get("payload")), text(m, "prevHash"));
        r.hash = text(m, "hash");
        return r;
    }

    private static Throwable root(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** SHA-256 over seq, t and value bytes of stored frames, from the frames API (parsed as doubles, not floats). */
    private String storedFramesSha256(String run, long from, int count) throws Exception {
        JsonNode frames = json.readTree(given().queryParam("from", from).queryParam("limit", count)
                .get("/api/v1/runs/{id}/frames", run).then().statusCode(200).extract().asString());
        List<String> channels = given().get("/api/v1/runs/{id}", run).then().extract().jsonPath().getList("channels");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (JsonNode f : frames) {
            double[] v = new double[channels.size()];
            for (int i = 0; i < v.length; i++) {
                JsonNode x = f.get("values").get(channels.get(i));
                v[i] = x == null || x.isNull() ? Double.NaN : x.doubleValue();
            }
            sha.update(ByteBuffer.allocate(16).putLong(f.get("seq").asLong()).putLong(Double.doubleToLongBits(f.get("t").doubleValue())).array());
            sha.update(FrameCodec.encode(v));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
