package io.hotfire.app.telemetry;

import static io.hotfire.app.support.Api.batch;
import static io.hotfire.app.support.Api.frame;
import static io.hotfire.app.support.Api.postFrames;
import static io.hotfire.app.support.Api.problem;
import static io.hotfire.app.support.Api.storedFrames;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class JsonIngestionTest {

    @ConfigProperty(name = "hotfire.ingest.max-body-bytes")
    long maxBodyBytes;

    @TestHTTPResource("/")
    URI base;

    @Test
    void newFramesAreStoredAndCounted() {
        String run = Api.newRun();

        postFrames(run, batch(frame(0, 0.0, "\"PC_A\":9.7"), frame(1, 0.02, "\"PC_A\":9.71"))).statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(0))
                .body("lastSeq", equalTo(1))
                .body("frameCount", equalTo(2));

        given().get("/api/v1/runs/{id}/frames", run).then().statusCode(200)
                .body("seq", contains(0, 1))
                .body("[1].t", equalTo(0.02f))
                .body("[1].values.PC_A", equalTo(9.71f));
        given().get("/api/v1/runs/{id}", run).then().body("lastSeq", equalTo(1)).body("lastT", equalTo(0.02f));
    }

    @Test
    void aResentIdenticalBatchIsANoOpReportedAsDuplicates() {
        String run = Api.newRun();
        String body = batch(frame(0, 0.0, "\"PC_A\":9.7,\"N_TP\":null"), frame(1, 0.02, "\"PC_A\":9.71"));
        postFrames(run, body).statusCode(200).body("accepted", equalTo(2));

        postFrames(run, body).statusCode(200)
                .body("accepted", equalTo(0))
                .body("duplicates", equalTo(2))
                .body("frameCount", equalTo(2));
        postFrames(run, batch(frame(1, 0.02, "\"PC_A\":9.71"), frame(2, 0.04, "\"PC_A\":9.72"))).statusCode(200)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(1));
        assertThat(storedFrames(run)).isEqualTo(3);
    }

    @Test
    void theSameSeqWithOtherValuesIs409AndStoresNothing() {
        String run = Api.newRun();
        postFrames(run, batch(frame(0, 0.0, "\"PC_A\":9.7"))).statusCode(200);

        problem(postFrames(run, batch(frame(0, 0.0, "\"PC_A\":9.8"), frame(1, 0.02, "\"PC_A\":9.7"))), 409)
                .body("seq", equalTo(0));
        problem(postFrames(run, batch(frame(0, 0.5, "\"PC_A\":9.7"))), 409).body("seq", equalTo(0));
        assertThat(storedFrames(run)).isEqualTo(1);
    }

    @Test
    void aSeqRepeatedInsideOneBatch_countsOnceWhenIdentical_andIs409WhenNot() {
        String run = Api.newRun();
        String f = frame(0, 0.0, "\"PC_A\":9.7");

        postFrames(run, batch(f, f)).statusCode(200).body("accepted", equalTo(1)).body("duplicates", equalTo(1));
        problem(postFrames(run, batch(frame(1, 0.02, "\"PC_A\":1"), frame(1, 0.02, "\"PC_A\":2"))), 409).body("seq", equalTo(1));
        assertThat(storedFrames(run)).isEqualTo(1);
    }

    @Test
    void aGapIsAccepted_butFillingItLaterIs409() {
        String run = Api.newRun();
        postFrames(run, batch(frame(0, 0.0, ""), frame(5, 0.1, ""))).statusCode(200).body("accepted", equalTo(2));

        problem(postFrames(run, batch(frame(3, 0.06, ""))), 409)
                .body("type", equalTo("urn:hotfire:problem:out-of-order-frame"))
                .body("seq", equalTo(3))
                .body("lastSeq", equalTo(5));
        assertThat(storedFrames(run)).isEqualTo(2);
    }

    @Test
    void framesOfABatchMayComeInAnyOrder() {
        String run = Api.newRun();

        postFrames(run, batch(frame(2, 0.04, ""), frame(0, 0.0, ""), frame(1, 0.02, ""))).statusCode(200)
                .body("accepted", equalTo(3))
                .body("lastSeq", equalTo(2));
        given().get("/api/v1/runs/{id}/frames", run).then().body("seq", contains(0, 1, 2));
    }

    @Test
    void anUnknownSensorIs400NamingIt() {
        String run = Api.newRun();

        problem(postFrames(run, batch(frame(0, 0.0, "\"PC_A\":9.7"), frame(1, 0.02, "\"PC_C\":9.7"))), 400)
                .body("type", equalTo("urn:hotfire:problem:unknown-sensor"))
                .body("sensor", equalTo("PC_C"))
                .body("field", equalTo("frames[1].values.PC_C"))
                .body("detail", containsString("PC_C"));
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void oneBadFrameInABatchStoresNoneOfIt() {
        String run = Api.newRun();
        String good = frame(0, 0.0, "\"PC_A\":9.7");

        problem(postFrames(run, batch(good, frame(1, 0.02, "\"PC_A\":\"9.7\""))), 400)
                .body("field", equalTo("frames[1].values.PC_A"))
                .body("line", equalTo(1))
                .body("column", greaterThan(1));
        problem(postFrames(run, batch(good, "{\"seq\":1,\"t\":0.02}")), 400).body("field", equalTo("frames[1].values"));
        problem(postFrames(run, batch(good, frame(2, 0.04, "\"PC_A\":1e999"))), 400)
                .body("detail", containsString("beyond the range"));
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void emptyNullMissingAndOutOfSpanReadingsAreStoredAndMarkedDead() {
        String run = Api.newRun();

        postFrames(run, batch(frame(0, 0.0, "\"PC_A\":9.7,\"PC_B\":null,\"N_TP\":99999,\"T_OX_IN\":-3"))).statusCode(200)
                .body("accepted", equalTo(1));

        given().get("/api/v1/runs/{id}/frames", run).then().statusCode(200)
                .body("[0].values.PC_A", equalTo(9.7f))
                .body("[0].values.PC_B", nullValue())
                .body("[0].values.N_TP", equalTo(99999.0f))
                .body("[0].values.T_OX_IN", equalTo(-3.0f))
                .body("[0].values.THRUST", nullValue())
                .body("[0].dead", hasItems("PC_B", "N_TP", "T_OX_IN", "THRUST"))
                .body("[0].dead", not(hasItem("PC_A")));
    }

    @Test
    void malformedJsonIs400WithLineAndColumn() {
        String run = Api.newRun();

        problem(postFrames(run, "{\"frames\":[\n{\"seq\":0,\"t\":0,\"values\":{}},\n{\"seq\":1,"), 400)
                .body("line", equalTo(3))
                .body("column", notNullValue());
        problem(postFrames(run, "{\"frames\":[{\"seq\":0,\"seq\":1,\"t\":0,\"values\":{}}]}"), 400)
                .body("detail", containsString("Duplicate field"));
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void aBodyAboveTheLimitIs413Problem() {
        String run = Api.newRun();
        String big = "{\"frames\":[" + " ".repeat((int) maxBodyBytes) + "]}";

        problem(postFrames(run, big), 413).body("limit", equalTo((int) maxBodyBytes));
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void aChunkedBodyAboveTheLimitIs413ProblemToo() throws Exception {
        String run = Api.newRun();
        byte[] big = ("{\"frames\":[" + " ".repeat((int) maxBodyBytes) + "]}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/runs/" + run + "/frames"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith(Api.PROBLEM));
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void theSameBatchSentConcurrentlyIsStoredOnce() throws Exception {
        String run = Api.newRun();
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            frames.append(i == 0 ? "" : ",").append(frame(i, i * 0.02, "\"PC_A\":9.7,\"N_TP\":36000"));
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/runs/" + run + "/frames"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"frames\":[" + frames + "]}"))
                .build();
        HttpClient client = HttpClient.newHttpClient();

        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        int accepted = 0;
        int duplicates = 0;
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            accepted += JsonPath.from(r.body()).getInt("accepted");
            duplicates += JsonPath.from(r.body()).getInt("duplicates");
        }

        assertThat(accepted).isEqualTo(40);
        assertThat(duplicates).isEqualTo(5 * 40);
        assertThat(storedFrames(run)).isEqualTo(40);
    }

    @Test
    void framesForAnUnknownRunAre404Problem() {
        problem(postFrames("00000000-0000-0000-0000-000000000000", batch(frame(0, 0, ""))), 404);
    }

    @Test
    void theWrongContentTypeIs415Problem() {
        String run = Api.newRun();

        problem(given().contentType(ContentType.TEXT).body(batch(frame(0, 0, ""))).post("/api/v1/runs/{id}/frames", run).then(), 415);
        assertThat(storedFrames(run)).isZero();
    }
}
