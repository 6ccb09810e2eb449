package io.hotfire.app.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.hotfire.app.support.Endpoints;
import io.hotfire.app.support.Endpoints.Endpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Local mode, the default: the built-in users over HTTP Basic, with their real bcrypt hashes. */
@QuarkusTest
class LocalAuthTest {

    private static final String NO_RUN = UUID.randomUUID().toString();

    @Test
    void everyEndpointRefusesAnAnonymousRequestWith401AndABasicChallenge() {
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : Endpoints.ALL) {
            Response r = call(given(), e);
            String challenge = r.header("WWW-Authenticate");
            if (r.statusCode() != 401 || challenge == null || !challenge.startsWith("Basic realm=\"hotfire (local mode)\"")) {
                wrong.add(e + " -> " + r.statusCode() + " " + challenge);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void eachBuiltInUserSignsInWithItsDevelopmentPasswordAndHasItsRole() {
        for (String user : List.of(Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN)) {
            given().auth().preemptive().basic(user, user + "-dev").get("/api/v1/me").then().statusCode(200)
                    .body("subject", equalTo("local:" + user))
                    .body("name", equalTo(user))
                    .body("client", equalTo("local"))
                    .body("roles", equalTo(List.of(user)))
                    .body("authMode", equalTo("local"));
        }
    }

    @Test
    void aWrongPasswordAnUnknownUserOrMalformedCredentialsAre401() {
        given().auth().preemptive().basic("engineer", "lead-dev").get("/api/v1/runs").then().statusCode(401);
        given().auth().preemptive().basic("nobody", "nobody-dev").get("/api/v1/runs").then().statusCode(401);
        given().header("Authorization", "Basic !!!not-base64").get("/api/v1/runs").then().statusCode(401);
        given().header("Authorization", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()))
                .get("/api/v1/runs").then().statusCode(401);
    }

    @Test
    void aBearerTokenAuthenticatesNobodyInLocalMode() {
        String forged = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4IiwicmVhbG1fYWNjZXNzIjp7InJvbGVzIjpbImFkbWluIl19fQ.c2ln";
        given().auth().oauth2(forged).get("/api/v1/runs").then().statusCode(401);
        given().auth().oauth2(forged).contentType(ContentType.JSON).body("{\"engine\":\"gg1\"}").post("/api/v1/runs").then().statusCode(401);
    }

    @Test
    void rolesAreEnforcedForLocalUsers() {
        given().auth().preemptive().basic("auditor", "auditor-dev").contentType(ContentType.JSON).body("{\"engine\":\"gg1\"}")
                .post("/api/v1/runs").then().statusCode(403);
        given().auth().preemptive().basic("ingest", "ingest-dev").get("/api/v1/audit").then().statusCode(403);
        given().auth().preemptive().basic("admin", "admin-dev").header(Endpoints.CSRF_HEADER, "hotfire").post("/api/v1/alarms/1/ack").then().statusCode(403);
        given().auth().preemptive().basic("ingest", "ingest-dev").contentType(ContentType.JSON).body("{\"engine\":\"gg1\"}")
                .post("/api/v1/runs").then().statusCode(201);
    }

    @Test
    void aLocalUsersActionsAreAuditedUnderTheirLocalSubject() {
        String run = given().auth().preemptive().basic("ingest", "ingest-dev").contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"LOCAL-ACTOR\"}").post("/api/v1/runs")
                .then().statusCode(201).extract().path("id");

        JsonPath records = given().auth().preemptive().basic("auditor", "auditor-dev")
                .queryParam("run", run).queryParam("action", "run.create").get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
        assertThat(records.getList("items")).hasSize(1);
        assertThat(records.getString("items[0].actorSubject")).isEqualTo("local:ingest");
        assertThat(records.getString("items[0].actorName")).isEqualTo("ingest");
        assertThat(records.getString("items[0].actorClient")).isEqualTo("local");
    }

    @Test
    void theConsoleSendsABrowserWithoutASessionToTheSignInForm_andStillGreetsABasicClient() {
        given().redirects().follow(false).get("/console").then().statusCode(302)
                .header("Location", endsWith("/console/login.html"));
        given().auth().preemptive().basic("lead", "lead-dev").get("/console").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<strong id=\"user\">lead</strong>"))
                .body(containsString("local mode"));
    }

    /** A new endpoint must be added to {@link Endpoints} (and so to every authorization test) before this passes. */
    @Test
    void theAuthorizationTableCoversEveryEndpointOfTheApi() {
        Map<String, Map<String, Object>> paths = given().auth().preemptive().basic("lead", "lead-dev")
                .get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, ops) -> ops.keySet().stream()
                .filter(m -> Set.of("get", "post", "put", "delete", "patch").contains(m))
                .forEach(m -> documented.add(m.toUpperCase() + " " + path.replaceAll("\\{[^}]+}", "{}"))));
        // The console is guarded by the OIDC code flow, tested in ConsoleLoginKeycloakTest.
        documented.remove("GET /console");
        Set<String> tabled = new TreeSet<>();
        Endpoints.ALL.forEach(e -> tabled.add(e.method() + " " + e.path().replaceAll("\\?.*", "").replaceAll("\\{[^}]+}", "{}")));

        assertThat(tabled).isEqualTo(documented);
    }

    static Response call(RequestSpecification spec, Endpoint e) {
        String path = e.path().replace("{run}", NO_RUN).replace("{emptyRun}", NO_RUN).replaceAll("\\{(alarm|ackable|shelved)}", "1")
                .replace("{observation}", NO_RUN).replace("{unit}", "AUTHZ-UNIT").replace("{indicator}", "CAGE_LINE_100")
                .replace("{sensor}", "PC_A")
                        .replace("{domain}", "gg1").replace("{version}", "999");
        if (e.contentType() != null) {
            spec = spec.contentType(e.contentType()).body(e.body());
        } else if (!e.method().equals("GET")) {
            spec = spec.header(Endpoints.CSRF_HEADER, "hotfire");
        }
        return spec.request(e.method(), path);
    }
}
