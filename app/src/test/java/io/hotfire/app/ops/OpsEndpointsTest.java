package io.hotfire.app.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health probes and Prometheus metrics, as a probe and a scraper see them (no credentials). */
@QuarkusTest
class OpsEndpointsTest {

    @Test
    void readinessAndLivenessAnswerWithoutCredentialsAndNameTheLoadedEngines() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'hotfire' }.data.engines", equalTo("gg1,phm2023"))
                .body("checks.find { it.name == 'hotfire' }.data.kafkaIngestion", equalTo(false));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    @TestSecurity(user = "test-ingest", roles = Roles.INGEST)
    void anIngestedBatchCountsItsFramesAndSamplesAndItsRuleTime() {
        double samplesBefore = metric("hotfire_ingest_samples_total\\{format=\"json\"}");
        double framesBefore = metric("hotfire_ingest_frames_total\\{format=\"json\"}");
        double batchesBefore = metric("hotfire_rules_batch_seconds_count");
        String run = Api.newRun();
        StringBuilder frames = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            frames.append(i == 0 ? "" : ",").append(Api.frame(i, i * 0.02, "\"PC_A\":9.7"));
        }
        Api.postFrames(run, "{\"frames\":[" + frames + "]}").statusCode(200);
        // a resend stores nothing and counts nothing
        Api.postFrames(run, "{\"frames\":[" + frames + "]}").statusCode(200);

        assertThat(metric("hotfire_ingest_frames_total\\{format=\"json\"}") - framesBefore).isEqualTo(10.0);
        assertThat(metric("hotfire_ingest_samples_total\\{format=\"json\"}") - samplesBefore).isEqualTo(10.0 * 32);
        assertThat(metric("hotfire_rules_batch_seconds_count") - batchesBefore).isEqualTo(1.0);
    }

    /** A sample's value from the Prometheus text, 0 when absent. */
    private static double metric(String nameAndLabels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + nameAndLabels + " ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }
}
