package io.hotfire.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.Range;
import org.junit.jupiter.api.Test;

/** The shift clock of a power-level knob starts when the power level leaves the qualified range, not before. */
class ShiftClockTest {

    private static final Range QUALIFIED = new Range(0.70, 1.00);

    /** A window's power level as the window builder forms it: the mean of 25 samples (0.5 s at 50 Hz). */
    private static double windowMean(double percent) {
        double sum = 0;
        for (int i = 0; i < 25; i++) {
            sum += percent / 100;
        }
        return sum / 25;
    }

    @Test
    void aRunCommandedAtExactlyTheRangesEdgeIsInsideIt() {
        assertThat(windowMean(70.0)).isLessThan(0.70);   // the rounding that started the clock at mainstage
        assertThat(Evaluator.outside(QUALIFIED, windowMean(70.0))).isFalse();
        assertThat(Evaluator.outside(QUALIFIED, windowMean(100.0))).isFalse();
    }

    @Test
    void deepThrottleAndUprateAreOutside() {
        assertThat(Evaluator.outside(QUALIFIED, windowMean(69.9))).isTrue();
        assertThat(Evaluator.outside(QUALIFIED, windowMean(58.0))).isTrue();
        assertThat(Evaluator.outside(QUALIFIED, windowMean(101.0))).isTrue();
    }
}
