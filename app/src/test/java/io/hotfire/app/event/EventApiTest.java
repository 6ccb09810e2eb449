package io.hotfire.app.event;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class EventApiTest {

    @Inject
    EventStore store;

    /**
     * A group commit writes the events of all its runs in one JDBC batch and reads their ids back as
     * generated keys: each row handed on must carry the id the database gave THAT event (the alarms
     * and audit records name it), in the order written, and read back the same.
     */
    @Test
    void eventsOfSeveralRunsWrittenInOneBatchCarryTheIdsTheDatabaseGaveThem() {
        UUID a = UUID.fromString(Api.newRun());
        UUID b = UUID.fromString(Api.newRun());
        List<Event> ofA = List.of(event(0.1, "A-FIRST", Severity.WATCH), event(0.2, "A-SECOND", Severity.WARNING), event(0.3, "A-THIRD", Severity.CRITICAL));
        List<Event> ofB = List.of(event(0.1, "B-FIRST", Severity.WARNING), event(0.4, "B-SECOND", Severity.WATCH));
        List<List<EventEntity>> written = QuarkusTransaction.requiringNew().call(() -> store.appendAll(List.of(
                new EventStore.Appending(a, ofA, "rules-a"), new EventStore.Appending(b, List.of(), "rules-b"),
                new EventStore.Appending(b, ofB, "rules-b"))));

        assertThat(written).hasSize(3);
        assertThat(written.get(1)).isEmpty();
        List<EventEntity> all = new java.util.ArrayList<>(written.get(0));
        all.addAll(written.get(2));
        assertThat(all).extracting(r -> r.code).containsExactly("A-FIRST", "A-SECOND", "A-THIRD", "B-FIRST", "B-SECOND");
        assertThat(all).extracting(r -> r.id).doesNotContainNull().isSorted().doesNotHaveDuplicates();
        for (UUID run : List.of(a, b)) {
            List<EventView> read = QuarkusTransaction.requiringNew().call(() -> store.list(run, null, null, 100));
            List<EventEntity> mine = all.stream().filter(r -> r.runId.equals(run)).toList();
            assertThat(read).extracting(EventView::id).containsExactlyElementsOf(mine.stream().map(r -> r.id).toList());
            assertThat(read).extracting(EventView::code).containsExactlyElementsOf(mine.stream().map(r -> r.code).toList());
            assertThat(read).extracting(EventView::createdAt).containsOnly(mine.get(0).createdAt);
        }
        given().get("/api/v1/runs/{id}/events", b).then().statusCode(200)
                .body("code", equalTo(List.of("B-FIRST", "B-SECOND")))
                .body("ruleSetVersion", equalTo(List.of("rules-b", "rules-b")))
                .body("[1].evidence.value", equalTo(0.4f));
    }

    private static Event event(double t, String code, Severity severity) {
        return new Event(t, EventType.FINDING, code, severity, "PC_A", List.of("XX-" + code), "message of " + code, Map.<String, Object>of("value", t));
    }

    @Test
    void aRunWithoutFramesHasNoEvents() {
        given().get("/api/v1/runs/{id}/events", Api.newRun()).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void anUnknownTypeIs400NamingTheParameter() {
        problem(given().queryParam("type", "EXPLOSION").get("/api/v1/runs/{id}/events", Api.newRun()).then(), 400)
                .body("field", equalTo("type"));
    }

    @Test
    void aNonNumericSinceIs400NamingTheParameter() {
        problem(given().queryParam("since", "yesterday").get("/api/v1/runs/{id}/events", Api.newRun()).then(), 400)
                .body("field", equalTo("since"));
        problem(given().queryParam("since", "NaN").get("/api/v1/runs/{id}/events", Api.newRun()).then(), 400)
                .body("field", equalTo("since"));
    }

    @Test
    void eventsOfAnUnknownRunAre404() {
        problem(given().get("/api/v1/runs/{id}/events", "00000000-0000-0000-0000-000000000001").then(), 404);
    }
}
