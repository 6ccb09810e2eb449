package io.hotfire.app.telemetry;

import static io.hotfire.app.support.Api.postCsv;
import static io.hotfire.app.support.Api.problem;
import static io.hotfire.app.support.Api.storedFrames;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class CsvIngestionTest {

    @ConfigProperty(name = "hotfire.ingest.max-body-bytes")
    long maxBodyBytes;

    @Test
    void rowsWithoutSeqAreNumberedOnFromTheRunsLastSeq() {
        String run = Api.newRun();

        postCsv(run, "t,PC_A,PC_B\n0.00,9.70,9.71\n0.02,9.69,9.70\n").statusCode(200)
                .body("accepted", equalTo(2)).body("lastSeq", equalTo(1));
        postCsv(run, "t,PC_A,PC_B\n0.04,9.70,9.71\n").statusCode(200)
                .body("accepted", equalTo(1)).body("lastSeq", equalTo(2));

        given().get("/api/v1/runs/{id}/frames", run).then()
                .body("seq", contains(0, 1, 2))
                .body("t", contains(0.0f, 0.02f, 0.04f));
    }

    @Test
    void aSeqColumnMakesAResentFileIdempotent() {
        String run = Api.newRun();
        String csv = "seq,t,PC_A\n0,0.00,9.70\n1,0.02,9.69\n";
        postCsv(run, csv).statusCode(200).body("accepted", equalTo(2));

        postCsv(run, csv).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        problem(postCsv(run, "seq,t,PC_A\n1,0.02,9.99\n"), 409).body("seq", equalTo(1));
        assertThat(storedFrames(run)).isEqualTo(2);
    }

    @Test
    void aNonNumericCellIs400WithLineAndColumn_andStoresNothing() {
        String run = Api.newRun();

        problem(postCsv(run, "t,PC_A,PC_B\n0.00,9.70,9.71\n0.02,9.69,oops\n"), 400)
                .body("line", equalTo(3))
                .body("column", equalTo(3))
                .body("field", equalTo("PC_B"))
                .body("detail", containsString("oops"));
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void anUnknownColumnIs400NamingIt() {
        String run = Api.newRun();

        problem(postCsv(run, "t,PC_A,PC_Z\n0,1,2\n"), 400)
                .body("line", equalTo(1))
                .body("column", equalTo(3))
                .body("field", equalTo("PC_Z"))
                .body("detail", containsString("unknown column 'PC_Z'"));
    }

    @Test
    void aDuplicateColumnIs400() {
        problem(postCsv(Api.newRun(), "t,PC_A,PC_A\n0,1,2\n"), 400).body("column", equalTo(3)).body("field", equalTo("PC_A"));
    }

    @Test
    void emptyNaNAndOutOfSpanCellsAreStoredAndMarkedDead() {
        String run = Api.newRun();

        postCsv(run, "t,PC_A,PC_B,N_TP,TIT_A\n0,,NaN,-5000,900\n").statusCode(200).body("accepted", equalTo(1));

        given().get("/api/v1/runs/{id}/frames", run).then()
                .body("[0].values.PC_A", nullValue())
                .body("[0].values.PC_B", nullValue())
                .body("[0].values.N_TP", equalTo(-5000.0f))
                .body("[0].values.TIT_A", equalTo(900.0f))
                .body("[0].dead", hasItems("PC_A", "PC_B", "N_TP"));
    }

    @Test
    void aByteOrderMarkAndMixedLineEndsAreAccepted() {
        String run = Api.newRun();
        byte[] body = "\uFEFFt,PC_A\r\n0,9.7\r0.02,9.8\n0.04,9.9\r\n".getBytes(StandardCharsets.UTF_8);

        given().contentType("text/csv").body(body).post("/api/v1/runs/{id}/csv", run).then().statusCode(200)
                .body("accepted", equalTo(3));
    }

    @Test
    void emptyAndNonUtf8BodiesAre400() {
        String run = Api.newRun();

        problem(postCsv(run, ""), 400);
        problem(given().contentType("text/csv").body(new byte[] {'t', ',', 'P', 'C', '_', 'A', '\n', '0', ',', (byte) 0xC3, '\n'})
                .post("/api/v1/runs/{id}/csv", run).then(), 400).body("detail", containsString("UTF-8"));
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void aBodyAboveTheLimitIs413Problem() {
        String run = Api.newRun();

        problem(postCsv(run, "t,PC_A\n" + "0,9.7\n".repeat((int) (maxBodyBytes / 6) + 1)), 413);
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void jsonSentToTheCsvEndpointIs415Problem() {
        problem(given().contentType("application/json").body("{}").post("/api/v1/runs/{id}/csv", Api.newRun()).then(), 415);
    }
}
