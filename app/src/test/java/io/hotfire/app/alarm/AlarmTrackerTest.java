package io.hotfire.app.alarm;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.event.EventEntity;
import io.hotfire.app.event.EventStore;
import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tracker on given event sequences (the rules are not needed to say what an escalation does):
 * events are stored and applied as the ingestion does, in one transaction per batch.
 */
@QuarkusTest
@TestSecurity(user = "test-lead", roles = {Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR})
class AlarmTrackerTest {

    @Inject
    EventStore events;

    @Inject
    AlarmTracker tracker;

    @Inject
    AuditLog audit;

    private static Event alarm(double t, String key, Severity s) {
        return new Event(t, EventType.ALARM, "WARNING_HIGH", s, "VIB_RMS", List.of("RL-003"), "VIB_RMS beyond its warning line",
                Map.of("key", key, "value", 9.1, "limit", 8.0));
    }

    private static Event clear(double t, String key) {
        return new Event(t, EventType.CLEAR, "WARNING_HIGH", Severity.WATCH, "VIB_RMS", List.of("RL-003"), "cleared",
                Map.of("key", key));
    }

    private void batch(UUID run, Event... batch) {
        QuarkusTransaction.requiringNew().run(() -> {
            List<EventEntity> rows = events.append(run, List.of(batch), "test-rule-set");
            audit.appendAll(tracker.apply(run, List.of(batch), rows));
        });
    }

    private static JsonPath onlyAlarm(String run) {
        JsonPath p = given().get("/api/v1/runs/{id}/alarms", run).then().statusCode(200).extract().jsonPath();
        assertThat(p.getList("$")).hasSize(1);
        return p;
    }

    private static List<String> feed(String run) {
        return given().queryParam("run", run).get("/api/v1/alarms/notifications").then().statusCode(200)
                .extract().jsonPath().getList("collect { it.reason + ' ' + it.severity }");
    }

    /**
     * A group commit follows the alarms of all its runs at once: one read, new alarms written in one
     * batch, notices in another. Each run must still get its own alarms, its own first-out, a feed
     * entry naming the alarm that was written for it, and the same outcome as batch by batch.
     */
    @Test
    void theRunsOfAGroupAreFollowedTogetherAsTheyWouldBeOneByOne() {
        String runA = Api.newRun();
        String runB = Api.newRun();
        UUID a = UUID.fromString(runA);
        UUID b = UUID.fromString(runB);
        batch(b, alarm(1.0, "OLD", Severity.WARNING)); // b has an alarm already: its new ones are not first-out
        List<Event> ofA = List.of(alarm(8.0, "K", Severity.WARNING), alarm(8.1, "L", Severity.WARNING), alarm(8.2, "K", Severity.DISTRESS));
        List<Event> ofB = List.of(alarm(8.0, "K", Severity.DISTRESS), clear(8.1, "OLD"));

        QuarkusTransaction.requiringNew().run(() -> {
            List<List<EventEntity>> rows = events.appendAll(List.of(new EventStore.Appending(a, ofA, "test-rule-set"),
                    new EventStore.Appending(b, ofB, "test-rule-set")));
            tracker.applyAll(List.of(new AlarmTracker.Applying(a, ofA, rows.get(0)), new AlarmTracker.Applying(b, ofB, rows.get(1))))
                    .forEach(audit::appendAll);
        });

        JsonPath alarmsOfA = given().get("/api/v1/runs/{id}/alarms", runA).then().statusCode(200).extract().jsonPath();
        assertThat(alarmsOfA.getList("collect { it.key + ' ' + it.severity + ' ' + it.firstOut }", String.class))
                .containsExactlyInAnyOrder("K DISTRESS true", "L WARNING false");
        JsonPath alarmsOfB = given().get("/api/v1/runs/{id}/alarms", runB).then().statusCode(200).extract().jsonPath();
        assertThat(alarmsOfB.getList("collect { it.key + ' ' + it.conditionActive + ' ' + it.firstOut }", String.class))
                .containsExactlyInAnyOrder("OLD false true", "K true false");
        // The feed names each run's own alarm ids, in the order the notices were given.
        assertThat(feed(runA)).containsExactly("RAISED WARNING", "RAISED WARNING", "ESCALATED DISTRESS");
        List<Integer> fedA = given().queryParam("run", runA).get("/api/v1/alarms/notifications").then().statusCode(200)
                .extract().jsonPath().getList("alarmId", Integer.class);
        int k = alarmsOfA.getInt("find { it.key == 'K' }.id");
        int l = alarmsOfA.getInt("find { it.key == 'L' }.id");
        assertThat(fedA).containsExactly(k, l, k);
        assertThat(feed(runB)).containsExactly("RAISED WARNING", "RAISED DISTRESS");

        // The next batch of a finds the alarm written by the group, as it would one written alone.
        batch(a, clear(9.0, "L"));
        assertThat(given().get("/api/v1/runs/{id}/alarms", runA).then().statusCode(200).extract().jsonPath()
                .getString("find { it.key == 'L' }.state")).isEqualTo("RETURNED_UNACKNOWLEDGED");
    }

    @Test
    void anEscalationIsAnnouncedInTheFeedAndAsksForANewAcknowledgement() {
        String run = Api.newRun();
        UUID id = UUID.fromString(run);
        batch(id, alarm(8.0, "K", Severity.WARNING));
        int alarmId = onlyAlarm(run).getInt("[0].id");
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", alarmId).then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));

        batch(id, alarm(9.0, "K", Severity.DISTRESS));

        JsonPath a = onlyAlarm(run);
        assertThat(a.getString("[0].state")).isEqualTo("UNACKNOWLEDGED");
        assertThat(a.getString("[0].severity")).isEqualTo("DISTRESS");
        assertThat(a.getString("[0].acknowledgedBy")).isNull();
        assertThat(feed(run)).containsExactly("RAISED WARNING", "ESCALATED DISTRESS");
    }

    @Test
    void aDeEscalationOrARepeatIsSilent() {
        String run = Api.newRun();
        UUID id = UUID.fromString(run);
        batch(id, alarm(8.0, "K", Severity.DISTRESS));

        batch(id, alarm(9.0, "K", Severity.WARNING), alarm(9.5, "K", Severity.WARNING), alarm(10.0, "K", Severity.DISTRESS));

        assertThat(onlyAlarm(run).getString("[0].severity")).isEqualTo("DISTRESS");
        assertThat(feed(run)).containsExactly("RAISED DISTRESS");
    }

    @Test
    void anEscalationEndsAShelf_recordedAsTheAlarmLifecyclesOwnAction() {
        String run = Api.newRun();
        UUID id = UUID.fromString(run);
        batch(id, alarm(8.0, "K", Severity.WARNING));
        int alarmId = onlyAlarm(run).getInt("[0].id");
        given().contentType(ContentType.JSON).body("{\"duration\":\"15m\",\"reason\":\"chattering\"}")
                .post("/api/v1/alarms/{id}/shelve", alarmId).then().statusCode(200).body("shelved", equalTo(true));

        batch(id, alarm(9.0, "K", Severity.DISTRESS));

        assertThat(onlyAlarm(run).getBoolean("[0].shelved")).isFalse();
        assertThat(feed(run)).containsExactly("RAISED WARNING", "ESCALATED DISTRESS");
        JsonPath records = given().queryParam("target", "alarm/" + alarmId).queryParam("action", "alarm.unshelve")
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(records.getList("items")).hasSize(1);
        assertThat(records.getString("items[0].actorSubject")).isEqualTo("system:alarms");
        assertThat(records.getString("items[0].payload.reason")).isEqualTo("escalated");
        assertThat(records.getString("items[0].payload.shelvedBy")).isEqualTo("test-lead");
    }

    @Test
    void aConditionReturningWhileShelvedIsANewOccurrence_butNotAnnounced() {
        String run = Api.newRun();
        UUID id = UUID.fromString(run);
        batch(id, alarm(8.0, "K", Severity.WARNING));
        int alarmId = onlyAlarm(run).getInt("[0].id");
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", alarmId).then().statusCode(200);
        batch(id, clear(9.0, "K"));
        assertThat(onlyAlarm(run).getString("[0].state")).isEqualTo("CLEARED");
        given().contentType(ContentType.JSON).body("{\"duration\":\"until-unshelved\"}")
                .post("/api/v1/alarms/{id}/shelve", alarmId).then().statusCode(200);

        batch(id, alarm(10.0, "K", Severity.WARNING));

        JsonPath a = onlyAlarm(run);
        assertThat(a.getString("[0].state")).isEqualTo("UNACKNOWLEDGED");
        assertThat(a.getInt("[0].occurrences")).isEqualTo(2);
        assertThat(a.getBoolean("[0].shelved")).isTrue();
        assertThat(a.getString("[0].shelvedUntil")).isNull();
        assertThat(feed(run)).containsExactly("RAISED WARNING");
    }

    @Test
    void aKeylessClearEndsTheFindingOfThatCodeAndSensor_whichLatchesWhenCritical() {
        String run = Api.newRun();
        UUID id = UUID.fromString(run);
        batch(id, new Event(8.0, EventType.FINDING, "GG_FUEL_STARVATION", Severity.CRITICAL, "TIT_A", List.of("TP-004"),
                "GG fuel starvation", Map.of("members", List.of("GG_FUEL_STARVATION"))));

        batch(id, new Event(9.0, EventType.CLEAR, "GG_FUEL_STARVATION", Severity.WATCH, "TIT_A", List.of("TP-004"),
                "no longer supported", Map.of("members", List.of("GG_FUEL_STARVATION"))));

        JsonPath a = onlyAlarm(run);
        assertThat(a.getString("[0].key")).isEqualTo("FINDING:GG_FUEL_STARVATION:TIT_A");
        assertThat(a.getString("[0].state")).isEqualTo("UNACKNOWLEDGED");
        assertThat(a.getBoolean("[0].conditionActive")).isFalse();
        assertThat(a.getBoolean("[0].latching")).isTrue();
        assertThat(a.getFloat("[0].clearedT")).isEqualTo(9.0f);
    }

    private static Event limit(double t, String key, String code, Severity s) {
        return new Event(t, EventType.ALARM, code, s, "TIT_A", List.of("RL-001"), "TIT_A " + code, Map.of("key", key, "value", 1000.0, "limit", 960.0));
    }

    @Test
    void theWarningAndRedlineOfOneSensorAreOneAlarm_thatClearsWithItsLastMember_andFollowsTheHighestLeft() {
        String run = Api.newRun();
        UUID id = UUID.fromString(run);
        batch(id, limit(8.0, "WARNING:TIT_A:HIGH", "WARNING_HIGH", Severity.WARNING));
        batch(id, limit(8.5, "REDLINE:TIT_A:HIGH", "REDLINE_HIGH", Severity.CRITICAL));
        JsonPath a = onlyAlarm(run);
        assertThat(a.getString("[0].key")).isEqualTo("LIMIT:TIT_A:HIGH");
        assertThat(a.getString("[0].code")).isEqualTo("REDLINE_HIGH");
        assertThat(a.getString("[0].severity")).isEqualTo("CRITICAL");
        assertThat(a.getBoolean("[0].firstOut")).isTrue();
        int alarmId = a.getInt("[0].id");
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/{id}/ack", alarmId).then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));

        batch(id, clear(9.0, "REDLINE:TIT_A:HIGH"));
        a = onlyAlarm(run);
        assertThat(a.getBoolean("[0].conditionActive")).as("the warning still holds").isTrue();
        assertThat(a.getString("[0].severity")).isEqualTo("WARNING");
        assertThat(a.getString("[0].state")).isEqualTo("ACKNOWLEDGED");

        batch(id, clear(9.5, "WARNING:TIT_A:HIGH"));
        assertThat(onlyAlarm(run).getString("[0].state")).isEqualTo("CLEARED");
        assertThat(feed(run)).containsExactly("RAISED WARNING", "ESCALATED CRITICAL");
    }

    @Test
    void onlyTheFirstAlarmOfARunIsFirstOut() {
        String run = Api.newRun();
        UUID id = UUID.fromString(run);
        batch(id, alarm(8.0, "WARNING:VIB_RMS:HIGH", Severity.WARNING), limit(8.0, "WARNING:TIT_A:HIGH", "WARNING_HIGH", Severity.WARNING));
        batch(id, limit(8.2, "WARNING:TIT_A:LOW", "WARNING_LOW", Severity.WARNING));
        List<Map<String, Object>> all = given().get("/api/v1/runs/{id}/alarms", run).then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(all).extracting(m -> m.get("key") + " " + m.get("firstOut"))
                .containsExactly("LIMIT:VIB_RMS:HIGH true", "LIMIT:TIT_A:HIGH false", "LIMIT:TIT_A:LOW false");
    }
}
