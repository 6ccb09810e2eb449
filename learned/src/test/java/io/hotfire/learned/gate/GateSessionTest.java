package io.hotfire.learned.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.feature.Phase;
import io.hotfire.learned.Synthetic;
import io.hotfire.learned.feature.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GateSessionTest {

    private static final double[] CAL = calibrationScores();
    private static final ConformalCalibration CALIBRATION = new ConformalCalibration(CAL, 0.01);

    private static double[] calibrationScores() {
        double[] s = new double[1000];
        for (int i = 0; i < s.length; i++) {
            s[i] = i / 1000.0; // threshold 0.990
        }
        return s;
    }

    private static GateScore window(double t, boolean exceeds) {
        double score = exceeds ? 5 : 0.1;
        return new GateScore(true, t, score, CALIBRATION.pValue(score), CALIBRATION.threshold(), 0.01,
                CALIBRATION.exceeds(score), List.of());
    }

    private static OodGate gate(int persistence) {
        List<Feature> f = Synthetic.relMeans(4);
        double[][] ref = Synthetic.gaussian(new SplittableRandom(9), 500, 4, 0.001);
        return new OodGate(Phase.MAINSTAGE, Synthetic.scorer(f, ref, 3, 1, 0.7, 1.0, 0.01), CALIBRATION, persistence);
    }

    /** A window whose score is {@code ratio} times the threshold. */
    private static GateScore at(double t, double ratio) {
        double score = ratio * CALIBRATION.threshold();
        return new GateScore(true, t, score, CALIBRATION.pValue(score), CALIBRATION.threshold(), 0.01,
                CALIBRATION.exceeds(score), List.of());
    }

    private static GateSession sequential(int persistence, double reference, double limit) {
        return gate(persistence).withSequential(new GateSession.Sequential(reference, limit)).session();
    }

    @Test
    void aStrongShiftTripsTheSequentialTestBeforeThePersistenceCount() {
        GateSession s = sequential(5, 0.9, 1.0);
        GateResult first = s.update(at(0, 1.5));   // ln(1.5 / 0.9) = 0.51
        assertThat(first.ood()).isFalse();
        GateResult second = s.update(at(1, 1.5));  // 1.02 >= 1.0
        assertThat(second.ood()).isTrue();
        assertThat(second.changed()).isTrue();
        assertThat(second.exceeding()).isEqualTo(2);
        assertThat(second.evidence()).isCloseTo(2 * Math.log(1.5 / 0.9), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(second.describe(3)).contains("sequential evidence 1.02");
        // Without the test the same windows wait for the persistence count.
        GateSession plain = gate(5).session();
        assertThat(plain.update(at(0, 1.5)).ood()).isFalse();
        assertThat(plain.update(at(1, 1.5)).ood()).isFalse();
        assertThat(plain.sequential()).isNull();
    }

    @Test
    void aPatternHoveringAtTheThresholdAccumulatesWhereThePersistenceCountKeepsRestarting() {
        GateSession s = sequential(5, 0.9, 1.0);
        GateSession plain = gate(5).session();
        // Two windows just beyond the threshold, one just below, again and again: never 5 in a row.
        double[] ratios = {1.05, 1.05, 0.97, 1.05, 1.05, 0.97, 1.05, 1.05, 0.97, 1.05, 1.05, 0.97};
        Integer tripped = null;
        for (int i = 0; i < ratios.length; i++) {
            if (s.update(at(i, ratios[i])).ood() && tripped == null) {
                tripped = i;
            }
            assertThat(plain.update(at(i, ratios[i])).ood()).isFalse();
        }
        // ln(1.05 / 0.9) = 0.154, ln(0.97 / 0.9) = 0.075: the limit 1.0 is reached at the 8th window.
        assertThat(tripped).isEqualTo(7);
    }

    @Test
    void inFamilyWindowsDrainTheEvidenceSoOccasionalExceedancesNeverTrip() {
        GateSession s = sequential(5, 0.9, 1.0);
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < 2000; i++) {
            // Scores a fifth to a half of the threshold, one window in 50 at 1.3 x.
            double ratio = i % 50 == 25 ? 1.3 : 0.2 + 0.3 * rnd.nextDouble();
            GateResult r = s.update(at(i, ratio));
            assertThat(r.ood()).as("window %d", i).isFalse();
            assertThat(r.evidence()).isLessThan(0.5);
        }
    }

    @Test
    void anOodRunClearsAfterPersistenceWindowsWithinAndTheEvidenceStartsAgain() {
        GateSession s = sequential(3, 0.9, 1.0);
        s.update(at(0, 3));
        assertThat(s.ood()).isTrue();
        s.update(at(1, 0.95));   // within, though it still adds evidence
        assertThat(s.update(at(2, 0.95)).ood()).isTrue();
        GateResult third = s.update(at(3, 0.95));
        assertThat(third.ood()).as("3 windows within clear it, whatever the evidence").isFalse();
        assertThat(third.changed()).isTrue();
        assertThat(third.evidence()).isZero();
        // From 0 again: ln(0.95 / 0.9) = 0.054 a window, so a pattern hovering just below the threshold is out
        // again only after 19 windows, not at once.
        int again = -1;
        for (int i = 4; i < 40 && again < 0; i++) {
            if (s.update(at(i, 0.95)).ood()) {
                again = i;
            }
        }
        assertThat(again).isEqualTo(4 + 18);
    }

    @Test
    void aSequentialTestOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> new GateSession.Sequential(0, 1)).hasMessageContaining("reference");
        assertThatThrownBy(() -> new GateSession.Sequential(1.1, 1)).hasMessageContaining("reference");
        assertThatThrownBy(() -> new GateSession.Sequential(0.9, 0)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new GateSession.Sequential(0.9, Double.POSITIVE_INFINITY)).hasMessageContaining("limit");
    }

    @Test
    void oodIsDeclaredOnlyAfterPersistenceConsecutiveExceedingWindows() {
        GateSession s = gate(5).session();
        List<GateResult> r = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            r.add(s.update(window(i, true)));
        }
        assertThat(r).noneMatch(GateResult::ood);
        assertThat(r.get(3).exceeding()).isEqualTo(4);
        GateResult fifth = s.update(window(4, true));
        assertThat(fifth.ood()).isTrue();
        assertThat(fifth.changed()).isTrue();
        GateResult sixth = s.update(window(5, true));
        assertThat(sixth.ood()).isTrue();
        assertThat(sixth.changed()).isFalse();
    }

    @Test
    void anInterruptedRunOfExceedingWindowsStartsCountingAgain() {
        GateSession s = gate(5).session();
        for (int i = 0; i < 4; i++) {
            s.update(window(i, true));
        }
        GateResult gap = s.update(window(4, false));
        assertThat(gap.exceeding()).isZero();
        for (int i = 5; i < 9; i++) {
            assertThat(s.update(window(i, true)).ood()).isFalse();
        }
        assertThat(s.update(window(9, true)).ood()).isTrue();
    }

    @Test
    void anOodRunClearsOnlyAfterPersistenceConsecutiveWindowsWithin() {
        GateSession s = gate(3).session();
        for (int i = 0; i < 3; i++) {
            s.update(window(i, true));
        }
        assertThat(s.ood()).isTrue();
        assertThat(s.update(window(3, false)).ood()).isTrue();
        assertThat(s.update(window(4, false)).ood()).isTrue();
        s.update(window(5, true));
        assertThat(s.update(window(6, false)).ood()).isTrue();
        assertThat(s.update(window(7, false)).ood()).isTrue();
        GateResult cleared = s.update(window(8, false));
        assertThat(cleared.ood()).isFalse();
        assertThat(cleared.changed()).isTrue();
        assertThat(cleared.within()).isEqualTo(3);
    }

    @Test
    void windowsOutsideMainstageAreNotScoredAndLeaveTheCountsAlone() {
        OodGate g = gate(2);
        GateSession s = g.session();
        Map<String, Double> far = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            far.put("S" + i, 0.05);
        }
        GateResult first = s.update(Synthetic.window(10.0, 0.85, far));
        assertThat(first.window().scored()).isTrue();
        assertThat(first.window().exceeds()).isTrue();
        GateResult start = s.update(Synthetic.window(10.1, 0.85, Phase.START, far));
        assertThat(start.window().scored()).isFalse();
        assertThat(start.window().pValue()).isEqualTo(1.0);
        assertThat(start.exceeding()).isEqualTo(1);
        GateResult second = s.update(Synthetic.window(10.2, 0.85, far));
        assertThat(second.ood()).isTrue();
        assertThat(second.top(2)).isNotEmpty().allMatch(Contribution::counted);
        assertThat(second.pValue()).isLessThanOrEqualTo(0.01);
        assertThat(second.threshold()).isEqualTo(CALIBRATION.threshold());
        assertThat(second.describe(2)).startsWith("OOD: p = ").contains("<= alpha = 0.01 for 2 windows", "; top: S")
                .containsPattern("S[0-3]\\.relMean \\d+ %");
        assertThat(start.describe(2)).isEqualTo("not scored (outside the gate's phase)");
    }

    @Test
    void eachRunHasItsOwnSessionAndPersistenceMustBePositive() {
        OodGate g = gate(1);
        GateSession a = g.session();
        a.update(window(0, true));
        assertThat(a.ood()).isTrue();
        assertThat(g.session().ood()).isFalse();
        assertThat(g.session(7).persistence()).isEqualTo(7);
        assertThatThrownBy(() -> g.session(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** One sensor far off, the others at the reference: a lone failed sensor, or a shift seen on one channel. */
    private static Map<String, Double> oneSensorOff() {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("S0", 0.05);
        for (int i = 1; i < 4; i++) {
            w.put("S" + i, 0.0);
        }
        return w;
    }

    private static OodGate untrimmed(boolean trimDoubted) {
        List<Feature> f = Synthetic.relMeans(4);
        double[][] ref = Synthetic.gaussian(new SplittableRandom(9), 500, 4, 0.001);
        return new OodGate(Phase.MAINSTAGE, Synthetic.scorer(f, ref, 3, 0, 0.7, 1.0, 0.01), CALIBRATION, 1, null,
                trimDoubted);
    }

    @Test
    void aSensorTheRulesDoubtIsLeftOutOfTheScoreAndAHealthyOneCounts() {
        OodGate g = untrimmed(true);
        assertThat(g.trimDoubted()).isTrue();
        GateResult healthy = g.session().update(Synthetic.window(10.0, 0.85, oneSensorOff()), java.util.Set.of());
        assertThat(healthy.window().exceeds()).isTrue();
        assertThat(healthy.ood()).isTrue();
        GateResult doubted = g.session().update(Synthetic.window(10.0, 0.85, oneSensorOff()), java.util.Set.of("S0"));
        assertThat(doubted.window().exceeds()).isFalse();
        assertThat(doubted.ood()).isFalse();
        // Doubting another sensor leaves S0 counted.
        GateResult other = g.session().update(Synthetic.window(10.0, 0.85, oneSensorOff()), java.util.Set.of("S2"));
        assertThat(other.window().exceeds()).isTrue();
    }

    @Test
    void aGateThatDoesNotTrimDoubtedSensorsIgnoresTheSet() {
        OodGate g = untrimmed(false);
        assertThat(g.trimDoubted()).isFalse();
        GateResult r = g.session().update(Synthetic.window(10.0, 0.85, oneSensorOff()), java.util.Set.of("S0"));
        assertThat(r.window().exceeds()).isTrue();
        double[] x = {1, 2, 3, 4};
        assertThat(g.withoutSensors(x, java.util.Set.of("S1"))).containsExactly(1, Double.NaN, 3, 4);
        assertThat(x).containsExactly(1, 2, 3, 4);
    }
}
