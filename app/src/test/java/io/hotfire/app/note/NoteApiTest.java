package io.hotfire.app.note;

import static io.hotfire.app.support.Api.postCsv;
import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

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

/**
 * Notes and observations with the LLM off (the default): offline intake on the in-process
 * embedding model, review of observations, and accepted observations reaching the rules.
 */
@QuarkusTest
@TestSecurity(user = "test-engineer", roles = {Roles.ENGINEER, Roles.AUDITOR})
class NoteApiTest {

    static final String NOTE = "Loud whine from the turbopump at T+9, no smell of kerosene near the GG skid.";

    /** The bearing-cage vibration line rising from 6 s to three times its expected value at 8 s, below its warning line (wear trends; a step would be a biased channel). */
    static final Telemetry CAGE_RISING = Telemetry.nominal()
            .override("VIB_CAGE", 6.0, t -> Math.min(0.6, 0.2 + 0.2 * (t - 6.0)) + 0.01 * Math.sin(23 * t));

    static JsonPath addNote(String run, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/runs/{id}/notes", run)
                .then().statusCode(201).extract().jsonPath();
    }

    static List<Map<String, Object>> audit(String run, String action) {
        return given().queryParam("run", run).queryParam("action", action).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    void aNoteBecomesGroundedObservationsFromTheOfflineModel_andIsAudited() {
        String run = Api.newRun();

        JsonPath note = addNote(run, "{\"text\":\"" + NOTE + "\",\"runTime\":9.5}");

        assertThat(note.getString("runId")).isEqualTo(run);
        assertThat(note.getString("text")).isEqualTo(NOTE);
        assertThat(note.getDouble("runTime")).isEqualTo(9.5);
        assertThat(note.getString("author")).isEqualTo("test-engineer");
        assertThat(note.getString("model")).startsWith("offline:all-MiniLM-L6-v2");
        assertThat(note.getString("fallbackReason")).isNull();
        List<Map<String, Object>> observations = note.getList("observations");
        assertThat(observations).extracting(o -> o.get("code"), o -> o.get("present"))
                .contains(org.assertj.core.groups.Tuple.tuple("AUDIBLE_WHINE_TURBOPUMP", true),
                        org.assertj.core.groups.Tuple.tuple("FUEL_SMELL_GG_SKID", false));
        assertThat(observations).allSatisfy(o -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> quote = (Map<String, Object>) o.get("quote");
            assertThat(NOTE.substring((Integer) quote.get("start"), (Integer) quote.get("end"))).isEqualTo(quote.get("text"));
            assertThat(o.get("status")).isEqualTo("PROPOSED");
            assertThat(o.get("model")).asString().startsWith("offline:");
        });
        Map<String, Object> whine = observations.stream().filter(o -> o.get("code").equals("AUDIBLE_WHINE_TURBOPUMP")).findFirst().orElseThrow();
        assertThat(((Number) whine.get("time")).doubleValue()).isEqualTo(9.0);
        assertThat(whine.get("component")).isEqualTo("turbopump");
        assertThat(whine.get("description")).asString().contains("whine");

        List<Map<String, Object>> listed = given().get("/api/v1/runs/{id}/notes", run).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(listed).singleElement().satisfies(n -> assertThat(n.get("id")).isEqualTo(note.getString("id")));
        List<Map<String, Object>> added = audit(run, "note.add");
        assertThat(added).singleElement().satisfies(r -> assertThat(r.get("summary")).asString().contains("offline:"));
        assertThat(audit(run, "llm.call")).as("the LLM is off: no call at all").isEmpty();
    }

    @Test
    void badNotesAreProblemsNamingTheField() {
        String run = Api.newRun();
        problem(given().contentType(ContentType.JSON).body("{\"text\":\"  \"}").post("/api/v1/runs/{id}/notes", run).then(), 400)
                .body("field", equalTo("text"));
        problem(given().contentType(ContentType.JSON).body("{\"runTime\":3}").post("/api/v1/runs/{id}/notes", run).then(), 400)
                .body("field", equalTo("text"));
        problem(given().contentType(ContentType.JSON).body("{\"text\":\"" + "x".repeat(4001) + "\"}")
                .post("/api/v1/runs/{id}/notes", run).then(), 400).body("field", equalTo("text"));
        problem(given().contentType(ContentType.JSON).body("{\"text\":\"whine\",\"runTime\":\"soon\"}")
                .post("/api/v1/runs/{id}/notes", run).then(), 400).body("field", equalTo("runTime"));
        problem(given().contentType(ContentType.JSON).body("{\"text\":\"whine\",\"author\":\"me\"}")
                .post("/api/v1/runs/{id}/notes", run).then(), 400).body("field", equalTo("author"));
        problem(given().contentType(ContentType.JSON).body("{\"text\":\"whine\"}")
                .post("/api/v1/runs/{id}/notes", UUID.randomUUID()).then(), 404);
        given().get("/api/v1/runs/{id}/notes", run).then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void acceptingAndRejectingAnObservationIsRecordedAndAudited() {
        String run = Api.newRun();
        JsonPath note = addNote(run, "{\"text\":\"" + NOTE + "\"}");
        String obs = note.getString("observations.find { it.code == 'AUDIBLE_WHINE_TURBOPUMP' }.id");

        given().contentType(ContentType.JSON).body("{\"comment\":\"heard it too\"}")
                .post("/api/v1/runs/{id}/observations/{obs}/accept", run, obs)
                .then().statusCode(200).body("status", equalTo("ACCEPTED")).body("decidedBy", equalTo("test-engineer"))
                .body("comment", equalTo("heard it too"));
        given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/observations/{obs}/accept", run, obs).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"));
        given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/observations/{obs}/reject", run, obs).then().statusCode(200)
                .body("status", equalTo("REJECTED"));

        assertThat(audit(run, "observation.accept")).as("a repeated decision changes nothing").hasSize(1);
        assertThat(audit(run, "observation.reject")).singleElement()
                .satisfies(r -> assertThat(r.get("target")).isEqualTo("observation/" + obs));
        given().get("/api/v1/runs/{id}/notes", run).then().statusCode(200)
                .body("[0].observations.find { it.id == '" + obs + "' }.status", equalTo("REJECTED"));
        problem(given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/observations/{obs}/accept", run, UUID.randomUUID()).then(), 404);
        problem(given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/observations/{obs}/accept", Api.newRun(), obs).then(), 404);
        problem(given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/observations/{obs}/accept", run, "not-a-uuid").then(), 400)
                .body("field", equalTo("obsId"));
    }

    @Test
    void anAcceptedWhineCorroboratesTheBearingWearFindingWithoutRaisingItsSeverity() {
        String run = Api.newRun();
        postCsv(run, CAGE_RISING.csv(0, 600)).statusCode(200);
        List<Map<String, Object>> before = findings(run, "TP_BEARING_WEAR");
        assertThat(before).as("the sensors alone isolate bearing wear").hasSize(1);
        assertThat(rulesOf(before.get(0))).doesNotContain("OB-001");

        JsonPath note = addNote(run, "{\"text\":\"" + NOTE + "\"}");
        String whine = note.getString("observations.find { it.code == 'AUDIBLE_WHINE_TURBOPUMP' }.id");
        postCsv(run, CAGE_RISING.csv(600, 650)).statusCode(200);
        assertThat(findings(run, "TP_BEARING_WEAR")).as("a proposed observation is not evidence").hasSize(1);

        given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/observations/{obs}/accept", run, whine).then().statusCode(200);
        postCsv(run, CAGE_RISING.csv(650, 700)).statusCode(200);

        List<Map<String, Object>> after = findings(run, "TP_BEARING_WEAR");
        assertThat(after).hasSize(2);
        Map<String, Object> corroborated = after.get(1);
        assertThat(corroborated.get("severity")).isEqualTo(before.get(0).get("severity"));
        assertThat(rulesOf(corroborated)).containsSubsequence("OB-001", "TP-001");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> observations = (List<Map<String, Object>>) ((Map<String, Object>) corroborated.get("evidence"))
                .get("observations");
        assertThat(observations).singleElement().satisfies(o -> {
            assertThat(o).containsEntry("observation", whine).containsEntry("code", "AUDIBLE_WHINE_TURBOPUMP")
                    .containsEntry("rule", "OB-001");
        });
        assertThat(events(run)).filteredOn(e -> e.get("type").equals("RECOMMENDATION") && ((Number) e.get("t")).doubleValue() > 12)
                .as("the recommendation does not move").isEmpty();

        given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/observations/{obs}/reject", run, whine).then().statusCode(200);
        postCsv(run, CAGE_RISING.csv(700, 750)).statusCode(200);
        List<Map<String, Object>> rejected = findings(run, "TP_BEARING_WEAR");
        assertThat(rejected).hasSize(3);
        assertThat(rulesOf(rejected.get(2))).doesNotContain("OB-001");
    }

    @Test
    void aWhineAloneOnANominalRunRaisesNothing() {
        String run = Api.newRun();
        postCsv(run, Telemetry.nominal().csv(0, 300)).statusCode(200);
        String whine = addNote(run, "{\"text\":\"" + NOTE + "\"}").getString("observations.find { it.code == 'AUDIBLE_WHINE_TURBOPUMP' }.id");
        given().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/observations/{obs}/accept", run, whine).then().statusCode(200);
        postCsv(run, Telemetry.nominal().csv(300, 600)).statusCode(200);
        assertThat(events(run)).extracting(e -> e.get("type")).doesNotContain("FINDING", "ALARM", "ABORT");
    }

    @Test
    void withoutARouteTheExplanationIsTheTemplateOverTheRuleTraceAndNoHypothesesAreOffered() {
        String run = Api.newRun();
        postCsv(run, CAGE_RISING.csv(0, 600)).statusCode(200);

        JsonPath x = given().get("/api/v1/runs/{id}/explanation", run).then().statusCode(200).extract().jsonPath();
        assertThat(x.getString("route")).isEqualTo("NONE");
        assertThat(x.getString("source")).isEqualTo("template");
        assertThat(x.getString("model")).isEqualTo("template:rule-trace");
        assertThat(x.getString("whatHappened")).contains("TP_BEARING_WEAR");
        assertThat(x.getList("rules", String.class)).contains("TP-001");
        assertThat(x.getList("evidence")).isNotEmpty();
        assertThat(x.getString("fallbackReason")).isNull();

        long finding = ((Number) findings(run, "TP_BEARING_WEAR").get(0).get("id")).longValue();
        JsonPath one = given().queryParam("finding", finding).get("/api/v1/runs/{id}/explanation", run)
                .then().statusCode(200).extract().jsonPath();
        assertThat(one.getLong("finding")).isEqualTo(finding);
        assertThat(one.getList("evidence", Map.class)).allSatisfy(e -> assertThat(e.get("finding")).isEqualTo("TP_BEARING_WEAR"));
        problem(given().queryParam("finding", 999_999_999).get("/api/v1/runs/{id}/explanation", run).then(), 404)
                .body("field", equalTo("finding"));
        problem(given().queryParam("finding", "x").get("/api/v1/runs/{id}/explanation", run).then(), 400)
                .body("field", equalTo("finding"));

        given().get("/api/v1/runs/{id}/hypotheses", run).then().statusCode(200)
                .body("status", equalTo("SUPPRESSED_OUT_OF_DISTRIBUTION"))
                .body("route", equalTo("NONE"))
                .body("advisory", equalTo(true))
                .body("hypotheses.size()", equalTo(0));
    }

    static List<Map<String, Object>> events(String run) {
        return given().queryParam("limit", 10_000).get("/api/v1/runs/{id}/events", run).then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    static List<Map<String, Object>> findings(String run, String code) {
        return events(run).stream().filter(e -> e.get("type").equals("FINDING") && e.get("code").equals(code)).toList();
    }

    @SuppressWarnings("unchecked")
    static List<String> rulesOf(Map<String, Object> event) {
        return (List<String>) event.get("rules");
    }
}
