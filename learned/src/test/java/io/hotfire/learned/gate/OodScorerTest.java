package io.hotfire.learned.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotfire.learned.Synthetic;
import io.hotfire.learned.feature.Feature;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OodScorerTest {

    private static final List<Feature> FEATURES = Synthetic.relMeans(8);
    private static final double SD = 0.001;
    private static final double[][] REFERENCE = Synthetic.gaussian(new SplittableRandom(1), 2000, 8, SD);
    private static final OodScorer SCORER = Synthetic.scorer(FEATURES, REFERENCE, 3, 1, 0.7, 1.0, 0.01);

    private static double[] nominal(SplittableRandom rnd) {
        return Synthetic.gaussian(rnd, 1, 8, SD)[0];
    }

    @Test
    void theCompressionIsSignedLogarithmicSoLargeDeviationsCompareByRatio() {
        assertThat(OodScorer.compress(0, 1)).isZero();
        assertThat(OodScorer.compress(-3, 1)).isCloseTo(-Math.log(4), within(1e-12));
        assertThat(OodScorer.compress(300, 1) - OodScorer.compress(270, 1)).isLessThan(0.11);
        assertThat(OodScorer.compress(Double.NaN, 1)).isNaN();
    }

    @Test
    void windowsLikeTheReferenceScoreLowAndWindowsShiftedInThreeSensorsScoreAboveAllOfThem() {
        SplittableRandom rnd = new SplittableRandom(2);
        double maxIn = 0;
        double minShifted = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 300; i++) {
            double[] x = nominal(rnd);
            maxIn = Math.max(maxIn, SCORER.score(x, 0.85).score());
            double[] shifted = x.clone();
            shifted[1] += 0.02; // 20 σ
            shifted[4] -= 0.02;
            shifted[6] += 0.02;
            minShifted = Math.min(minShifted, SCORER.score(shifted, 0.85).score());
        }
        assertThat(maxIn).isLessThan(1);
        assertThat(minShifted).isGreaterThan(maxIn + 0.5);
    }

    @Test
    void theContributionsNameTheShiftedSensorsAndTheCountedOnesAddUpToTheSquaredScore() {
        double[] x = new double[8];
        x[1] = 0.02;
        x[4] = -0.03;
        x[6] = 0.025;
        OodScorer.Scored s = SCORER.score(x, 0.85);
        List<Contribution> c = s.contributions();
        assertThat(c.stream().filter(Contribution::counted).limit(2).map(Contribution::channel)).containsExactlyInAnyOrder("S6", "S1");
        // The largest sensor (S4) is left out of the score, and reported as such.
        assertThat(c.get(0).channel()).isEqualTo("S4");
        assertThat(c.get(0).counted()).isFalse();
        double counted = c.stream().filter(Contribution::counted).mapToDouble(Contribution::contribution).sum();
        assertThat(counted).isCloseTo(s.score() * s.score(), within(1e-9));
        assertThat(c.stream().mapToDouble(Contribution::share).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(c.get(0).z()).isLessThan(-20);
    }

    @Test
    void aLoneSensorFarOffIsLeftOutOfTheScoreAsAPossibleSensorFailure() {
        double[] x = new double[8];
        x[3] = 0.5; // 500 σ in one sensor only
        assertThat(SCORER.score(x, 0.85).score()).isLessThan(0.5);
        OodScorer untrimmed = Synthetic.scorer(FEATURES, REFERENCE, 3, 0, 0.7, 1.0, 0.01);
        assertThat(untrimmed.score(x, 0.85).score()).isGreaterThan(4);
    }

    @Test
    void anOperatingPointBeyondTheReferenceRangeAddsItsExcursionAndIsNeverTrimmed() {
        double[] x = new double[8];
        double inside = SCORER.score(x, 0.72).score();
        OodScorer.Scored below = SCORER.score(x, 0.62);
        // 8 points below 70 %: excursion 8 units, minus the 0.5 dead zone.
        assertThat(below.score()).isCloseTo(Math.sqrt(inside * inside + 7.5 * 7.5), within(1e-9));
        assertThat(below.contributions().get(0).feature()).isEqualTo(OodScorer.OPERATING_POINT);
        assertThat(below.contributions().get(0).counted()).isTrue();
        assertThat(SCORER.operatingPointExcess(1.05)).isCloseTo(5, within(1e-9));
        OodScorer off = Synthetic.scorer(FEATURES, REFERENCE, 3, 1, 0.7, 1.0, 0);
        assertThat(off.score(x, 0.5).score()).isCloseTo(inside, within(1e-12));
    }

    @Test
    void aMissingValueCountsForNothing() {
        double[] x = new double[8];
        double base = SCORER.score(x, 0.85).score();
        x[2] = Double.NaN;
        assertThat(SCORER.score(x, 0.85).score()).isLessThanOrEqualTo(base);
        x[5] = 0.5;
        x[2] = Double.NaN;
        assertThat(SCORER.score(x, 0.85).contributions()).noneMatch(c -> c.channel().equals("S2"));
    }

    @Test
    void aHintChangesTheSpeedNotTheResult() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[] hint = null;
        for (int i = 0; i < 50; i++) {
            double[] x = nominal(rnd);
            if (i % 7 == 0) {
                x[i % 8] += 0.01 * i;
            }
            OodScorer.Scored plain = SCORER.score(x, 0.9);
            OodScorer.Scored hinted = SCORER.score(x, 0.9, hint);
            // Equal distances may tie, so the neighbours themselves can differ; their distances cannot.
            assertThat(hinted.score()).isEqualTo(plain.score());
            assertThat(hinted.neighbours()).hasSize(3).doesNotHaveDuplicates();
            hint = hinted.neighbours();
        }
        assertThat(SCORER.score(new double[8], 0.9, new int[] {-1, 5, 5, 99999}).score())
                .isEqualTo(SCORER.score(new double[8], 0.9).score());
    }

    @Test
    void filteringRowsOutColumnByColumnChangesNoResultToTheBit() {
        // Two features for most sensors, listed out of group order; missing values in the reference and
        // the windows; in-distribution, shifted and lone-sensor windows; with and without hints; trim 0 to 2.
        List<Feature> features = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            features.add(new Feature("S" + i, io.hotfire.learned.feature.Statistic.REL_MEAN));
        }
        for (int i = 0; i < 10; i += 2) {
            features.add(new Feature("S" + i, io.hotfire.learned.feature.Statistic.NOISE_STD));
        }
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] raw = Synthetic.gaussian(rnd, 1500, features.size(), SD);
        for (int r = 0; r < raw.length; r += 37) {
            raw[r][rnd.nextInt(features.size())] = Double.NaN;
        }
        int compared = 0;
        for (int trim = 0; trim <= 2; trim++) {
            OodScorer scorer = Synthetic.scorer(features, raw, 3, trim, 0.7, 1.0, 0.01);
            int[] hint = null;
            for (int i = 0; i < 150; i++) {
                double[] x = Synthetic.gaussian(rnd, 1, features.size(), SD)[0];
                switch (i % 5) {
                    case 1 -> x[rnd.nextInt(x.length)] += SD * (5 + 20 * rnd.nextDouble());
                    case 2 -> {
                        for (int j = 0; j < x.length; j += 3) {
                            x[j] += SD * 4 * rnd.nextDouble();
                        }
                    }
                    case 3 -> x[rnd.nextInt(x.length)] = Double.NaN;
                    default -> { }
                }
                double theta = 0.65 + 0.4 * rnd.nextDouble();
                // A hint from a nearby window: its rows are close but not the nearest, so the bound they give is
                // tight and rows just inside it must still be found.
                double[] near = x.clone();
                for (int j = 0; j < near.length; j++) {
                    near[j] += SD * 0.3 * Synthetic.normal(rnd);
                }
                int[] nearHint = scorer.score(near, theta).neighbours();
                for (int[] h : new int[][] {null, hint, nearHint}) {
                    OodScorer.Scored full = scorer.score(x, theta, h, false);
                    OodScorer.Scored screened = scorer.score(x, theta, h, true);
                    assertThat(Double.doubleToLongBits(screened.score())).isEqualTo(Double.doubleToLongBits(full.score()));
                    assertThat(screened.neighbours()).containsExactly(full.neighbours());
                    assertThat(screened.contributions()).isEqualTo(full.contributions());
                    compared++;
                }
                hint = scorer.score(x, theta, hint).neighbours();
            }
        }
        assertThat(compared).isEqualTo(1350);
    }

    @Test
    void referenceValuesAreKeptToTheStoredResolution() {
        assertThat(OodScorer.round(0.123456)).isCloseTo(0.1235, within(1e-12));
        assertThat(OodScorer.round(OodScorer.round(0.123456))).isEqualTo(OodScorer.round(0.123456));
        assertThat(Arrays.stream(SCORER.reference(0))).allMatch(v -> Math.abs(v * 1e4 - Math.rint(v * 1e4)) < 1e-6);
    }

    @Test
    void badShapesAreRefused() {
        assertThatThrownBy(() -> SCORER.score(new double[3], 0.9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 8");
        assertThatThrownBy(() -> Synthetic.scorer(FEATURES, new double[][] {new double[8]}, 3, 1, 0, 1, 0))
                .hasMessageContaining("at least 3 reference windows");
        assertThatThrownBy(() -> Synthetic.scorer(FEATURES, REFERENCE, 3, 8, 0, 1, 0))
                .hasMessageContaining("trim 8 must be below the number of sensors 8");
    }
}
