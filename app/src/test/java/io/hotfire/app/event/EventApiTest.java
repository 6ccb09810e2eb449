package io.hotfire.app.event;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class EventApiTest {

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
