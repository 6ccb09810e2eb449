package io.hotfire.app.run;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class RunApiTest {

    @Test
    void creatingARun_returns201WithIdLocationAndTheEnginesChannels() {
        var created = given().contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-042\",\"metadata\":{\"stand\":\"A2\",\"tags\":[1,2]}}")
                .post("/api/v1/runs")
                .then().statusCode(201)
                .extract();
        String id = created.path("id");
        assertThat(created.header("Location")).endsWith("/api/v1/runs/" + id);

        given().get("/api/v1/runs/{id}", id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("engine", equalTo("gg1"))
                .body("testId", equalTo("HF-042"))
                .body("metadata.stand", equalTo("A2"))
                .body("metadata.tags", hasSize(2))
                .body("channels", hasSize(32))
                .body("channels[0]", equalTo("THROTTLE_CMD"))
                .body("frameCount", equalTo(0))
                .body("lastSeq", nullValue());
    }

    @Test
    void anUnknownEngine_is400NamingIt() {
        problem(given().contentType(ContentType.JSON).body("{\"engine\":\"rs25\"}").post("/api/v1/runs").then(), 400)
                .body("field", equalTo("engine"))
                .body("engine", equalTo("rs25"))
                .body("detail", containsString("rs25"))
                .body("detail", containsString("gg1"));
    }

    @Test
    void listingRuns_showsNewRunsFirst() {
        String first = Api.newRun();
        String second = Api.newRun();

        given().queryParam("limit", 1000).get("/api/v1/runs").then().statusCode(200)
                .body("id", hasItem(first))
                .body("id", hasItem(second));
        given().queryParam("limit", 1).get("/api/v1/runs").then().statusCode(200)
                .body("$", hasSize(1))
                .body("[0].id", equalTo(second));
    }

    @Test
    void malformedRunBodies_are400ProblemsNamingTheField() {
        String[][] cases = {
                {"{\"testId\":\"x\"}", "engine"},
                {"{\"engine\":42}", "engine"},
                {"{\"engine\":\"gg1\",\"metadata\":[1]}", "metadata"},
                {"{\"engine\":\"gg1\",\"testId\":true}", "testId"},
                {"{\"engine\":\"gg1\",\"colour\":\"red\"}", "colour"},
                {"{\"engine\":\"gg1\",\"engine\":\"gg1\"}", "body"},
                {"{\"engine\":\"gg1\"", "body"},
                {"{\"engine\":\"gg1\"} {}", "body"},
                {"[\"gg1\"]", "body"},
                {"", "body"},
        };
        for (String[] c : cases) {
            problem(given().contentType(ContentType.JSON).body(c[0]).post("/api/v1/runs").then(), 400)
                    .body("field", equalTo(c[1]));
        }
    }

    @Test
    void anUnknownOrMalformedRunId_is404Problem() {
        problem(given().get("/api/v1/runs/{id}", "00000000-0000-0000-0000-000000000000").then(), 404);
        problem(given().get("/api/v1/runs/{id}", "not-a-uuid").then(), 404).body("id", equalTo("not-a-uuid"));
    }

    @Test
    void aBadLimit_is400NamingIt() {
        problem(given().queryParam("limit", "lots").get("/api/v1/runs").then(), 400).body("field", equalTo("limit"));
        problem(given().queryParam("limit", 0).get("/api/v1/runs").then(), 400).body("field", equalTo("limit"));
    }

    @Test
    void theWrongContentType_is415Problem() {
        problem(given().contentType("text/plain").body("{\"engine\":\"gg1\"}").post("/api/v1/runs").then(), 415);
    }

    @Test
    void theOpenApiDocument_describesTheEndpointsAndProblems() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", hasKey("/api/v1/runs"))
                .body("paths", hasKey("/api/v1/runs/{runId}/frames"))
                .body("paths", hasKey("/api/v1/runs/{runId}/csv"))
                .body("paths", hasKey("/api/v1/runs/{runId}/events"))
                .body("components.schemas", hasKey("Problem"));
    }
}
