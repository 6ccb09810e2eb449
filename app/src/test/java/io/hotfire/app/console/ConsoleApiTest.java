package io.hotfire.app.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.hotfire.app.support.Api;
import io.hotfire.app.support.Telemetry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import io.restassured.http.ContentType;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The endpoints the console needs, without a browser. */
@QuarkusTest
class ConsoleApiTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void theServersRootLeadsToTheConsole() {
        given().redirects().follow(false).get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/console"));
    }

    @Test
    void theProfileGivesEveryChartItsLinesAndBand() {
        String run = given().auth().preemptive().basic("engineer", "engineer-dev").contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-PROFILE\"}").post("/api/v1/runs").then().statusCode(201).extract().path("id");
        given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/runs/{id}/profile", run).then().statusCode(200)
                .body("sensors", hasSize(32))
                .body("throttleChannel", equalTo("THROTTLE_CMD"))
                .body("sensors.find { it.id == 'TIT_A' }.limits.redHigh.basis", equalTo("ABSOLUTE"))
                .body("sensors.find { it.id == 'PC_A' }.limits.warnLow.basis", equalTo("EXPECTED"))
                // domains/gg1/console.yaml
                .body("charts", contains("PC_A", "N_TP", "TIT_A", "VIB_RMS"));
        given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/runs/{id}/profile", java.util.UUID.randomUUID().toString())
                .then().statusCode(404).contentType(Api.PROBLEM);
    }

    @Test
    void theEnginesListSaysWhichCanBeSimulatedAndWithWhichFaults() {
        given().auth().preemptive().basic("ingest", "ingest-dev").get("/api/v1/engines").then().statusCode(200)
                .body("id", hasItems("gg1", "phm2023"))
                .body("[0].sensors", equalTo(32))
                .body("[0].simulation.faults", hasItems("TP_BEARING_WEAR", "COMBUSTION_INSTABILITY", "GG_FUEL_STARVATION"))
                .body("[0].simulation.minimumDuration", greaterThan(0f));
    }

    @Test
    void aSimulationWithBadParametersIsRefusedNamingTheField() {
        for (String[] c : new String[][] {
                {"{\"engine\":\"gg1\",\"fault\":\"NO_SUCH_FAULT\"}", "fault"},
                {"{\"engine\":\"gg1\",\"speed\":0}", "speed"},
                {"{\"engine\":\"gg1\",\"duration\":\"long\"}", "duration"},
                {"{\"engine\":\"gg1\",\"onset\":5}", "onset"},
                {"{\"engine\":\"gg1\",\"colour\":\"red\"}", "colour"},
                {"{\"testId\":\"x\"}", "engine"}}) {
            given().auth().preemptive().basic("engineer", "engineer-dev").contentType(ContentType.JSON).body(c[0])
                    .post("/api/v1/feeds/simulation").then().statusCode(400).contentType(Api.PROBLEM).body("field", equalTo(c[1]));
        }
        given().auth().preemptive().basic("engineer", "engineer-dev").contentType("text/csv").body("t,NOPE\n0,1\n")
                .post("/api/v1/feeds/replay?engine=gg1").then().statusCode(400).contentType(Api.PROBLEM);
    }

    @Test
    void aSimulatedRunIsFedThroughIngestion_asItsStarter_andStopsWhenAsked() throws Exception {
        String run = given().auth().preemptive().basic("engineer", "engineer-dev").contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-FEED\",\"duration\":60,\"speed\":1}")
                .post("/api/v1/feeds/simulation").then().statusCode(201)
                .body("state", equalTo("running")).body("totalFrames", equalTo(3000)).extract().path("runId");
        long until = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < until && given().auth().preemptive().basic("lead", "lead-dev")
                .get("/api/v1/runs/{id}", run).then().extract().<Integer>path("frameCount") < 50) {
            Thread.sleep(100);
        }
        given().auth().preemptive().basic("ingest", "ingest-dev").header("X-Requested-By", "hotfire").post("/api/v1/feeds/{id}/stop", run).then().statusCode(200)
                .body("[0].runId", equalTo(run));
        until = System.currentTimeMillis() + 10_000;
        String state = "running";
        while (System.currentTimeMillis() < until && "running".equals(state)) {
            Thread.sleep(100);
            state = given().auth().preemptive().basic("lead", "lead-dev").get("/api/v1/feeds").then().statusCode(200)
                    .extract().jsonPath().getString("find { it.runId == '" + run + "' }.state");
        }
        assertThat(state).isEqualTo("stopped");
        int stored = given().auth().preemptive().basic("lead", "lead-dev").get("/api/v1/runs/{id}", run).then().extract().path("frameCount");
        assertThat(stored).isBetween(50, 2999);
        // Every batch is an ordinary ingest.batch of the engineer who started it; the stop is audited too.
        given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/audit?run={id}&action=ingest.batch&limit=1", run)
                .then().statusCode(200).body("items[0].actorName", equalTo("engineer")).body("items[0].payload.format", equalTo("simulation"));
        given().auth().preemptive().basic("auditor", "auditor-dev").get("/api/v1/audit?run={id}&action=feed.stop", run)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].actorName", equalTo("ingest"));
    }

    @Test
    void theStreamSendsEachCommittedFrameOnce_andNothingOfARefusedBatch() throws Exception {
        String run = given().auth().preemptive().basic("engineer", "engineer-dev").contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-STREAM\"}").post("/api/v1/runs").then().statusCode(201).extract().path("id");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<java.util.stream.Stream<String>> response = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/runs/" + run + "/stream?seconds=60"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("lead:lead-dev".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        Iterator<String> lines = response.body().iterator();
        StringBuilder seen = new StringBuilder();
        readUntil(lines, seen, "hello");
        csv(run, Telemetry.nominal().csv(0, 10)).statusCode(200);
        readUntil(lines, seen, "[9,0.18");
        // A batch that is refused (conflicting resend of seq 3) rolls back and must not be streamed.
        csv(run, "seq,t,PC_A\n3,0.06,1.0\n").statusCode(409);
        csv(run, Telemetry.nominal().csv(10, 15)).statusCode(200);
        readUntil(lines, seen, "[14,0.28");
        response.body().close();
        String all = seen.toString();
        assertThat(all).contains("[0,0.0,");
        assertThat(all.split("\\[3,", -1).length - 1).as("seq 3 sent once").isEqualTo(1);
    }

    private static void readUntil(Iterator<String> lines, StringBuilder seen, String needle) throws Exception {
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
            while (lines.hasNext()) {
                String l = lines.next();
                seen.append(l).append('\n');
                if (l.contains(needle)) {
                    return;
                }
            }
        });
        f.get(120, TimeUnit.SECONDS);
        assertThat(seen.toString()).contains(needle);
    }

    private static io.restassured.response.ValidatableResponse csv(String run, String body) {
        return given().auth().preemptive().basic("ingest", "ingest-dev").contentType("text/csv").body(body)
                .post("/api/v1/runs/{id}/csv", run).then();
    }

}
