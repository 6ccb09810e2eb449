package io.hotfire.app.rules;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class RuleApiTest {

    @Test
    void theRuleCatalogueListsEveryRuleWithItsMetadataAndTheVersion() {
        given().get("/api/v1/rules").then().statusCode(200)
                .body("engine", equalTo("gg1"))
                .body("version", startsWith("gg1-"))
                .body("rules.id", hasItem("RL-001"))
                .body("rules.id", hasItem("TB-001"))
                .body("rules.find { it.id == 'FD-001' }.faultCodes", hasItem("LOX_PUMP_CAVITATION"))
                .body("rules.find { it.id == 'FD-001' }.source", startsWith("FAULTS.md"));
    }

    @Test
    void anUnknownEngineIs400() {
        problem(given().queryParam("engine", "rd180").get("/api/v1/rules").then(), 400);
    }

    @Test
    void whyNotNamesTheFirstFailedConditionOfEachRuleForTheCode() {
        String run = Api.newRun();
        StringBuilder csv = new StringBuilder("t,THROTTLE_CMD,PC_A,PC_B\n");
        for (int i = 0; i < 60; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "%.2f,85,%.3f,%.3f%n", i * 0.02, 8.2 + (i % 2) * 0.01, 8.21 - (i % 2) * 0.01));
        }
        Api.postCsv(run, csv.toString()).statusCode(200);
        given().queryParam("code", "TP_ROTOR_WHIRL").queryParam("t", "1.1")
                .get("/api/v1/runs/{id}/why-not", run).then().statusCode(200)
                .body("code", equalTo("TP_ROTOR_WHIRL"))
                .body("rules[0].rule", equalTo("TP-003"))
                .body("rules[0].fired", equalTo(false))
                .body("rules[0].failed", equalTo("WindowInfo( isMainstage() )"));
    }

    @Test
    void whyNotRefusesAnUnknownCodeOrAMissingTime() {
        String run = Api.newRun();
        problem(given().queryParam("code", "WARP_CORE_BREACH").queryParam("t", "1")
                .get("/api/v1/runs/{id}/why-not", run).then(), 400).body("field", equalTo("code"));
        problem(given().queryParam("code", "TP_ROTOR_WHIRL")
                .get("/api/v1/runs/{id}/why-not", run).then(), 400).body("field", equalTo("t"));
        problem(given().queryParam("code", "TP_ROTOR_WHIRL").queryParam("t", "1")
                .get("/api/v1/runs/{id}/why-not", "00000000-0000-0000-0000-000000000001").then(), 404);
    }
}
