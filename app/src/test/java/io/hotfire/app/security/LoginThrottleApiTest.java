package io.hotfire.app.security;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Password throttling in the running server, for HTTP Basic and the sign-in form alike: 429 with
 * Retry-After once a user has failed five times from this address, refused before the password is
 * checked (so even the right password waits), other users unaffected, and in again once the wait is
 * over. The wait passes on the throttle's clock, moved by the test, not on the wall clock.
 */
@QuarkusTest
class LoginThrottleApiTest {

    @Inject
    LoginThrottle throttle;

    @AfterEach
    void restore() {
        throttle.clock(Clock.systemUTC());
        throttle.reset();
    }

    @Test
    void fiveWrongPasswordsThen429WithRetryAfter_evenForTheRightPassword_otherUsersUnaffected_andInAgainAfterTheWait() {
        throttle.reset();
        // Time stands still until the test moves it: a loaded machine cannot let the wait pass in between.
        Instant start = Instant.now();
        throttle.clock(Clock.fixed(start, ZoneOffset.UTC));
        for (int i = 0; i < 5; i++) {
            given().auth().preemptive().basic("auditor", "guess-" + i).get("/api/v1/me").then().statusCode(401);
        }
        Response refused = given().auth().preemptive().basic("auditor", "guess-5").get("/api/v1/me");
        problem(refused.then(), 429).body("type", equalTo("urn:hotfire:problem:sign-in-throttled"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isPositive();
        assertThat(refused.jsonPath().getLong("retryAfterSeconds")).isEqualTo(retryAfter);

        // Refused before the password is checked: the right one waits too (it would pass if it were checked).
        problem(given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/me").then(), 429);
        // The sign-in form is throttled alike.
        problem(given().redirects().follow(false).header("X-Requested-By", "hotfire-console").contentType(ContentType.URLENC)
                .formParam("j_username", "auditor").formParam("j_password", "auditor-dev").post("/j_security_check").then(), 429);
        // Another user from the same address is not affected.
        given().auth().preemptive().basic("lead", "lead-dev").get("/api/v1/me").then().statusCode(200);

        // Once the wait is over, the right password gets in (and clears the count).
        throttle.clock(Clock.fixed(start.plusSeconds(retryAfter), ZoneOffset.UTC));
        given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("auditor"));
        given().auth().preemptive().basic("auditor", "one-more-typo").get("/api/v1/me").then().statusCode(401);
    }
}
