package io.hotfire.learned.gate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The gate's verdict on one window of a run, after persistence.
 *
 * @param window     the window's own score, p-value and contributions
 * @param ood        whether the run is out of distribution after this window
 * @param changed    whether {@code ood} changed with this window (a route change)
 * @param exceeding  consecutive scored windows with p ≤ α, up to this one
 * @param within     consecutive scored windows with p > α, up to this one
 * @param evidence   the sequential test's evidence after this window (0 without one; {@link GateSession.Sequential})
 */
public record GateResult(GateScore window, boolean ood, boolean changed, int exceeding, int within, double evidence) {

    public GateResult(GateScore window, boolean ood, boolean changed, int exceeding, int within) {
        this(window, ood, changed, exceeding, within, 0);
    }

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

    /**
     * One line for an event or a suppression reason, e.g. {@code OOD: p = 0.0012 <= alpha = 0.01
     * for 5 windows (score 2.31 > 1.03); top: N_TP.relMean 41 %, GGV_CMD.relMean 22 %}.
     */
    public String describe(int topN) {
        if (!window.scored()) {
            return "not scored (outside the gate's phase)";
        }
        StringBuilder b = new StringBuilder(ood ? "OOD" : "in distribution");
        b.append(String.format(Locale.ROOT, ": p = %.2g %s alpha = %s", window.pValue(),
                window.exceeds() ? "<=" : ">", BigDecimal.valueOf(window.alpha()).stripTrailingZeros().toPlainString()));
        b.append(String.format(Locale.ROOT, " for %d window%s", window.exceeds() ? exceeding : within,
                (window.exceeds() ? exceeding : within) == 1 ? "" : "s"));
        b.append(String.format(Locale.ROOT, " (score %.3g %s %.3g)", window.score(), window.exceeds() ? ">" : "<=",
                window.threshold()));
        if (evidence > 0) {
            b.append(String.format(Locale.ROOT, "; sequential evidence %.2f", evidence));
        }
        List<Contribution> top = top(topN);
        if (!top.isEmpty()) {
            b.append("; top: ");
            b.append(String.join(", ", top.stream()
                    .map(c -> String.format(Locale.ROOT, "%s %.0f %%", c.feature(), 100 * c.share())).toList()));
        }
        return b.toString();
    }
}
