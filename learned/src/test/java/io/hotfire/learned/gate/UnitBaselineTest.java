package io.hotfire.learned.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The per-unit baseline: fitted from the family's run baselines, learned per run, bounded by the family. */
class UnitBaselineTest {

    static final Offset<Double> EPS = Offset.offset(1e-12);

    @Test
    void centerIsTheMedianAndBoundTheLargestDeviationOfTheRunBaselines() {
        double[][] runs = {{0.01, 1.0}, {-0.01, 1.5}, {0.002, Double.NaN}, {0.004, 2.0}, {-0.006, 0.8}};
        UnitBaseline b = UnitBaseline.fit(10, runs, 2);
        assertThat(b.center()[0]).isCloseTo(0.002, EPS);
        assertThat(b.bound()[0]).isCloseTo(0.012, EPS);
        assertThat(b.center()[1]).isCloseTo(1.25, EPS);
        assertThat(b.bound()[1]).isCloseTo(0.75, EPS);
    }

    @Test
    void aUnitInsideTheFamilyIsScoredAsTheCentreUnitOneBeyondKeepsTheExcess() {
        UnitBaseline b = new UnitBaseline(3, new double[] {0.0}, new double[] {0.01});
        UnitBaseline.State inside = b.start();
        assertThat(inside.apply(new double[] {0.008})[0]).as("the first window is its own baseline").isCloseTo(0.0, EPS);
        inside.apply(new double[] {0.006});
        inside.apply(new double[] {0.007});
        assertThat(inside.complete()).isTrue();
        assertThat(inside.apply(new double[] {0.007})[0]).isCloseTo(0.0, EPS);
        assertThat(inside.apply(new double[] {0.05})[0]).as("frozen: a later shift is seen").isCloseTo(0.043, EPS);
        assertThat(inside.clipped()[0]).isFalse();

        UnitBaseline.State beyond = b.start();
        assertThat(beyond.apply(new double[] {0.03})[0]).as("3 % off, family ±1 %").isCloseTo(0.02, EPS);
        assertThat(beyond.clipped()[0]).isTrue();
        assertThat(beyond.rawOffsets()[0]).isCloseTo(0.03, EPS);
        assertThat(beyond.offsets()[0]).isCloseTo(0.01, EPS);
    }

    @Test
    void missingValuesDoNotMoveTheBaseline() {
        UnitBaseline.State s = new UnitBaseline(2, new double[] {0.0}, new double[] {1.0}).start();
        double[] out = s.apply(new double[] {Double.NaN});
        assertThat(out[0]).isNaN();
        assertThat(s.offsets()[0]).isEqualTo(0.0);
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> new UnitBaseline(0, new double[1], new double[1])).hasMessageContaining("windows");
        assertThatThrownBy(() -> new UnitBaseline(1, new double[2], new double[1])).hasMessageContaining("center");
        assertThatThrownBy(() -> new UnitBaseline(1, new double[1], new double[] {-1})).hasMessageContaining("≥ 0");
    }
}
