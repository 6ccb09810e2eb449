package io.hotfire.learned.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotfire.learned.Synthetic;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConformalCalibrationTest {

    @Test
    void thePValueCountsTheCalibrationScoresAtLeastAsLarge() {
        double[] scores = new double[99];
        for (int i = 0; i < 99; i++) {
            scores[i] = i + 1; // 1..99
        }
        ConformalCalibration c = new ConformalCalibration(scores, 0.05);
        assertThat(c.pValue(0)).isEqualTo(1.0);
        assertThat(c.pValue(99)).isCloseTo(2.0 / 100, within(1e-12));
        assertThat(c.pValue(99.5)).isCloseTo(1.0 / 100, within(1e-12));
        assertThat(c.pValue(50)).isCloseTo(51.0 / 100, within(1e-12));
        // rank ⌈0.95 · 100⌉ = 95 → threshold 95; p(95.1) = 5/100 ≤ α, p(95) = 6/100 > α.
        assertThat(c.threshold()).isEqualTo(95);
        assertThat(c.exceeds(95.1)).isTrue();
        assertThat(c.pValue(95.1)).isLessThanOrEqualTo(0.05);
        assertThat(c.exceeds(95)).isFalse();
        assertThat(c.pValue(95)).isGreaterThan(0.05);
    }

    @Test
    void exceedingTheThresholdIsExactlyAPValueAtOrBelowAlpha() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] scores = new double[1234];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.abs(Synthetic.normal(rnd));
        }
        ConformalCalibration c = new ConformalCalibration(scores, 0.01);
        for (int i = 0; i < 20000; i++) {
            double s = 4 * rnd.nextDouble();
            assertThat(c.exceeds(s)).as("s = %s", s).isEqualTo(c.pValue(s) <= 0.01);
        }
    }

    @Test
    void onFreshScoresFromTheSameDistributionTheFalseOodRateIsNearAlpha() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (double alpha : new double[] {0.01, 0.05}) {
            double[] cal = new double[20000];
            for (int i = 0; i < cal.length; i++) {
                cal[i] = Math.abs(Synthetic.normal(rnd));
            }
            ConformalCalibration c = new ConformalCalibration(cal, alpha);
            int n = 200000;
            int flagged = 0;
            for (int i = 0; i < n; i++) {
                flagged += c.exceeds(Math.abs(Synthetic.normal(rnd))) ? 1 : 0;
            }
            double rate = (double) flagged / n;
            assertThat(rate).as("alpha %s", alpha).isBetween(alpha / 2, 2 * alpha);
            assertThat(rate).as("alpha %s", alpha).isCloseTo(alpha, within(alpha * 0.2));
        }
    }

    @Test
    void tooFewCalibrationScoresForTheLevelAreRefused() {
        assertThat(ConformalCalibration.minimumScores(0.01)).isEqualTo(99);
        assertThatThrownBy(() -> new ConformalCalibration(new double[98], 0.01))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 99");
        assertThat(new ConformalCalibration(new double[99], 0.01).threshold()).isZero();
        assertThatThrownBy(() -> new ConformalCalibration(new double[] {Double.NaN}, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tiedScoresAtZeroAreNotOutOfDistribution() {
        double[] cal = new double[500];
        cal[499] = 1.0;
        ConformalCalibration c = new ConformalCalibration(cal, 0.01);
        assertThat(c.threshold()).isZero();
        assertThat(c.exceeds(0)).isFalse();
        assertThat(c.pValue(0)).isEqualTo(1.0);
        assertThat(c.exceeds(1e-6)).isTrue();
    }
}
