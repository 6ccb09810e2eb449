package io.hotfire.llm.intake;

import io.hotfire.llm.intake.LabelledNotesLoader.Label;
import io.hotfire.llm.intake.LabelledNotesLoader.Labelled;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Precision and recall of an intake on labelled notes. Per note, the set of (code, present) pairs the
 * intake coded is compared with the set its label states: a pair in both is a true positive, one coded
 * only a false positive, one stated only a false negative (a note coded "not FROST_ON_LINE" where it
 * says there was frost is both). The measure of llm-bridge/README.md, its tests and {@code hotfire
 * intake}.
 *
 * @param notes           notes scored
 * @param truePositives   pairs coded and stated
 * @param falsePositives  pairs coded, not stated
 * @param falseNegatives  pairs stated, not coded
 * @param misses          every false positive and false negative, in note order
 */
public record IntakeScore(int notes, int truePositives, int falsePositives, int falseNegatives, List<Miss> misses) {

    /** An empty score, the start of a sum. */
    public static final IntakeScore NONE = new IntakeScore(0, 0, 0, 0, List.of());

    public IntakeScore {
        misses = List.copyOf(misses);
    }

    /**
     * One pair coded but not stated ({@code quote} the observation's) or stated but not coded (no quote).
     */
    public record Miss(String noteId, String code, boolean present, Optional<String> quote) {

        public boolean falsePositive() {
            return quote.isPresent();
        }

        @Override
        public String toString() {
            String pair = (present ? "" : "not ") + code;
            return quote.map(q -> noteId + " false positive " + pair + " <- '" + q + "'").orElse(noteId + " missed " + pair);
        }
    }

    /** Codes every note with {@code coder} (text, run time → observations) and scores it against its label. */
    public static IntakeScore of(List<Labelled> notes, BiFunction<String, Optional<Double>, List<Observation>> coder) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<Miss> misses = new ArrayList<>();
        for (Labelled n : notes) {
            List<Observation> observations = coder.apply(n.text(), n.runTime());
            Set<Label> got = new LinkedHashSet<>();
            observations.forEach(o -> got.add(new Label(o.code(), o.present())));
            Set<Label> want = new LinkedHashSet<>(n.expected());
            for (Label g : got) {
                if (want.contains(g)) {
                    tp++;
                } else {
                    fp++;
                    String quote = observations.stream().filter(o -> o.code().equals(g.code()) && o.present() == g.present())
                            .map(o -> o.quote().text()).findFirst().orElse("");
                    misses.add(new Miss(n.id(), g.code(), g.present(), Optional.of(quote)));
                }
            }
            for (Label w : want) {
                if (!got.contains(w)) {
                    fn++;
                    misses.add(new Miss(n.id(), w.code(), w.present(), Optional.empty()));
                }
            }
        }
        return new IntakeScore(notes.size(), tp, fp, fn, misses);
    }

    /** Coded pairs that were stated; 1 when nothing was coded. */
    public double precision() {
        return truePositives + falsePositives == 0 ? 1.0 : truePositives / (double) (truePositives + falsePositives);
    }

    /** Stated pairs that were coded; 1 when nothing was stated. */
    public double recall() {
        return truePositives + falseNegatives == 0 ? 1.0 : truePositives / (double) (truePositives + falseNegatives);
    }

    /** This score and another pooled. */
    public IntakeScore plus(IntakeScore other) {
        List<Miss> all = new ArrayList<>(misses);
        all.addAll(other.misses);
        return new IntakeScore(notes + other.notes, truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives, all);
    }

    /** {@code precision 0.809, recall 0.746 (TP 144, FP 34, FN 49)}. */
    public String summary() {
        return String.format(Locale.ROOT, "precision %.3f, recall %.3f (TP %d, FP %d, FN %d)", precision(), recall(),
                truePositives, falsePositives, falseNegatives);
    }
}
