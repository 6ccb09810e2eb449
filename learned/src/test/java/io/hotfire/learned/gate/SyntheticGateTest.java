package io.hotfire.learned.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.feature.Phase;
import io.hotfire.learned.Synthetic;
import io.hotfire.learned.feature.Feature;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The whole gate on a synthetic "engine": windows are nominal noise or one of three known fault
 * patterns at a random severity; the reference and the calibration come from separate draws,
 * exactly as training does it.
 */
class SyntheticGateTest {

    private static final int D = 10;
    private static final List<Feature> FEATURES = Synthetic.relMeans(D);
    private static final double SD = 0.001;

    /** Known fault patterns: relative deviations at full severity. */
    private static final double[][] FAULTS = {
            {-0.05, -0.05, 0, 0.03, 0, 0, 0, 0, 0, 0},
            {0, 0, 0.04, 0, 0, -0.02, 0.02, 0, 0, 0},
            {0, 0, 0, 0, 0, 0, 0, 0.3, 0.1, 0},
    };

    private static double[] inDistribution(SplittableRandom rnd) {
        double[] x = Synthetic.gaussian(rnd, 1, D, SD)[0];
        int kind = rnd.nextInt(5); // 2 in 5 nominal
        if (kind < FAULTS.length) {
            double severity = 0.3 + 0.7 * rnd.nextDouble();
            for (int j = 0; j < D; j++) {
                x[j] += severity * FAULTS[kind][j];
            }
        }
        return x;
    }

    private static OodGate gate(SplittableRandom rnd) {
        double[][] ref = new double[3000][];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = inDistribution(rnd);
        }
        OodScorer scorer = Synthetic.scorer(FEATURES, ref, 3, 1, 0.7, 1.0, 0.01);
        double[] cal = new double[4000];
        for (int i = 0; i < cal.length; i++) {
            cal[i] = scorer.score(inDistribution(rnd), 0.7 + 0.3 * rnd.nextDouble()).score();
        }
        return new OodGate(Phase.MAINSTAGE, scorer, new ConformalCalibration(cal, 0.01), 5);
    }

    @Test
    void onHeldOutInDistributionWindowsTheFalseOodRateLiesWithinHalfAndTwiceAlpha() {
        SplittableRandom rnd = new SplittableRandom(11);
        OodGate g = gate(rnd);
        int n = 20000;
        int flagged = 0;
        for (int i = 0; i < n; i++) {
            double s = g.scorer().score(inDistribution(rnd), 0.7 + 0.3 * rnd.nextDouble()).score();
            flagged += g.calibration().exceeds(s) ? 1 : 0;
        }
        double rate = (double) flagged / n;
        assertThat(rate).isBetween(0.005, 0.02);
    }

    @Test
    void shiftedPatternsAreFlaggedAndKnownFaultsAreNot() {
        SplittableRandom rnd = new SplittableRandom(12);
        OodGate g = gate(rnd);
        int n = 500;
        int unitShift = 0;
        int novel = 0;
        int reversed = 0;
        int known = 0;
        for (int i = 0; i < n; i++) {
            // Another engine unit: three channels 2 % high.
            double[] a = Synthetic.gaussian(rnd, 1, D, SD)[0];
            a[0] += 0.02;
            a[1] += 0.02;
            a[3] += 0.02;
            unitShift += exceeds(g, a, 0.85) ? 1 : 0;
            // A novel fault: channels no known fault moves together.
            double[] b = Synthetic.gaussian(rnd, 1, D, SD)[0];
            b[4] -= 0.03;
            b[9] += 0.03;
            novel += exceeds(g, b, 0.85) ? 1 : 0;
            // A known pattern with two of its three directions reversed.
            double[] c = Synthetic.gaussian(rnd, 1, D, SD)[0];
            c[2] += 0.04;
            c[5] += 0.02;
            c[6] -= 0.02;
            reversed += exceeds(g, c, 0.85) ? 1 : 0;
            known += exceeds(g, inDistribution(rnd), 0.85) ? 1 : 0;
        }
        assertThat(unitShift).isGreaterThan(n * 99 / 100);
        assertThat(novel).isGreaterThan(n * 99 / 100);
        assertThat(reversed).isGreaterThan(n * 99 / 100);
        // One sensor alone reversed is what a failed sensor looks like: the gate leaves it to sensor validation.
        double[] lone = Synthetic.gaussian(rnd, 1, D, SD)[0];
        lone[0] -= 0.05;
        lone[1] -= 0.05;
        lone[3] -= 0.03;
        assertThat(exceeds(g, lone, 0.85)).isFalse();
        assertThat(known).isLessThan(n * 3 / 100);
        double[] below = Synthetic.gaussian(rnd, 1, D, SD)[0];
        assertThat(exceeds(g, below, 0.62)).isTrue();
    }

    private static boolean exceeds(OodGate g, double[] x, double theta) {
        return g.calibration().exceeds(g.scorer().score(x, theta).score());
    }
}
