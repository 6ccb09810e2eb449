package io.hotfire.app.unit;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Telemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class UnitApiTest {

    static String run(String unit, String testId) {
        String body = unit == null ? "{\"engine\":\"gg1\",\"testId\":\"" + testId + "\",\"stand\":\"A-1\"}"
                : "{\"engine\":\"gg1\",\"testId\":\"" + testId + "\",\"unit\":\"" + unit + "\",\"stand\":\"A-1\"}";
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/runs").then().statusCode(201).extract().path("id");
    }

    @Test
    void endingARunAtFullPower_fixesItsStartFiringTimeAndIndicators_andEndingAgainAnswersTheSame() {
        String unit = "SN-" + UUID.randomUUID().toString().substring(0, 8);
        String id = run(unit, "HF-U1");
        Api.postCsv(id, Telemetry.nominal().csv(0, 600)).statusCode(200);

        JsonPath end = given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/end", id).then().statusCode(200).extract().jsonPath();
        assertThat(end.getString("unit")).isEqualTo(unit);
        assertThat(end.getInt("starts")).isEqualTo(1);
        assertThat(end.getDouble("firingSeconds")).isBetween(11.0, 12.0);
        List<Map<String, Object>> ind = end.getList("indicators");
        assertThat(ind).extracting(m -> m.get("indicator")).containsExactly("CAGE_LINE_100", "TURBINE_EFF_100", "OX_INJ_DP_100");
        assertThat(ind).allSatisfy(m -> assertThat(m.get("value")).isNotNull());

        given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/end", id).then().statusCode(200).body("endedAt", equalTo(end.getString("endedAt")));
        given().get("/api/v1/runs/{id}", id).then().body("unit", equalTo(unit)).body("stand", equalTo("A-1"));
        given().get("/api/v1/units/{u}", unit).then().statusCode(200)
                .body("runs", equalTo(1)).body("starts", equalTo(1)).body("history[0].testId", equalTo("HF-U1"));
    }

    @Test
    void aRunWithoutAUnit_isAccepted_andEndsWithItsIndicatorsButNoUnitHistory() {
        String id = run(null, "HF-NOUNIT");
        given().get("/api/v1/runs/{id}", id).then().body("unit", nullValue());
        Api.postCsv(id, Telemetry.nominal().csv(0, 200)).statusCode(200);
        JsonPath end = given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/end", id).then().statusCode(200).extract().jsonPath();
        assertThat(end.getString("unit")).isNull();
        assertThat(end.getList("trends")).isEmpty();
        // 4 s at 100 %: the matched operating point is too short, so every indicator is missing with the reason.
        List<Map<String, Object>> ind = end.getList("indicators");
        assertThat(ind).allSatisfy(m -> {
            assertThat(m.get("value")).isNull();
            assertThat((String) m.get("missingReason")).startsWith("no matched operating point");
        });
    }

    @Test
    void aBadUnitSerialIs400NamingTheField() {
        problem(given().contentType(ContentType.JSON).body("{\"engine\":\"gg1\",\"unit\":\"bad serial!\"}").post("/api/v1/runs").then(), 400)
                .body("field", equalTo("unit"));
        problem(given().get("/api/v1/units/{u}", "NO-SUCH-UNIT").then(), 404);
    }

    @Test
    void theStartThatTakesTheTurbopumpTo90PercentOfItsStarts_raisesALifeLimitAlarmOnThatRun() {
        String unit = "SN-" + UUID.randomUUID().toString().substring(0, 8);
        String last = null;
        for (int i = 0; i < 18; i++) { // gg1 turbopump: 20 starts; 18 = 90 %
            last = run(unit, "HF-L" + i);
            Api.postCsv(last, Telemetry.nominal().csv(0, 60)).statusCode(200); // 1.2 s: one short start
            given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/end", last).then().statusCode(200).body("starts", equalTo(1));
        }
        JsonPath alarms = given().get("/api/v1/runs/{id}/alarms", last).then().statusCode(200).extract().jsonPath();
        assertThat(alarms.getList("code", String.class)).contains(UnitService.LIFE_LIMIT_NEAR);
        JsonPath u = given().get("/api/v1/units/{u}", unit).then().statusCode(200).extract().jsonPath();
        assertThat(u.getInt("starts")).isEqualTo(18);
        assertThat(u.getDouble("life.find { it.component == 'TURBOPUMP' && it.measure == 'starts' }.fraction")).isEqualTo(0.9);
        String previous = u.getString("history[16].runId");
        assertThat(given().get("/api/v1/runs/{id}/alarms", previous).then().extract().jsonPath().getList("code", String.class))
                .doesNotContain(UnitService.LIFE_LIMIT_NEAR);
    }

    @Test
    void maintenanceIsRecordedOnTheUnit() {
        String unit = "SN-" + UUID.randomUUID().toString().substring(0, 8);
        run(unit, "HF-M1");
        given().contentType(ContentType.JSON).body("{\"note\":\"bearing replaced\"}").post("/api/v1/units/{u}/maintenance", unit)
                .then().statusCode(200).body("note", equalTo("bearing replaced")).body("by", equalTo("test-engineer"));
        given().get("/api/v1/units/{u}", unit).then().body("maintenance[0].note", equalTo("bearing replaced"));
    }
}
