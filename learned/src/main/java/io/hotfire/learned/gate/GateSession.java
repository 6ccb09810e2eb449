package io.hotfire.learned.gate;

import io.hotfire.domain.feature.WindowSnapshot;

/**
 * The gate for one run: counts consecutive windows and declares OOD after {@code persistence}
 * consecutive windows at p ≤ α; it declares the run back in distribution after as many
 * consecutive windows at p > α. Windows outside the spec's phase are not scored and leave the
 * counts as they are. Not thread-safe: one session per run, fed in window order.
 */
public final class GateSession {

    private final OodGate gate;
    private final int persistence;
    private boolean ood;
    private int exceeding;
    private int within;
    private int[] hint;
    private final UnitBaseline.State unit;

    GateSession(OodGate gate, int persistence) {
        if (persistence < 1) {
            throw new IllegalArgumentException("persistence must be at least 1, got " + persistence);
        }
        this.gate = gate;
        this.persistence = persistence;
        this.unit = gate.baseline() == null ? null : gate.baseline().start();
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
            return new GateResult(s, ood, false, exceeding, within);
        }
        boolean before = ood;
        if (s.exceeds()) {
            exceeding++;
            within = 0;
            if (exceeding >= persistence) {
                ood = true;
            }
        } else {
            within++;
            exceeding = 0;
            if (within >= persistence) {
                ood = false;
            }
        }
        return new GateResult(s, ood, ood != before, exceeding, within);
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
