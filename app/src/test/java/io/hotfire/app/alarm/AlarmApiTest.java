package io.hotfire.app.alarm;

import static io.hotfire.app.support.Api.postCsv;
import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Scenarios;
import io.hotfire.app.support.Telemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alarm lifecycle through the API, on alarms the diagnosis raised from telemetry. */
@QuarkusTest
@TestSecurity(user = "test-lead", roles = {Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR})
class AlarmApiTest {

    /** Both turbine thermocouples past the redline from 8 s to 9.5 s, then back: the redline alarms clear. */
    static final Telemetry BRIEF_OVERTEMPERATURE = Telemetry.nominal()
            .override("TIT_A", 8.0, t -> t < 9.5 ? 1100 + 3 * Math.sin(37 * t) : 880 + 4 * Math.sin(41 * t))
            .override("TIT_B", 8.0, t -> t < 9.5 ? 1102 + 3 * Math.cos(29 * t) : 881 + 4 * Math.cos(43 * t));

    private static String runWith(Telemetry telemetry, int frames) {
        String run = Api.newRun();
        postCsv(run, telemetry.csv(0, frames)).statusCode(200);
        return run;
    }

    private static List<Map<String, Object>> alarms(String run) {
        return given().get("/api/v1/runs/{id}/alarms", run).then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static Map<String, Object> byKey(String run, String key) {
        return alarms(run).stream().filter(a -> a.get("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no alarm " + key + " in " + alarms(run)));
    }

    private static JsonPath auditOf(Object alarmId, String action) {
        return given().queryParam("target", "alarm/" + alarmId).queryParam("action", action).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRunsAlarmsFollowItsDiagnosisEvents_andEachIsAnnouncedOnce() {
        String run = runWith(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP, 750);

        Map<String, Object> deadSensor = byKey(run, "SENSOR:SENSOR_DEAD:PC_A");
        Map<String, Object> vibration = byKey(run, "LIMIT:VIB_RMS:HIGH");
        assertThat(deadSensor).containsEntry("state", "UNACKNOWLEDGED").containsEntry("conditionActive", true)
                .containsEntry("latching", false).containsEntry("source", "SENSOR").containsEntry("severity", "WARNING");
        assertThat(vibration).containsEntry("state", "RETURNED_UNACKNOWLEDGED").containsEntry("conditionActive", false);
        List<Object> announced = given().queryParam("run", run).get("/api/v1/alarms/notifications").then().statusCode(200)
                .extract().jsonPath().getList("alarmId");
        assertThat(announced).containsExactlyInAnyOrderElementsOf(alarms(run).stream().map(a -> a.get("id")).toList());
        given().queryParam("state", "returned_unacknowledged").queryParam("run", run).get("/api/v1/alarms").then().statusCode(200)
                .body("key", equalTo(List.of("LIMIT:VIB_RMS:HIGH")));
    }

    @Test
    void acknowledgingIsAuditedWithTheActor_andASecondAcknowledgementIs409() {
        String run = runWith(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP, 750);
        Object standing = byKey(run, "SENSOR:SENSOR_DEAD:PC_A").get("id");
        Object returned = byKey(run, "LIMIT:VIB_RMS:HIGH").get("id");

        given().contentType(ContentType.JSON).body("{\"comment\":\"PC_A lead wire loose\"}").post("/api/v1/alarms/{id}/ack", standing)
                .then().statusCode(200).body("state", equalTo("ACKNOWLEDGED")).body("acknowledgedBy", equalTo("test-lead"));
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", returned).then().statusCode(200).body("state", equalTo("CLEARED"));
        problem(given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", standing).then(), 409).body("state", equalTo("ACKNOWLEDGED"));

        JsonPath record = auditOf(standing, "alarm.ack");
        assertThat(record.getList("items")).hasSize(1);
        assertThat(record.getString("items[0].actorSubject")).isEqualTo("test-lead");
        assertThat(record.getString("items[0].runId")).isEqualTo(run);
        assertThat(record.getString("items[0].payload.stateBefore")).isEqualTo("UNACKNOWLEDGED");
        assertThat(record.getString("items[0].payload.stateAfter")).isEqualTo("ACKNOWLEDGED");
        assertThat(record.getString("items[0].payload.comment")).isEqualTo("PC_A lead wire loose");
        given().get("/api/v1/alarms/{id}", standing).then().statusCode(200).body("comments[0].text", equalTo("PC_A lead wire loose"));
    }

    @Test
    void aRedlineIsOneAlarmPerSensorAndSide_escalatedFromWarningToTheAbort_thatLatchesUntilAcknowledged() {
        String run = runWith(BRIEF_OVERTEMPERATURE, 900);
        List<Map<String, Object>> all = alarms(run);
        Map<String, Object> tit = byKey(run, "LIMIT:TIT_A:HIGH");

        // Warning, redline and the abort on TIT_A are one condition: one row, at the abort's severity.
        assertThat(all.stream().filter(a -> "TIT_A".equals(a.get("sensor"))).map(a -> a.get("key")))
                .as("alarms naming TIT_A: %s", all).doesNotHaveDuplicates()
                .noneMatch(k -> k.toString().startsWith("WARNING:") || k.toString().startsWith("REDLINE:") || k.toString().startsWith("ABORT:"));
        assertThat(tit).containsEntry("severity", "SEVERE").containsEntry("latching", true).containsEntry("source", "ABORT")
                .containsEntry("code", "REDLINE_HIGH").containsEntry("conditionActive", false).containsEntry("state", "UNACKNOWLEDGED");
        assertThat(((Map<?, ?>) tit.get("members")).keySet().stream().map(Object::toString).toList()).containsExactly("ABORT");
        assertThat(byKey(run, "LIMIT:TIT_B:HIGH")).containsEntry("severity", "CRITICAL").containsEntry("latching", true);
        assertThat(all.stream().filter(a -> Boolean.TRUE.equals(a.get("firstOut")))).hasSize(1);
        List<String> feed = given().queryParam("run", run).get("/api/v1/alarms/notifications").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.key == 'LIMIT:TIT_A:HIGH' }.collect { it.reason + ' ' + it.severity }");
        // Announced once when raised (here warning, redline and abort came in the same window) and again only when it climbs.
        assertThat(feed.stream().filter(n -> n.startsWith("RAISED"))).hasSize(1);
        assertThat(feed).last().asString().endsWith("SEVERE");

        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", tit.get("id")).then().statusCode(200).body("state", equalTo("CLEARED"));
    }

    @Test
    void acknowledgingAllOfAPriority_acknowledgesEachWithItsOwnAuditRecord_andNamesThoseSkipped() {
        String run = runWith(BRIEF_OVERTEMPERATURE, 900);
        Object a = byKey(run, "LIMIT:TIT_A:HIGH").get("id");
        Object b = byKey(run, "LIMIT:TIT_B:HIGH").get("id");
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", b).then().statusCode(200);
        given().queryParam("run", run).get("/api/v1/alarms/counts").then().statusCode(200).body("unacknowledged.SEVERE", equalTo(1));

        given().contentType(ContentType.JSON).body("{\"ids\":[" + a + "," + b + "],\"comment\":\"abort seen\"}").post("/api/v1/alarms/ack")
                .then().statusCode(200).body("acknowledged.id", equalTo(List.of(a))).body("skipped." + b, equalTo("CLEARED, acknowledged by test-lead"));

        assertThat(auditOf(a, "alarm.ack").getString("items[0].payload.comment")).isEqualTo("abort seen");
        assertThat(auditOf(b, "alarm.ack").getList("items")).hasSize(1);
        given().queryParam("run", run).get("/api/v1/alarms/counts").then().statusCode(200).body("unacknowledged.SEVERE", equalTo(0));
        problem(given().contentType(ContentType.JSON).body("{\"ids\":[\"x\"]}").post("/api/v1/alarms/ack").then(), 400)
                .body("field", equalTo("ids[0]"));
    }

    @Test
    void shelvingForFiveMinutesHidesTheAlarmUntilUnshelved_bothAudited() {
        String run = runWith(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP, 750);
        Object id = byKey(run, "SENSOR:SENSOR_DEAD:PC_A").get("id");
        Instant before = Instant.now();

        String until = given().contentType(ContentType.JSON).body("{\"duration\":\"5m\",\"reason\":\"transducer swap\"}")
                .post("/api/v1/alarms/{id}/shelve", id).then().statusCode(200)
                .body("shelved", equalTo(true)).body("shelvedBy", equalTo("test-lead")).body("shelveReason", equalTo("transducer swap"))
                .extract().path("shelvedUntil");
        assertThat(Instant.parse(until)).isBetween(before.plus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));
        given().queryParam("state", "shelved").queryParam("run", run).get("/api/v1/alarms").then().body("id", equalTo(List.of(id)));

        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/unshelve", id).then().statusCode(200).body("shelved", equalTo(false));
        problem(given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/unshelve", id).then(), 409);
        given().queryParam("state", "shelved").queryParam("run", run).get("/api/v1/alarms").then().body("id", not(hasItem(id)));

        assertThat(auditOf(id, "alarm.shelve").getString("items[0].payload.period")).isEqualTo("5m");
        assertThat(auditOf(id, "alarm.shelve").getString("items[0].payload.reason")).isEqualTo("transducer swap");
        assertThat(auditOf(id, "alarm.unshelve").getString("items[0].payload.shelvedBy")).isEqualTo("test-lead");
    }

    @Test
    void tenAndFifteenMinuteShelvesAndShelvesUntilUnshelved() {
        String run = runWith(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP, 750);
        Object id = byKey(run, "LIMIT:VIB_RMS:HIGH").get("id");

        for (String d : List.of("10m", "15m")) {
            String until = given().contentType(ContentType.JSON).body("{\"duration\":\"" + d + "\"}").post("/api/v1/alarms/{id}/shelve", id)
                    .then().statusCode(200).extract().path("shelvedUntil");
            long minutes = Duration.between(Instant.now(), Instant.parse(until)).toMinutes();
            assertThat(minutes).isBetween(Long.parseLong(d.replace("m", "")) - 1, Long.parseLong(d.replace("m", "")));
        }
        given().contentType(ContentType.JSON).body("{\"duration\":\"until-unshelved\"}").post("/api/v1/alarms/{id}/shelve", id)
                .then().statusCode(200).body("shelved", equalTo(true)).body("shelvedUntil", equalTo(null));
    }

    @Test
    void aLatchingAlarmCannotBeShelved() {
        String run = runWith(Scenarios.HOT_TURBINE, 600);
        Object redline = byKey(run, "LIMIT:TIT_A:HIGH").get("id");

        problem(given().contentType(ContentType.JSON).body("{\"duration\":\"5m\"}").post("/api/v1/alarms/{id}/shelve", redline).then(), 409);
        assertThat(auditOf(redline, "alarm.shelve").getList("items")).isEmpty();
    }

    @Test
    void assigningCommentingAndTaggingAreKeptFilterableAndAudited() {
        String run = runWith(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP, 750);
        Object id = byKey(run, "SENSOR:SENSOR_DEAD:PC_A").get("id");

        given().contentType(ContentType.JSON).body("{\"assignee\":\"erin\"}").post("/api/v1/alarms/{id}/assign", id).then().statusCode(200)
                .body("assignee", equalTo("erin")).body("assignedBy", equalTo("test-lead"));
        given().contentType(ContentType.JSON).body("{\"text\":\"swap PC_A transducer before the next run\"}")
                .post("/api/v1/alarms/{id}/comment", id).then().statusCode(200)
                .body("comments.text", equalTo(List.of("swap PC_A transducer before the next run")));
        given().contentType(ContentType.JSON).body("{\"tags\":[\"instrumentation\",\"HF-042\",\"instrumentation\"]}")
                .post("/api/v1/alarms/{id}/tags", id).then().statusCode(200).body("tags", equalTo(List.of("HF-042", "instrumentation")));

        given().queryParam("assignee", "erin").queryParam("run", run).get("/api/v1/alarms").then().body("id", equalTo(List.of(id)));
        given().queryParam("tag", "instrumentation").queryParam("run", run).get("/api/v1/alarms").then().body("id", equalTo(List.of(id)));
        given().queryParam("tag", "instr").queryParam("run", run).get("/api/v1/alarms").then().body("size()", equalTo(0));
        assertThat(auditOf(id, "alarm.assign").getString("items[0].payload.assignee")).isEqualTo("erin");
        assertThat(auditOf(id, "alarm.comment").getString("items[0].payload.text")).isEqualTo("swap PC_A transducer before the next run");
        assertThat(auditOf(id, "alarm.tags").getList("items[0].payload.tags")).containsExactly("HF-042", "instrumentation");

        given().contentType(ContentType.JSON).body("{\"assignee\":null}").post("/api/v1/alarms/{id}/assign", id).then().statusCode(200)
                .body("assignee", equalTo(null));
    }

    @Test
    void malformedActionsAre400NamingTheField_unknownAlarmsAndRuns404() {
        String run = runWith(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP, 750);
        Object id = byKey(run, "SENSOR:SENSOR_DEAD:PC_A").get("id");

        problem(given().contentType(ContentType.JSON).body("{\"duration\":\"20m\"}").post("/api/v1/alarms/{id}/shelve", id).then(), 400)
                .body("field", equalTo("duration"));
        problem(given().contentType(ContentType.JSON).body("{}").post("/api/v1/alarms/{id}/shelve", id).then(), 400)
                .body("field", equalTo("duration"));
        problem(given().contentType(ContentType.JSON).body("{\"text\":\"\"}").post("/api/v1/alarms/{id}/comment", id).then(), 400)
                .body("field", equalTo("text"));
        problem(given().contentType(ContentType.JSON).body("{\"tags\":[\"ok\",\"<script>\"]}").post("/api/v1/alarms/{id}/tags", id).then(), 400)
                .body("field", equalTo("tags[1]"));
        problem(given().contentType(ContentType.JSON).body("{\"tags\":\"one\"}").post("/api/v1/alarms/{id}/tags", id).then(), 400)
                .body("field", equalTo("tags"));
        problem(given().contentType(ContentType.JSON).body("{}").post("/api/v1/alarms/{id}/assign", id).then(), 400)
                .body("field", equalTo("assignee"));
        problem(given().contentType(ContentType.JSON).body("{\"comment\":\"x\",\"by\":\"me\"}").post("/api/v1/alarms/{id}/ack", id).then(), 400)
                .body("field", equalTo("by"));
        problem(given().contentType(ContentType.JSON).body("{\"comment\":").post("/api/v1/alarms/{id}/ack", id).then(), 400)
                .body("field", equalTo("body"));
        problem(given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", 999_999_999).then(), 404);
        problem(given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", "abc").then(), 404);
        problem(given().get("/api/v1/runs/{id}/alarms", "00000000-0000-0000-0000-000000000000").then(), 404);
        problem(given().queryParam("state", "angry").get("/api/v1/alarms").then(), 400).body("field", equalTo("state"));
        given().get("/api/v1/alarms/{id}", id).then().statusCode(200).body("state", equalTo("UNACKNOWLEDGED"));
    }
}
