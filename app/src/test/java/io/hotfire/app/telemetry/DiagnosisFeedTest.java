package io.hotfire.app.telemetry;

import io.hotfire.app.ingest.RunMonitors;
import static io.hotfire.app.support.Api.postCsv;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Telemetry;
import io.hotfire.domain.event.Severity;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class DiagnosisFeedTest {

    /** Both turbine inlet thermocouples past the 1050 K redline from t = 8 s: a real over-temperature. */
    private static final Telemetry HOT_TURBINE = Telemetry.nominal()
            .override("TIT_A", 8.0, t -> 1100 + 3 * Math.sin(37 * t))
            .override("TIT_B", 8.0, t -> 1102 + 3 * Math.cos(29 * t));

    /**
     * PC_A dead from 5 s, turbopump vibration past its warning line from 8 s: single-sensor
     * conclusions, so the events are the same in every session (when two sensors conclude in one
     * window, which one the rules name first may differ from session to session).
     */
    private static final Telemetry DEAD_PC_A_AND_ROUGH_PUMP = Telemetry.nominal()
            .override("PC_A", 5.0, t -> Double.NaN)
            .override("VIB_RMS", 8.0, t -> 9 + 0.2 * Math.sin(31 * t));

    @Inject
    RunMonitors monitors;

    @Test
    void aNominalRunRaisesNothingAboveWatch() {
        String run = Api.newRun();

        postCsv(run, Telemetry.nominal().csv(0, 750)).statusCode(200).body("accepted", equalTo(750));

        List<Map<String, Object>> events = events(run).getList("$");
        assertThat(events).allSatisfy(e -> assertThat(Severity.valueOf((String) e.get("severity"))).isEqualTo(Severity.WATCH));
    }

    @Test
    void aRedlineIsStoredAsEventsWithRulesEvidenceAndRuleSetVersion() {
        String run = Api.newRun();

        int reported = postCsv(run, HOT_TURBINE.csv(0, 600)).statusCode(200).extract().path("events");

        JsonPath events = events(run);
        List<Map<String, Object>> all = events.getList("$");
        assertThat(all).hasSize(reported).isNotEmpty();
        assertThat(all).anySatisfy(e -> {
            assertThat(Severity.valueOf((String) e.get("severity"))).matches(s -> s.atLeast(Severity.WARNING));
            assertThat((List<?>) e.get("rules")).isNotEmpty();
            assertThat(e.get("ruleSetVersion")).asString().startsWith("gg1-");
            assertThat(e.get("evidence")).isInstanceOf(Map.class);
        });
        assertThat(all).filteredOn(e -> Severity.valueOf((String) e.get("severity")).atLeast(Severity.WARNING))
                .isNotEmpty()
                .allSatisfy(e -> assertThat((Float) e.get("t")).isGreaterThanOrEqualTo(8.0f));
        given().queryParam("type", "ABORT").get("/api/v1/runs/{id}/events", run).then().statusCode(200)
                .body("type", everyItem(equalTo("ABORT")))
                .body("size()", equalTo((int) all.stream().filter(e -> e.get("type").equals("ABORT")).count()));
        given().queryParam("since", 8.0).get("/api/v1/runs/{id}/events", run).then().statusCode(200)
                .body("size()", equalTo((int) all.stream().filter(e -> (Float) e.get("t") >= 8.0f).count()));
    }

    @Test
    void aMonitorDroppedFromMemoryIsRebuiltFromTheStoredFrames() {
        String oneGo = Api.newRun();
        postCsv(oneGo, DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 600)).statusCode(200);

        String twoParts = Api.newRun();
        postCsv(twoParts, DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 470)).statusCode(200);
        monitors.closeAll();
        assertThat(monitors.size()).isZero();
        postCsv(twoParts, DEAD_PC_A_AND_ROUGH_PUMP.csv(470, 600)).statusCode(200);

        // Same events, the later ones concluded by the rebuilt monitor (the vibration alarm stood across the split);
        // the order of events concluded in one window is the rule engine's, not a contract.
        List<String> expected = summary(events(oneGo));
        assertThat(expected).anyMatch(e -> e.contains("CLEAR WARNING_HIGH") && e.contains("VIB_RMS"));
        assertThat(summary(events(twoParts))).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static JsonPath events(String run) {
        return given().queryParam("limit", 10_000).get("/api/v1/runs/{id}/events", run).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> summary(JsonPath events) {
        return events.<Map<String, Object>>getList("$").stream()
                .map(e -> e.get("t") + " " + e.get("type") + " " + e.get("code") + " " + e.get("severity") + " " + e.get("sensor"))
                .toList();
    }
}
