package io.hotfire.domain.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameRulesTest {

    private static Frame f(long seq, double t) {
        return new Frame(seq, t, new double[0]);
    }

    @Test
    void seqBounds() {
        assertThat(FrameRules.seqProblem(0)).isNull();
        assertThat(FrameRules.seqProblem(FrameRules.SEQ_LIMIT - 1)).isNull();
        assertThat(FrameRules.seqProblem(FrameRules.SEQ_LIMIT)).contains("10^15");
        assertThat(FrameRules.seqProblem(-1)).isNotNull();
        assertThat(FrameRules.seqProblem(Long.MAX_VALUE)).isNotNull();
    }

    @Test
    void timeMustBeFiniteAndNotNegative() {
        assertThat(FrameRules.timeProblem(0)).isNull();
        assertThat(FrameRules.timeProblem(-0.0)).isNull();
        assertThat(FrameRules.timeProblem(1e308)).isNull();
        assertThat(FrameRules.timeProblem(-5)).contains("negative");
        assertThat(FrameRules.timeProblem(Double.NaN)).contains("finite");
        assertThat(FrameRules.timeProblem(Double.POSITIVE_INFINITY)).contains("finite");
    }

    @Test
    void aBatchIsCheckedInSeqOrder_namingTheFramesPositionInTheBody() {
        assertThat(FrameRules.checkBatch(List.of(f(2, 0.04), f(0, 0.0), f(1, 0.02)))).isNull();

        FrameRules.Violation back = FrameRules.checkBatch(List.of(f(0, 0.0), f(2, 0.01), f(1, 0.02)));
        assertThat(back.index()).isEqualTo(1);
        assertThat(back.seq()).isEqualTo(2);
        assertThat(back.field()).isEqualTo("t");

        FrameRules.Violation gap = FrameRules.checkBatch(List.of(f(0, 0.0), f(5_000_000, 1.0)));
        assertThat(gap.index()).isEqualTo(1);
        assertThat(gap.field()).isEqualTo("seq");
        // Repeats are the store's business.
        assertThat(FrameRules.checkBatch(List.of(f(1, 0.02), f(1, 0.02)))).isNull();
    }

    @Test
    void newFramesMustFollowTheRunsLastStoredFrame() {
        List<Frame> fresh = List.of(f(10, 0.2), f(11, 0.22));
        assertThat(FrameRules.checkAfterStored(fresh, null, null)).isNull();
        assertThat(FrameRules.checkAfterStored(fresh, 9L, 0.18)).isNull();
        assertThat(FrameRules.checkAfterStored(fresh, 9L, 0.2)).isNull();

        assertThat(FrameRules.checkAfterStored(fresh, 9L, 0.3).field()).isEqualTo("t");
        assertThat(FrameRules.checkAfterStored(List.of(f(2_000_000, 1.0)), 9L, 0.18).field()).isEqualTo("seq");
        // A run's first batch may start at any seq within bounds.
        assertThat(FrameRules.checkAfterStored(List.of(f(5_000_000_000L, 1.0)), null, null)).isNull();
    }
}
