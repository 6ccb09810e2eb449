package io.hotfire.learned.gate;

import io.hotfire.domain.feature.WindowSnapshot;

/**
 * The gate for one run: counts consecutive windows and declares OOD after {@code persistence}
 * consecutive windows at p ≤ α, or, with a sequential test ({@link Sequential}), as soon as its
 * evidence reaches the limit; it declares the run back in distribution after {@code persistence}
 * consecutive windows at p > α (the evidence then starts again at 0).
 * Windows outside the spec's phase are not scored and leave the counts as they are. Not thread-safe:
 * one session per run, fed in window order.
 */
public final class GateSession {

    private final OodGate gate;
    private final int persistence;
    private boolean ood;
    private int exceeding;
    private int within;
    private int[] hint;
    private final UnitBaseline.State unit;
    private final Sequential sequential;
    private double evidence;

    /**
     * A CUSUM (Page's test) on the log ratio of each window's score to the gate's threshold:
     * {@code S = max(0, S + ln(score / (reference · threshold)))}, OOD once {@code S ≥ limit}. A window far
     * beyond the threshold adds much at once (a strong shift trips in one or two windows, before the
     * persistence count), a pattern hovering near the threshold adds a little each window and accumulates
     * (a slow ramp, a weak persistent shift, exceedances broken by a window just below), while in-family
     * windows, whose scores lie far below the threshold, drain it to 0.
     *
     * @param reference the fraction of the threshold at which a window neither adds nor drains (in (0, 1]:
     *                  1 = only windows at p ≤ α add evidence)
     * @param limit     the evidence (in natural-log units) that declares OOD; > 0
     */
    public record Sequential(double reference, double limit) {
        public Sequential {
            if (!(reference > 0 && reference <= 1)) {
                throw new IllegalArgumentException("sequential reference must lie in (0, 1], got " + reference);
            }
            if (!(limit > 0) || Double.isInfinite(limit)) {
                throw new IllegalArgumentException("sequential limit must be > 0, got " + limit);
            }
        }

        /** The evidence after a window scoring {@code score} against {@code threshold}, from {@code before}. */
        double next(double before, double score, double threshold) {
            if (Double.isNaN(score) || !(threshold > 0)) {
                return before;
            }
            double step = score <= 0 ? Double.NEGATIVE_INFINITY : Math.log(score / (reference * threshold));
            return Math.max(0, before + step);
        }
    }

    GateSession(OodGate gate, int persistence) {
        this(gate, persistence, gate.sequential());
    }

    GateSession(OodGate gate, int persistence, Sequential sequential) {
        if (persistence < 1) {
            throw new IllegalArgumentException("persistence must be at least 1, got " + persistence);
        }
        this.gate = gate;
        this.persistence = persistence;
        this.unit = gate.baseline() == null ? null : gate.baseline().start();
        this.sequential = sequential;
    }

    /** Scores the run's next window and advances the counts. */
    public GateResult update(WindowSnapshot w) {
        return update(w, java.util.Set.of());
    }

    /**
     * Scores the run's next window, the {@code doubted} sensors left out when the gate trims doubted sensors
     * (the rules' suspects of the window before, handed in as plain data), and advances the counts.
     */
    public GateResult update(WindowSnapshot w, java.util.Set<String> doubted) {
        OodGate.Hinted h = gate.score(w, hint, unit, doubted);
        hint = h.neighbours();
        return update(h.score());
    }

    /** Advances the counts with a window score already computed by {@link OodGate#score}. */
    public GateResult update(GateScore s) {
        if (!s.scored()) {
            return new GateResult(s, ood, false, exceeding, within, evidence);
        }
        boolean before = ood;
        if (s.exceeds()) {
            exceeding++;
            within = 0;
        } else {
            within++;
            exceeding = 0;
        }
        if (sequential != null) {
            evidence = sequential.next(evidence, s.score(), s.threshold());
        }
        // Clearing is the persistence count's alone, as without the test: windows near (below) the threshold
        // still add evidence, so letting the evidence hold the route would keep a fault hovering there out of
        // distribution for good; the evidence starts again at 0 and must be earned anew.
        if (ood && within >= persistence) {
            ood = false;
            evidence = 0;
        } else if (exceeding >= persistence || (sequential != null && evidence >= sequential.limit())) {
            ood = true;
        }
        return new GateResult(s, ood, ood != before, exceeding, within, evidence);
    }

    /** The sequential test's evidence after the last scored window (0 without one). */
    public double evidence() {
        return evidence;
    }

    /** The sequential test (null: persistence only). */
    public Sequential sequential() {
        return sequential;
    }

    public boolean ood() {
        return ood;
    }

    /** This run's unit baseline (null when the gate has none): its offsets, whether complete, which were clipped. */
    public UnitBaseline.State unitBaseline() {
        return unit;
    }

    public int persistence() {
        return persistence;
    }
}
