package io.hotfire.app.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.support.Endpoints;
import io.hotfire.app.support.Endpoints.Endpoint;
import io.hotfire.app.support.KeycloakProfile;
import io.hotfire.app.support.Scenarios;
import io.hotfire.app.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The authorization table against a real Keycloak with the repository's realm: every endpoint,
 * called by every development user, the ingest service account (client credentials) and nobody,
 * answers its success status to its roles, 403 to the others and 401 without a valid token.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class AuthorizationMatrixKeycloakTest {

    /** Who calls: a token source (null: no token) and the realm roles Keycloak gives them. */
    record Identity(String name, Supplier<String> token, Set<String> roles) {
    }

    static final List<Identity> IDENTITIES = List.of(
            new Identity("anonymous", null, Set.of()),
            new Identity("engineer", () -> Tokens.user("engineer"), Set.of(Roles.ENGINEER)),
            new Identity("lead", () -> Tokens.user("lead"), Set.of(Roles.LEAD)),
            new Identity("auditor", () -> Tokens.user("auditor"), Set.of(Roles.AUDITOR)),
            new Identity("ingest", () -> Tokens.user("ingest"), Set.of(Roles.INGEST)),
            new Identity("admin", () -> Tokens.user("admin"), Set.of(Roles.ADMIN)),
            new Identity("hotfire-ingest client", Tokens::ingestClient, Set.of(Roles.INGEST)),
            new Identity("visitor (no Hotfire role)", () -> Tokens.user("visitor"), Set.of()));

    private static RequestSpecification as(String token) {
        return token == null ? given() : given().auth().oauth2(token);
    }

    @Test
    void everyEndpointAnswersItsRolesWithSuccess_othersWith403_andNoTokenWith401() {
        String engineer = Tokens.user("engineer");
        String run = as(engineer).contentType(ContentType.JSON).body("{\"engine\":\"gg1\",\"testId\":\"MATRIX\"}").post("/api/v1/runs")
                .then().statusCode(201).extract().path("id");
        as(engineer).contentType("text/csv").body(Scenarios.DEAD_PC_A_AND_ROUGH_PUMP.csv(0, 750)).post("/api/v1/runs/{id}/csv", run)
                .then().statusCode(200);
        String emptyRun = as(engineer).contentType(ContentType.JSON).body("{\"engine\":\"gg1\"}").post("/api/v1/runs")
                .then().statusCode(201).extract().path("id");
        List<Map<String, Object>> alarms = as(engineer).get("/api/v1/runs/{id}/alarms", run).then().statusCode(200)
                .extract().jsonPath().getList("$");
        String plain = alarms.stream().filter(a -> !(Boolean) a.get("latching")).map(a -> a.get("id").toString()).findFirst().orElseThrow();
        Deque<String> ackable = new ArrayDeque<>(alarms.stream()
                .filter(a -> Set.of("UNACKNOWLEDGED", "RETURNED_UNACKNOWLEDGED").contains(a.get("state")))
                .map(a -> a.get("id").toString()).toList());
        assertThat(ackable).as("acknowledgeable alarms for the permitted acknowledgements").hasSizeGreaterThanOrEqualTo(2);
        String observation = as(engineer).contentType(ContentType.JSON).body(Endpoints.NOTE).post("/api/v1/runs/{id}/notes", run)
                .then().statusCode(201).extract().path("observations[0].id");

        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Endpoint e : Endpoints.ALL) {
            for (Identity who : IDENTITIES) {
                int expected = who.token() == null ? 401 : e.permits(who.roles()) ? e.success() : 403;
                String path = e.path().replace("{run}", run).replace("{emptyRun}", emptyRun).replace("{alarm}", plain)
                        .replace("{shelved}", plain).replace("{observation}", observation)
                        .replace("{unit}", "AUTHZ-UNIT").replace("{indicator}", "CAGE_LINE_100").replace("{sensor}", "PC_A")
                        .replace("{domain}", "gg1").replace("{version}", "999");
                if (path.contains("{ackable}")) {
                    path = path.replace("{ackable}", expected == 200 ? ackable.pop() : plain);
                }
                if (e.path().contains("{shelved}") && expected == 200) {
                    as(engineer).contentType(ContentType.JSON).body("{\"duration\":\"until-unshelved\"}")
                            .post("/api/v1/alarms/{id}/shelve", plain).then().statusCode(200);
                }
                RequestSpecification spec = as(who.token() == null ? null : who.token().get());
                if (e.contentType() != null) {
                    spec = spec.contentType(e.contentType()).body(e.body());
                } else if (!e.method().equals("GET")) {
                    spec = spec.header(Endpoints.CSRF_HEADER, "hotfire");
                }
                Response r = spec.request(e.method(), path);
                calls++;
                if (r.statusCode() != expected) {
                    wrong.add(String.format("%-45s %-26s expected %d, got %d %s", e, who.name(), expected, r.statusCode(),
                            r.asString().length() > 200 ? r.asString().substring(0, 200) : r.asString()));
                }
            }
        }
        assertThat(wrong).as("mismatches in %d calls", calls).isEmpty();
        assertThat(calls).isEqualTo(Endpoints.ALL.size() * IDENTITIES.size());
    }

    @Test
    void refusedCallsLeaveNoTraceInTheAuditLog_permittedOnesNameTheirActor() {
        String engineer = Tokens.user("engineer");
        String run = as(engineer).contentType(ContentType.JSON).body("{\"engine\":\"gg1\",\"testId\":\"TRACE\"}").post("/api/v1/runs")
                .then().statusCode(201).extract().path("id");
        for (String user : List.of("auditor", "admin", "visitor")) {
            as(Tokens.user(user)).contentType("text/csv").body(Endpoints.TWO_ROWS).post("/api/v1/runs/{id}/csv", run).then().statusCode(403);
        }
        as(Tokens.ingestClient()).contentType("text/csv").body(Endpoints.TWO_ROWS).post("/api/v1/runs/{id}/csv", run).then().statusCode(200);

        List<Map<String, Object>> records = as(Tokens.user("auditor")).queryParam("run", run).get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(records).extracting(m -> m.get("action") + " by " + m.get("actorName") + " via " + m.get("actorClient"))
                .containsExactly("run.create by engineer via hotfire-cli",
                        "ingest.batch by service-account-hotfire-ingest via hotfire-ingest");
        assertThat(records.get(0).get("actorSubject")).isEqualTo(Tokens.claims(engineer).get("sub").asText());
    }

    @Test
    void invalidTokensAndLocalPasswordsAre401() {
        given().auth().oauth2("not.a.token").get("/api/v1/runs").then().statusCode(401);
        given().auth().preemptive().basic("engineer", "engineer-dev").get("/api/v1/runs").then().statusCode(401);
        // An ID token is issued to the client, not to the API: its audience is not hotfire-api.
        String idToken = Tokens.request(Map.of("grant_type", "password", "client_id", "hotfire-cli", "username", "engineer",
                "password", "engineer-dev", "scope", "openid")).body().replaceAll("(?s).*\"id_token\":\"([^\"]+)\".*", "$1");
        assertThat(Tokens.claims(idToken).get("aud").asText()).isEqualTo("hotfire-cli");
        given().auth().oauth2(idToken).get("/api/v1/runs").then().statusCode(401);
    }

    @Test
    void theRealmRefusesTheWrongGrantsToItsClients() {
        // The console is a browser client: no password grant. The ingest client needs its secret.
        assertThat(Tokens.request(Map.of("grant_type", "password", "client_id", "hotfire-console", "username", "engineer",
                "password", "engineer-dev")).statusCode()).isIn(400, 401);
        assertThat(Tokens.request(Map.of("grant_type", "client_credentials", "client_id", Tokens.INGEST_CLIENT,
                "client_secret", "wrong")).statusCode()).isEqualTo(401);
        HttpResponse<String> wrongPassword = Tokens.request(Map.of("grant_type", "password", "client_id", "hotfire-cli",
                "username", "engineer", "password", "wrong"));
        assertThat(wrongPassword.statusCode()).isIn(400, 401);
        assertThat(wrongPassword.body()).contains("invalid_grant");
    }
}
