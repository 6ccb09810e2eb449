package io.hotfire.app.domain;

import static io.hotfire.app.support.Api.newRun;
import static io.hotfire.app.support.Api.postCsv;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Telemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server routes GG-1 windows through its default learned model: built from the digital twin on
 * first start (cached under target/), attached in the background, recorded as {@code model.load},
 * and visible in the diagnosis as ROUTE events carrying the gate's figures.
 */
@QuarkusTest
@TestProfile(LearnedRoutingTest.Routed.class)
@TestSecurity(user = "test-engineer", roles = {Roles.ENGINEER, Roles.AUDITOR})
class LearnedRoutingTest {

    public static class Routed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hotfire.learned.mode", "default",
                    "hotfire.learned.cache-dir", System.getProperty("java.io.tmpdir") + "/../hotfire-cache");
        }
    }

    @Inject
    LearnedModels models;

    @BeforeEach
    void modelAttached() throws InterruptedException {
        assertThat(models.awaitLoaded(5, TimeUnit.MINUTES)).as("model loaded within 5 min").isTrue();
    }

    @Test
    void theDefaultModelRoutesGg1AndItsLoadIsAudited() {
        LearnedModels.Status s = models.status("gg1");
        assertThat(s.state()).isEqualTo(LearnedModels.State.ROUTED);
        assertThat(s.detail()).startsWith("learned-");

        given().get("/api/v1/rules").then().statusCode(200)
                .body("learned.state", org.hamcrest.Matchers.equalTo("ROUTED"))
                .body("learned.detail", org.hamcrest.Matchers.equalTo(s.detail()));

        List<Map<String, Object>> audit = given().queryParam("action", "model.load").get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(audit).anySatisfy(r -> {
            assertThat(r.get("target")).isEqualTo("engine/gg1");
            assertThat(String.valueOf(r.get("payload"))).contains(s.detail()).contains("routed");
        });
    }

    @Test
    void aRunGetsRouteEventsWithTheGatesFiguresAndTheModelVersion() {
        String run = newRun();
        postCsv(run, Telemetry.nominal().csv(0, 750)).statusCode(200);

        List<Map<String, Object>> routes = given().queryParam("type", "ROUTE").queryParam("limit", 1000)
                .get("/api/v1/runs/{id}/events", run).then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(routes).isNotEmpty();
        Map<String, Object> first = routes.get(0);
        assertThat(first.get("code")).isIn("IN_DISTRIBUTION", "OUT_OF_DISTRIBUTION");
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>) first.get("evidence");
        assertThat(evidence).containsKeys("pValue", "threshold", "topFeatures", "decidedBy");
        // What decided the route (the gate's score, the rules' envelope excursions, or both) is on the record.
        assertThat(evidence.get("decidedBy")).isIn("gate", "envelope", "gate+envelope");
        assertThat(String.valueOf(evidence)).contains(models.status("gg1").detail());
        assertThat((Float) first.get("t")).isGreaterThanOrEqualTo(3.5f);
        // Every decision is stored with the versions that made it: rules and learned model.
        assertThat(first.get("ruleSetVersion")).asString().matches("gg1-[0-9a-f]+\\+" + models.status("gg1").detail());
    }
}
