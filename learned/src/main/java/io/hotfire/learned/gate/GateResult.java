package io.hotfire.learned.gate;

import java.util.List;

/**
 * The gate's verdict on one window of a run, after persistence.
 *
 * @param window     the window's own score, p-value and contributions
 * @param ood        whether the run is out of distribution after this window
 * @param changed    whether {@code ood} changed with this window (a route change)
 * @param exceeding  consecutive scored windows with p ≤ α, up to this one
 * @param within     consecutive scored windows with p > α, up to this one
 */
public record GateResult(GateScore window, boolean ood, boolean changed, int exceeding, int within) {

    public double score() {
        return window.score();
    }

    public double pValue() {
        return window.pValue();
    }

    public double threshold() {
        return window.threshold();
    }

    /** The {@code n} largest counted contributions of this window. */
    public List<Contribution> top(int n) {
        return window.top(n);
    }
}
