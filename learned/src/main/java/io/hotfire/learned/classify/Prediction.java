package io.hotfire.learned.classify;

import java.util.List;

/**
 * The classifier's view of one window: every class with its probability, most likely first. It
 * is advice from a pattern matcher validated only in distribution; the rules decide.
 *
 * @param scored false for a window outside the spec's phase (then {@code ranked} is empty)
 * @param tEnd   run time of the window's last sample
 * @param ranked every class with its probability, descending; they sum to 1
 */
public record Prediction(boolean scored, double tEnd, List<CodeProbability> ranked) {

    /** The class of windows with no fault active. */
    public static final String NOMINAL = "NOMINAL";

    public Prediction {
        ranked = List.copyOf(ranked);
    }

    static Prediction notScored(double tEnd) {
        return new Prediction(false, tEnd, List.of());
    }

    /** The {@code n} most likely classes. */
    public List<CodeProbability> top(int n) {
        return ranked.subList(0, Math.min(n, ranked.size()));
    }

    /** The most likely class, or null when not scored. */
    public CodeProbability best() {
        return ranked.isEmpty() ? null : ranked.get(0);
    }

    /** Whether the most likely class is a fault code (not {@value #NOMINAL}). */
    public boolean fault() {
        return scored && !ranked.isEmpty() && !ranked.get(0).code().equals(NOMINAL);
    }
}
