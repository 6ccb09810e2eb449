package io.hotfire.llm.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.LabelledNotes;
import io.hotfire.llm.support.LabelledNotes.Note;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Offline intake as the app runs it (the matcher with the clause classifier trained on every
 * labelled note of {@code domains/gg1/intake/}) measured on the labelled GG-1 engineer notes:
 * precision and recall of (code, present/absent) per note on the development set (which the
 * matcher and the vocabulary are tuned on and the classifier trained on: in-sample) and on the
 * held-out set (which no tuning reads), both printed and asserted, and
 * the quote of every accepted observation on every set checked: a whole-word span of its note, of
 * bounded length, that carries no instruction.
 */
class OfflineIntakeEvaluationTest {

    /** Precision and recall the issue requires, on both sets. */
    static final double REQUIRED = 0.90;
    /**
     * What a blind held-out set must not fall below, a floor against regressions: the held-out third of
     * #14's seventh round scored 0.809 / 0.746 when first scored (set 8: 0.85 / 0.82), less a margin.
     */
    static final double HELD_OUT_FLOOR = 0.70;

    private static OfflineIntake intake;

    /** Scores of one labelled set, {@link IntakeScore}'s as {@code hotfire intake} computes them. */
    record Score(String name, IntakeScore score) {
        double precision() {
            return score.precision();
        }

        double recall() {
            return score.recall();
        }

        void print(boolean withMisses) {
            System.out.printf(Locale.ROOT, "Offline intake, %s (%d notes): %s%n", name, score.notes(), score.summary());
            if (withMisses) {
                score.misses().forEach(m -> System.out.println("  " + m));
            }
        }
    }

    @BeforeAll
    static void load() {
        long start = System.nanoTime();
        intake = Gg1.learned();
        // a benchmark figure for the README, never asserted; includes embedding the notes' clauses unless an earlier class did
        System.out.printf(Locale.ROOT, "Offline intake with its classifier built in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        assertThat(intake.learned()).as("a classifier trained on domains/gg1/intake/").isTrue();
    }

    @Test
    void offlineIntake_reachesTheRequiredPrecisionAndRecall_onTheDevelopmentSet() {
        for (String r : LabelledNotes.DEVELOPMENT) {
            score("development " + r.substring(r.lastIndexOf('/') + 1) + " (in-sample)", LabelledNotes.read(r)).print(false);
        }
        List<Note> notes = LabelledNotes.development();
        assertThat(notes).hasSizeGreaterThanOrEqualTo(130);
        assertThat(notes.stream().map(Note::id).distinct().count()).as("distinct ids").isEqualTo(notes.size());
        Score s = score("development set", notes);
        s.print(true);
        assertThat(s.precision()).as("precision").isGreaterThanOrEqualTo(REQUIRED);
        assertThat(s.recall()).as("recall").isGreaterThanOrEqualTo(REQUIRED);
    }

    /**
     * The blind held-out sets in the tests' {@code notes/} folder (or the one named with {@code -Dintake.heldOut=path}):
     * the held-out third of the writer sets whose other two-thirds are development data
     * ({@link LabelledNotes#HELD_OUT_THIRD}, issue #14's measure), and set 8, by a writer none of whose notes
     * are development data (the harder measure). Only the figures are printed, never the misses, so that
     * reading the test output cannot tune on them. Skipped when there is none.
     */
    @Test
    void offlineIntake_onTheHeldOutSets_isMeasured_andHoldsItsFloor() {
        List<String> names = LabelledNotes.heldOutNames();
        if (names.isEmpty()) {
            System.out.println("Offline intake: no blind held-out set in src/test/resources" + LabelledNotes.HELD_OUT_FOLDER
                    + " (gg1-notes-holdout-*.yaml); nothing blind to score");
        }
        Assumptions.assumeTrue(!names.isEmpty(), "no blind held-out set present");
        List<Note> dev = LabelledNotes.development();
        Set<String> devIds = dev.stream().map(Note::id).collect(Collectors.toSet());
        Set<String> devTexts = dev.stream().map(Note::text).collect(Collectors.toSet());
        List<Note> all = LabelledNotes.heldOut();
        assertThat(all.size() + dev.size()).as("labelled notes in all").isGreaterThanOrEqualTo(150);
        assertThat(all.stream().map(Note::id).distinct().count()).as("distinct held-out ids").isEqualTo(all.size());
        List<Score> scores = new ArrayList<>();
        for (String name : names) {
            List<Note> notes = LabelledNotes.read(name);
            assertThat(notes).as("held-out notes in %s", name).hasSizeGreaterThanOrEqualTo(50);
            assertThat(notes).as("held-out notes share no id or text with the development set (the training folder)")
                    .noneMatch(n -> devIds.contains(n.id()) || devTexts.contains(n.text()));
            Score s = score("held-out set " + name, notes);
            s.print(false);
            System.out.printf(Locale.ROOT, "  target %.2f / %.2f: %s%n", REQUIRED, REQUIRED,
                    s.precision() >= REQUIRED && s.recall() >= REQUIRED ? "met" : "NOT met");
            scores.add(s);
        }
        // Not met so far (llm-bridge/README.md): the test holds a floor against regressions and prints whether the
        // target is met; it does not pretend to meet it. Every set is printed before any assertion.
        for (Score s : scores) {
            assertThat(s.precision()).as("precision on %s (floor below the 0.90 target)", s.name()).isGreaterThanOrEqualTo(HELD_OUT_FLOOR);
            assertThat(s.recall()).as("recall on %s (floor below the 0.90 target)", s.name()).isGreaterThanOrEqualTo(HELD_OUT_FLOOR);
        }
    }

    @Test
    void everyAcceptedObservation_quotesWholeWordsOfBoundedLength_andNoInstruction_onEverySet() {
        List<Note> notes = new ArrayList<>(LabelledNotes.development());
        notes.addAll(LabelledNotes.heldOut());
        int seen = 0;
        for (Note n : notes) {
            String text = n.text();
            for (Observation o : intake.extract(text, n.runTime())) {
                Quote q = o.quote();
                String what = o.code() + " in " + n.id() + " quoting '" + q.text() + "'";
                assertThat(q.isIn(text)).as("quote in the note: %s", what).isTrue();
                assertThat(NoteText.words(q.text())).as("quote has words: %s", what).isNotEmpty();
                assertThat(q.start() == 0 || !Character.isLetterOrDigit(text.charAt(q.start() - 1))
                        || !Character.isLetterOrDigit(text.charAt(q.start()))).as("quote starts at a word: %s", what).isTrue();
                assertThat(q.end() == text.length() || !Character.isLetterOrDigit(text.charAt(q.end()))
                        || !Character.isLetterOrDigit(text.charAt(q.end() - 1))).as("quote ends at a word: %s", what).isTrue();
                assertThat(q.text().length()).as("quote length: %s", what).isLessThanOrEqualTo(ObservationGrounding.MAX_QUOTE_CHARS);
                assertThat(NoteText.words(q.text()).size()).as("quote words: %s", what)
                        .isLessThanOrEqualTo(ObservationGrounding.MAX_QUOTE_WORDS);
                assertThat(Instructions.instructionLike(q.text(), intake.vocabulary().codes())).as("instruction in %s", what).isFalse();
                assertThat(Instructions.instructionLike(sentenceOf(text, q), intake.vocabulary().codes()))
                        .as("instruction in the sentence of %s", what).isFalse();
                assertThat(intake.vocabulary().contains(o.code())).isTrue();
                assertThat(o.model()).isEqualTo(OfflineIntake.MODEL);
                for (Quantity qt : o.quantities()) {
                    assertThat(qt.quote().isIn(text)).isTrue();
                }
                seen++;
            }
        }
        assertThat(seen).isGreaterThan(notes.size());
    }

    private static String sentenceOf(String note, Quote q) {
        for (int[] s : NoteText.sentences(note)) {
            if (s[0] <= q.start() && q.start() < Math.max(s[1], s[0] + 1)) {
                return note.substring(s[0], s[1]);
            }
        }
        return q.text();
    }

    static Score score(String name, List<Note> notes) {
        return new Score(name, IntakeScore.of(LabelledNotes.labelled(name, notes), intake::extract));
    }
}
