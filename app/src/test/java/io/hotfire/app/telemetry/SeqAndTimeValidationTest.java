package io.hotfire.app.telemetry;

import static io.hotfire.app.support.Api.batch;
import static io.hotfire.app.support.Api.frame;
import static io.hotfire.app.support.Api.postCsv;
import static io.hotfire.app.support.Api.postFrames;
import static io.hotfire.app.support.Api.problem;
import static io.hotfire.app.support.Api.storedFrames;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * seq and t are checked alike in JSON and CSV (issue #16, item 5; FrameRules): 0 <= seq < 10^15, t finite
 * and not negative (400 naming the frame and field), t not decreasing with seq and seq steps of at most
 * 10^6 within a batch (400) and after the run's last stored frame (409); nothing of a refused batch is stored.
 */
@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class SeqAndTimeValidationTest {

    private static final String V = "\"PC_A\":9.7";

    @Test
    void jsonSeqAtOrAbove10To15IsA400_andAHugeSeqCanNoLongerBlockTheRun() {
        String run = Api.newRun();
        postFrames(run, batch(frame(0, 0.0, V), frame(1, 0.02, V))).statusCode(200);

        for (String seq : new String[] {"1000000000000000", "9223372036854775807"}) {
            problem(postFrames(run, "{\"frames\":[{\"seq\":" + seq + ",\"t\":0.04,\"values\":{}}]}"), 400)
                    .body("field", equalTo("frames[0].seq"))
                    .body("detail", containsString("10^15"));
        }
        postFrames(run, batch(frame(2, 0.04, V))).statusCode(200).body("accepted", equalTo(1));
        assertThat(storedFrames(run)).isEqualTo(3);
    }

    @Test
    void jsonNegativeTIsA400NamingTheFrame_andNothingOfTheBatchIsStored() {
        String run = Api.newRun();

        problem(postFrames(run, batch(frame(0, 0.0, V), frame(1, -5, V))), 400)
                .body("field", equalTo("frames[1].t"))
                .body("seq", equalTo(1))
                .body("detail", containsString("negative"));
        assertThat(storedFrames(run)).isZero();
    }

    @Test
    void jsonTGoingBackWithinABatchIsA400NamingIndexAndSeq() {
        String run = Api.newRun();

        // The sequence after a negative t (its own test): 0.04, then 1e308, then 1.0.
        problem(postFrames(run, batch(frame(0, 0.0, V), frame(1, 0.04, V), frame(2, 1e308, V), frame(3, 1.0, V))), 400)
                .body("field", equalTo("frames[3].t"))
                .body("index", equalTo(3))
                .body("seq", equalTo(3))
                .body("detail", containsString("must not decrease"));
        // Frames listed out of seq order are sorted first: this batch is in order.
        postFrames(run, batch(frame(1, 0.02, V), frame(0, 0.0, V))).statusCode(200).body("accepted", equalTo(2));
    }

    @Test
    void jsonAfterTheStoredFrames_tGoingBackOrATooLargeSeqStepIsA409() {
        String run = Api.newRun();
        postFrames(run, batch(frame(0, 0.0, V), frame(1, 0.04, V))).statusCode(200);

        problem(postFrames(run, batch(frame(2, 0.06, V), frame(3, 0.02, V))), 400).body("field", equalTo("frames[1].t"));
        problem(postFrames(run, batch(frame(2, 0.03, V))), 409)
                .body("type", containsString("time-goes-back"))
                .body("field", equalTo("frames[0].t"))
                .body("seq", equalTo(2))
                .body("lastT", equalTo(0.04f));
        problem(postFrames(run, batch(frame(1_000_002, 1.0, V))), 409)
                .body("type", containsString("seq-gap-too-large"))
                .body("field", equalTo("frames[0].seq"))
                .body("seq", equalTo(1_000_002));
        // A gap of up to 10^6 is accepted (frames were lost on the way).
        postFrames(run, batch(frame(1_000_001, 1.0, V))).statusCode(200).body("accepted", equalTo(1));
        assertThat(storedFrames(run)).isEqualTo(3);
    }

    @Test
    void csvSeqAndTAreCheckedLikeJson_namingTheLine() {
        String run = Api.newRun();

        problem(postCsv(run, "seq,t,PC_A\n0,0,9.7\n1000000000000000,0.02,9.7\n"), 400)
                .body("line", equalTo(3)).body("field", equalTo("seq")).body("detail", containsString("10^15"));
        problem(postCsv(run, "t,PC_A\n0,9.7\n0.04,9.7\n-100,9.7\n"), 400)
                .body("line", equalTo(4)).body("field", equalTo("t")).body("detail", containsString("negative"));
        problem(postCsv(run, "t,PC_A\n0,9.7\n0.04,9.7\n1e308,9.7\n1.0,9.7\n"), 400)
                .body("line", equalTo(5)).body("field", equalTo("t")).body("detail", containsString("must not decrease"));
        problem(postCsv(run, "seq,t\n0,0\n2000000,1\n"), 400)
                .body("line", equalTo(3)).body("field", equalTo("seq"));
        assertThat(storedFrames(run)).isZero();

        postCsv(run, "t,PC_A\n0,9.7\n0.04,9.7\n").statusCode(200);
        problem(postCsv(run, "t,PC_A\n0.02,9.7\n"), 409)
                .body("type", containsString("time-goes-back")).body("seq", equalTo(2));
        assertThat(storedFrames(run)).isEqualTo(2);
    }

    @Test
    void csvWithoutSeqIsNumberedFromTheRunsLastSeqAndCannotPassTheBound() {
        String run = Api.newRun();
        long nearLimit = 999_999_999_999_998L;
        postFrames(run, batch(frame(nearLimit, 0.0, V))).statusCode(200);

        problem(postCsv(run, "t,PC_A\n0.02,9.7\n0.04,9.7\n"), 409)
                .body("type", containsString("seq-limit"))
                .body("detail", containsString("10^15"));
        postCsv(run, "t,PC_A\n0.02,9.7\n").statusCode(200).body("lastSeq", equalTo(999_999_999_999_999L));
        given().get("/api/v1/runs/{id}", run).then().body("lastSeq", equalTo(999_999_999_999_999L));
        assertThat(storedFrames(run)).isEqualTo(2);
    }
}
