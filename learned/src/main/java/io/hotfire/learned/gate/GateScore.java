package io.hotfire.learned.gate;

import java.util.List;

/**
 * The gate's verdict on one window, before persistence.
 *
 * @param scored        false for a window outside the spec's phase (then nothing else means anything)
 * @param tEnd          run time of the window's last sample
 * @param score         OOD score (0 = like a reference window)
 * @param pValue        conformal p-value, in (0, 1]
 * @param threshold     score above which p ≤ α
 * @param alpha         the level α
 * @param exceeds       p ≤ α
 * @param contributions every feature with a part in the score, largest first
 */
public record GateScore(boolean scored, double tEnd, double score, double pValue, double threshold, double alpha,
                        boolean exceeds, List<Contribution> contributions) {

    public GateScore {
        contributions = List.copyOf(contributions);
    }

    static GateScore notScored(double tEnd, double threshold, double alpha) {
        return new GateScore(false, tEnd, Double.NaN, 1.0, threshold, alpha, false, List.of());
    }

    /** The {@code n} largest contributions that count in the score (a trimmed lone sensor is left out). */
    public List<Contribution> top(int n) {
        return contributions.stream().filter(Contribution::counted).limit(n).toList();
    }
}
