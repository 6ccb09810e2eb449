package io.hotfire.learned.gate;

import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.learned.feature.FeatureExtractor;

/**
 * The out-of-distribution gate: scores a window against the reference distribution, turns the
 * score into a conformal p-value, and (through a {@link GateSession} per run) declares OOD after
 * {@code persistence} consecutive windows at p ≤ α, or once an optional sequential test's evidence reaches its
 * limit ({@link GateSession.Sequential}). Immutable and thread-safe; sessions are not.
 */
public final class OodGate {

    private final Phase phase;
    private final FeatureExtractor extractor;
    private final OodScorer scorer;
    private final ConformalCalibration calibration;
    private final int persistence;
    private final UnitBaseline baseline;
    private final boolean trimDoubted;
    /** Per gate feature, its sensor (group): what a doubted sensor leaves out. */
    private final String[] groupOf;
    /** The sequential test of every session (null: persistence only). */
    private final GateSession.Sequential sequential;

    public OodGate(Phase phase, OodScorer scorer, ConformalCalibration calibration, int persistence) {
        this(phase, scorer, calibration, persistence, null);
    }

    /** @param baseline the per-unit baseline (null: features are scored as extracted) */
    public OodGate(Phase phase, OodScorer scorer, ConformalCalibration calibration, int persistence, UnitBaseline baseline) {
        this(phase, scorer, calibration, persistence, baseline, false);
    }

    /**
     * @param trimDoubted whether the sensors a caller names as doubted (the rules' suspects, handed to
     *                    {@link GateSession#update(WindowSnapshot, java.util.Set)}) are left out of the score;
     *                    false: such sets are ignored
     */
    public OodGate(Phase phase, OodScorer scorer, ConformalCalibration calibration, int persistence, UnitBaseline baseline,
                   boolean trimDoubted) {
        this(phase, scorer, calibration, persistence, baseline, trimDoubted, null);
    }

    /** @param sequential the sequential test of every session beside the persistence count (null: persistence only) */
    public OodGate(Phase phase, OodScorer scorer, ConformalCalibration calibration, int persistence, UnitBaseline baseline,
                   boolean trimDoubted, GateSession.Sequential sequential) {
        if (persistence < 1) {
            throw new IllegalArgumentException("persistence must be at least 1, got " + persistence);
        }
        this.phase = phase;
        this.extractor = new FeatureExtractor(scorer.features());
        this.scorer = scorer;
        this.calibration = calibration;
        this.persistence = persistence;
        if (baseline != null && baseline.width() != scorer.features().size()) {
            throw new IllegalArgumentException("baseline has " + baseline.width() + " features, the scorer "
                    + scorer.features().size());
        }
        this.baseline = baseline;
        this.trimDoubted = trimDoubted;
        this.sequential = sequential;
        this.groupOf = scorer.features().stream().map(io.hotfire.learned.feature.Feature::group).toArray(String[]::new);
    }

    /** This gate with a sequential test in every session beside the persistence count (null: persistence only). */
    public OodGate withSequential(GateSession.Sequential test) {
        return new OodGate(phase, scorer, calibration, persistence, baseline, trimDoubted, test);
    }

    /** The sequential test of every session (null: persistence only). */
    public GateSession.Sequential sequential() {
        return sequential;
    }

    /** Whether sensors named as doubted are left out of the score. */
    public boolean trimDoubted() {
        return trimDoubted;
    }

    /** The features of the named sensors set missing (they then add nothing to any distance); x itself is kept. */
    public double[] withoutSensors(double[] x, java.util.Set<String> sensors) {
        if (sensors == null || sensors.isEmpty()) {
            return x;
        }
        double[] out = x.clone();
        for (int j = 0; j < out.length; j++) {
            if (sensors.contains(groupOf[j])) {
                out[j] = Double.NaN;
            }
        }
        return out;
    }

    /**
     * One window's score, p-value and contributions; no state (with a unit baseline, the window is its
     * own baseline, as a run's first window is). Windows outside the phase are not scored.
     */
    public GateScore score(WindowSnapshot w) {
        return score(w, null, baseline == null ? null : baseline.start()).score();
    }

    /** A score and the neighbours it found (a session hands them to the next window as a hint). */
    record Hinted(GateScore score, int[] neighbours) {
    }

    Hinted score(WindowSnapshot w, int[] hint, UnitBaseline.State unit) {
        return score(w, hint, unit, java.util.Set.of());
    }

    Hinted score(WindowSnapshot w, int[] hint, UnitBaseline.State unit, java.util.Set<String> doubted) {
        if (w.phase() != phase) {
            return new Hinted(GateScore.notScored(w.tEnd(), calibration.threshold(), calibration.alpha()), hint);
        }
        double[] x = extractor.extract(w);
        if (unit != null) {
            x = unit.apply(x);
        }
        if (trimDoubted) {
            x = withoutSensors(x, doubted);
        }
        OodScorer.Scored s = scorer.score(x, w.theta(), hint);
        return new Hinted(new GateScore(true, w.tEnd(), s.score(), calibration.pValue(s.score()),
                calibration.threshold(), calibration.alpha(), calibration.exceeds(s.score()), s.contributions()),
                s.neighbours());
    }

    /** A new per-run session with the model's persistence. */
    public GateSession session() {
        return new GateSession(this, persistence);
    }

    /** A new per-run session with another persistence (e.g. for evaluation sweeps). */
    public GateSession session(int persistence) {
        return new GateSession(this, persistence);
    }

    public Phase phase() {
        return phase;
    }

    public OodScorer scorer() {
        return scorer;
    }

    public ConformalCalibration calibration() {
        return calibration;
    }

    public int persistence() {
        return persistence;
    }

    /** The per-unit baseline, or null when the gate scores features as extracted. */
    public UnitBaseline baseline() {
        return baseline;
    }

    public double alpha() {
        return calibration.alpha();
    }

    public double threshold() {
        return calibration.threshold();
    }
}
