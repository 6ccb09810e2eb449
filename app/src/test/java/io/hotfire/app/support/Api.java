package io.hotfire.app.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Small helpers over rest-assured for the API tests. */
public final class Api {

    public static final String PROBLEM = "application/problem+json";

    private Api() {
    }

    /** Creates a gg1 run and returns its id. */
    public static String newRun() {
        return given().contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-TEST\"}")
                .post("/api/v1/runs")
                .then().statusCode(201)
                .extract().path("id");
    }

    public static ValidatableResponse postFrames(String runId, String json) {
        return given().contentType(ContentType.JSON).body(json)
                .post("/api/v1/runs/{id}/frames", runId)
                .then();
    }

    public static ValidatableResponse postCsv(String runId, String csv) {
        return given().contentType("text/csv").body(csv)
                .post("/api/v1/runs/{id}/csv", runId)
                .then();
    }

    /** Frames stored for a run, as the run reports it and as the frames listing shows it (must agree). */
    public static int storedFrames(String runId) {
        int reported = given().get("/api/v1/runs/{id}", runId).then().statusCode(200).extract().path("frameCount");
        int listed = given().queryParam("limit", 10_000).get("/api/v1/runs/{id}/frames", runId)
                .then().statusCode(200).extract().path("size()");
        if (reported != listed) {
            throw new AssertionError("run " + runId + " reports " + reported + " frames but lists " + listed);
        }
        return reported;
    }

    /** Asserts a problem document with this status. */
    public static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status)
                .contentType(startsWith(PROBLEM))
                .body("status", equalTo(status))
                .body("type", startsWith("urn:hotfire:problem:"))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    /** One JSON frame with the given sensor values (already JSON-formatted numbers or null). */
    public static String frame(long seq, double t, String values) {
        return "{\"seq\":" + seq + ",\"t\":" + t + ",\"values\":{" + values + "}}";
    }

    public static String batch(String... frames) {
        return "{\"frames\":[" + String.join(",", frames) + "]}";
    }
}
