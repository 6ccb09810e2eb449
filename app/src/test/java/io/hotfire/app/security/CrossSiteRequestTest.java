package io.hotfire.app.security;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.app.support.Endpoints;
import io.hotfire.app.support.Endpoints.Endpoint;
import io.hotfire.app.support.Scenarios;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Cross-site request forgery is refused before anything happens (CrossSiteRequestFilter): a page of
 * another origin, or a body type any page can send without a CORS preflight (form, text/plain, none)
 * and no X-Requested-By header. Each refusal is problem+json naming the reason; the alarm stays as it was.
 */
@QuarkusTest
class CrossSiteRequestTest {

    static final String EVIL = "https://evil.example";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URL root;

    static RequestSpecification lead() {
        return given().auth().preemptive().basic("lead", "lead-dev");
    }

    /**
     * A request with no body and no Content-Type at all (rest-assured would add a form type to a
     * bodiless POST), as lead. Answers status and content type.
     */
    String[] bare(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(self() + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("lead:lead-dev".getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.request().headers().firstValue("Content-Type")).isEmpty();
        return new String[] {Integer.toString(r.statusCode()), r.headers().firstValue("Content-Type").orElse(""), r.body()};
    }

    String self() {
        return "http://" + root.getHost() + ":" + root.getPort();
    }

    /** A run of HOT_TURBINE: a latching ABORT alarm, unacknowledged. */
    static long abortAlarm() {
        String run = given().auth().preemptive().basic("ingest", "ingest-dev").contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-CSRF\"}").post("/api/v1/runs").then().statusCode(201).extract().path("id");
        given().auth().preemptive().basic("ingest", "ingest-dev").contentType("text/csv").body(Scenarios.HOT_TURBINE.csv(0, 600))
                .post("/api/v1/runs/{id}/csv", run).then().statusCode(200);
        List<Map<String, Object>> alarms = lead().get("/api/v1/runs/{id}/alarms", run).then().statusCode(200).extract().jsonPath().getList("$");
        Map<String, Object> abort = alarms.stream().filter(a -> "ABORT".equals(a.get("source"))).findFirst().orElseThrow();
        assertThat(abort).containsEntry("latching", true).containsEntry("state", "UNACKNOWLEDGED");
        return ((Number) abort.get("id")).longValue();
    }

    static String state(long alarm) {
        return lead().get("/api/v1/alarms/{id}", alarm).then().statusCode(200).extract().path("state");
    }

    @Test
    void aForgedAcknowledgementOfALatchingAbortIsRefusedInEveryForm_andTheAlarmStaysUnacknowledged() throws Exception {
        long alarm = abortAlarm();
        String json = "{\"comment\":\"forged\"}";

        // text/plain from a foreign page: what a cross-site form or fetch without preflight can send.
        problem(lead().header("Origin", EVIL).contentType(ContentType.TEXT).body(json).post("/api/v1/alarms/{id}/ack", alarm).then(), 403)
                .body("type", equalTo("urn:hotfire:problem:cross-origin-request")).body("origin", equalTo(EVIL));
        // Even a JSON body (a preflight would be refused, but a browser says where it came from).
        problem(lead().header("Origin", EVIL).contentType(ContentType.JSON).body(json).post("/api/v1/alarms/{id}/ack", alarm).then(), 403);
        // No Origin, but a foreign Referer.
        problem(lead().header("Referer", EVIL + "/page.html").contentType(ContentType.JSON).body(json).post("/api/v1/alarms/{id}/ack", alarm).then(), 403)
                .body("detail", containsString("Referer"));
        // A sandboxed frame or a file: page sends Origin: null.
        problem(lead().header("Origin", "null").contentType(ContentType.JSON).body(json).post("/api/v1/alarms/{id}/ack", alarm).then(), 403);
        // Same origin (or none) but a body type any page may send without a preflight.
        problem(lead().contentType(ContentType.TEXT).body(json).post("/api/v1/alarms/{id}/ack", alarm).then(), 415)
                .body("type", equalTo("urn:hotfire:problem:csrf-content-type")).body("field", equalTo("Content-Type"));
        problem(lead().contentType(ContentType.URLENC).body("comment=forged").post("/api/v1/alarms/{id}/ack", alarm).then(), 415);
        // No body type at all and no X-Requested-By.
        String[] none = bare("POST", "/api/v1/alarms/" + alarm + "/ack");
        assertThat(none[0]).isEqualTo("403");
        assertThat(none[1]).startsWith("application/problem+json");
        assertThat(none[2]).contains("urn:hotfire:problem:csrf-header-missing").contains("X-Requested-By");
        assertThat(state(alarm)).isEqualTo("UNACKNOWLEDGED");

        // The console's own request: same origin, JSON.
        lead().header("Origin", self()).contentType(ContentType.JSON).body("{\"comment\":\"seen\"}").post("/api/v1/alarms/{id}/ack", alarm)
                .then().statusCode(200).body("state", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void everyStateChangingEndpointRefusesTextPlainAndAMissingBodyType_andAForeignOrigin() throws Exception {
        String none = UUID.randomUUID().toString();
        List<String> wrong = new ArrayList<>();
        for (Endpoint e : Endpoints.ALL) {
            if (e.method().equals("GET")) {
                continue;
            }
            String path = e.path().replace("{run}", none).replace("{emptyRun}", none).replaceAll("\\{(alarm|ackable|shelved)}", "1")
                    .replace("{observation}", none).replace("{unit}", "AUTHZ-UNIT").replace("{indicator}", "CAGE_LINE_100")
                    .replace("{sensor}", "PC_A")
                        .replace("{domain}", "gg1").replace("{version}", "999");
            Response plain = lead().contentType(ContentType.TEXT).body(e.body() == null ? "x" : e.body()).request(e.method(), path);
            String[] bare = bare(e.method(), path);
            RequestSpecification foreign = lead().header("Origin", EVIL).header(Endpoints.CSRF_HEADER, "hotfire");
            if (e.contentType() != null) {
                foreign = foreign.contentType(e.contentType()).body(e.body());
            }
            Response cross = foreign.request(e.method(), path);
            if (plain.statusCode() != 415 || !bare[0].equals("403") || cross.statusCode() != 403
                    || !plain.contentType().startsWith("application/problem+json") || !bare[1].startsWith("application/problem+json")) {
                wrong.add(e + " -> text/plain " + plain.statusCode() + ", none " + bare[0] + ", foreign origin " + cross.statusCode());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void nonBrowserClientsPassWithAJsonOrCsvBodyOrTheCustomHeader() {
        String run = given().auth().preemptive().basic("ingest", "ingest-dev").contentType("application/json; charset=UTF-8")
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-CLIENT\"}").post("/api/v1/runs").then().statusCode(201).extract().path("id");
        given().auth().preemptive().basic("ingest", "ingest-dev").contentType("text/csv").body(Endpoints.TWO_ROWS)
                .post("/api/v1/runs/{id}/csv", run).then().statusCode(200);
        // No body: the header (any value) is the client's statement that no web page sent it.
        given().auth().preemptive().basic("lead", "lead-dev").header(Endpoints.CSRF_HEADER, "curl")
                .post("/api/v1/alarms/{id}/unshelve", 999_999_999).then().statusCode(404);
        // An allowed same-origin page (Origin equal to the server's) also passes.
        given().auth().preemptive().basic("ingest", "ingest-dev").header("Origin", self()).contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-SAME-ORIGIN\"}").post("/api/v1/runs").then().statusCode(201);
    }

    @Test
    void theSignInFormRefusesAForeignPageAndAPlainFormPost() {
        problem(given().header("Origin", EVIL).header(Endpoints.CSRF_HEADER, "hotfire-console").contentType(ContentType.URLENC)
                .formParam("j_username", "lead").formParam("j_password", "lead-dev").post("/j_security_check").then(), 403);
        problem(given().contentType(ContentType.URLENC).formParam("j_username", "lead").formParam("j_password", "lead-dev")
                .post("/j_security_check").then(), 415);
    }

    @Test
    void theConsoleSendsCspFrameDenialAndNosniff_andTheApiNosniffAndFrameDenial() {
        for (String path : List.of("/console", "/console/login.html", "/console/assets/api.js")) {
            Response r = given().redirects().follow(false).get(path);
            assertThat(r.header("Content-Security-Policy")).as(path)
                    .contains("default-src 'self'").contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        }
        Response api = lead().get("/api/v1/me");
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("X-Frame-Options")).isEqualTo("DENY");
    }
}
