package io.hotfire.learned.classify;

import java.util.List;
import java.util.Set;

/**
 * The classifier's view of one window: every class with its probability, most likely first. It
 * is advice from a pattern matcher validated only in distribution; the rules decide.
 *
 * @param scored      false for a window outside the spec's phase (then {@code ranked} is empty)
 * @param tEnd        run time of the window's last sample
 * @param ranked      every class with its probability, descending; they sum to 1
 * @param abstentions the classifier's abstention classes (learned.yaml {@code classifier.abstain}): what it
 *                    recognises so as not to advise on it; never a fault code
 */
public record Prediction(boolean scored, double tEnd, List<CodeProbability> ranked, Set<String> abstentions) {

    /** The class of windows with no fault active. */
    public static final String NOMINAL = "NOMINAL";

    public Prediction {
        ranked = List.copyOf(ranked);
        abstentions = Set.copyOf(abstentions);
    }

    public Prediction(boolean scored, double tEnd, List<CodeProbability> ranked) {
        this(scored, tEnd, ranked, Set.of());
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

    /** Whether the most likely class is a fault code (not {@value #NOMINAL}, not an abstention class). */
    public boolean fault() {
        return scored && !ranked.isEmpty() && !ranked.get(0).code().equals(NOMINAL) && !abstentions.contains(ranked.get(0).code());
    }

    /** Whether the most likely class is an abstention class: the window looks like something not to advise on. */
    public boolean abstains() {
        return scored && !ranked.isEmpty() && abstentions.contains(ranked.get(0).code());
    }
}
