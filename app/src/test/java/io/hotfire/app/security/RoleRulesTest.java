package io.hotfire.app.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.app.support.Api;
import io.hotfire.app.support.Endpoints;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * The role rules with identities injected by {@code @TestSecurity} (no sign-in): each role's
 * boundary, fast. The full table against a real Keycloak is AuthorizationMatrixKeycloakTest.
 */
@QuarkusTest
class RoleRulesTest {

    private static void createRun(int status) {
        given().contentType(ContentType.JSON).body("{\"engine\":\"gg1\"}").post("/api/v1/runs").then().statusCode(status);
    }

    @Test
    @TestSecurity(user = "daq", roles = Roles.INGEST)
    void ingestMayCreateRunsAndRead_butNotActOnAlarmsOrReadTheAudit() {
        createRun(201);
        given().get("/api/v1/runs").then().statusCode(200);
        given().get("/api/v1/alarms").then().statusCode(200);
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/1/ack").then().statusCode(403);
        given().get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "erin", roles = Roles.ENGINEER)
    void anEngineerMayIngestAndAcknowledge_butNotUnshelveOrAudit() {
        createRun(201);
        given().contentType(ContentType.JSON).body("{\"duration\":\"5m\"}").post("/api/v1/alarms/999999/shelve").then().statusCode(404);
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/999999/unshelve").then().statusCode(403);
        given().get("/api/v1/audit/verify").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "lee", roles = Roles.LEAD)
    void aLeadMayActOnAlarmsAndUnshelve_butNotIngest() {
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/999999/unshelve").then().statusCode(404);
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/999999/ack").then().statusCode(404);
        createRun(403);
        given().contentType("text/csv").body(Endpoints.TWO_ROWS).post("/api/v1/runs/00000000-0000-0000-0000-000000000000/csv")
                .then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ava", roles = Roles.AUDITOR)
    void anAuditorMayReadVerifyAndExportTheAudit_andReadRuns_butChangeNothing() {
        given().get("/api/v1/audit").then().statusCode(200);
        given().get("/api/v1/audit/verify").then().statusCode(200);
        given().get("/api/v1/audit/export.jsonl").then().statusCode(200);
        given().get("/api/v1/runs").then().statusCode(200);
        createRun(403);
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/999999/ack").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ada", roles = Roles.ADMIN)
    void anAdminMayUnshelve_butNotAcknowledgeIngestOrAudit() {
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/999999/unshelve").then().statusCode(404);
        given().header("X-Requested-By", "hotfire").post("/api/v1/alarms/999999/ack").then().statusCode(403);
        createRun(403);
        given().get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "ava", roles = Roles.AUDITOR)
    void aRefusalIsAProblemDocument() {
        Api.problem(given().contentType(ContentType.JSON).body("{\"engine\":\"gg1\"}").post("/api/v1/runs").then(), 403)
                .body("type", equalTo("urn:hotfire:problem:forbidden"));
    }

    @Test
    @TestSecurity(user = "vic", roles = "guest")
    void anIdentityWithoutAHotfireRoleMaySeeOnlyWhoItIs() {
        given().get("/api/v1/me").then().statusCode(200);
        given().get("/api/v1/runs").then().statusCode(403);
        given().get("/api/v1/alarms").then().statusCode(403);
    }
}
