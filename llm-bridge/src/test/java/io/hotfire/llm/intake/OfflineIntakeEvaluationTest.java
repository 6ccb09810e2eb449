package io.hotfire.llm.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.LabelledNotes;
import io.hotfire.llm.support.LabelledNotes.Expected;
import io.hotfire.llm.support.LabelledNotes.Note;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Offline intake measured on the labelled GG-1 engineer notes: precision and recall of
 * (code, present/absent) per note, printed, and the grounding of every quote asserted.
 */
class OfflineIntakeEvaluationTest {

    /** Scores of one labelled set. */
    record Score(String name, int notes, int tp, int fp, int fn, List<String> misses) {
        double precision() {
            return tp / (double) Math.max(1, tp + fp);
        }

        double recall() {
            return tp / (double) Math.max(1, tp + fn);
        }

        void print() {
            System.out.printf(Locale.ROOT, "Offline intake, %s (%d notes): precision %.3f, recall %.3f (TP %d, FP %d, FN %d)%n",
                    name, notes, precision(), recall(), tp, fp, fn);
            misses.forEach(m -> System.out.println("  " + m));
        }
    }

    @Test
    void offlineIntake_reachesTheRequiredPrecisionAndRecall_onTheLabelledNotes() {
        List<Note> notes = LabelledNotes.gg1();
        assertThat(notes).hasSizeGreaterThanOrEqualTo(40);
        Score s = score("tuning set", notes);
        s.print();
        assertThat(s.precision()).as("precision").isGreaterThanOrEqualTo(0.85);
        assertThat(s.recall()).as("recall").isGreaterThanOrEqualTo(0.75);
    }

    @Test
    void offlineIntake_reachesTheRequiredPrecisionAndRecall_onHeldOutNotes() {
        List<Note> notes = LabelledNotes.gg1HeldOut();
        Score s = score("held-out set", notes);
        s.print();
        assertThat(s.precision()).as("precision").isGreaterThanOrEqualTo(0.85);
        assertThat(s.recall()).as("recall").isGreaterThanOrEqualTo(0.75);
    }

    /**
     * The second held-out set, in voices the tuning set does not use. Printed, and asserted only
     * against a floor: the target of 0.90 / 0.90 is not reached on it yet (see llm-bridge/README.md).
     */
    @Test
    void offlineIntake_onASecondHeldOutSetInOtherVoices_isMeasured() {
        List<Note> notes = LabelledNotes.gg1HeldOutSecond();
        assertThat(notes).hasSizeGreaterThanOrEqualTo(30);
        Score s = score("second held-out set, other voices", notes);
        s.print();
        assertThat(s.precision()).as("precision").isGreaterThanOrEqualTo(0.5);
        assertThat(s.recall()).as("recall").isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void noObservation_everCarriesAQuoteThatIsNotInItsNote() {
        List<Note> notes = new ArrayList<>(LabelledNotes.gg1());
        notes.addAll(LabelledNotes.gg1HeldOut());
        OfflineIntake intake = Gg1.offline();
        int seen = 0;
        for (Note n : notes) {
            for (Observation o : intake.extract(n.text(), n.runTime())) {
                assertThat(o.quote().isIn(n.text())).as("quote of %s in %s", o.code(), n.id()).isTrue();
                assertThat(n.text()).contains(o.quote().text());
                assertThat(intake.vocabulary().contains(o.code())).isTrue();
                assertThat(o.model()).isEqualTo(OfflineIntake.MODEL);
                for (Quantity q : o.quantities()) {
                    assertThat(q.quote().isIn(n.text())).isTrue();
                }
                seen++;
            }
        }
        assertThat(seen).isGreaterThan(notes.size());
    }

    static Score score(String name, List<Note> notes) {
        OfflineIntake intake = Gg1.offline();
        int tp = 0;
        int fp = 0;
        int fn = 0;
        List<String> misses = new ArrayList<>();
        for (Note n : notes) {
            List<Observation> obs = intake.extract(n.text(), n.runTime());
            Set<Expected> got = obs.stream().map(o -> new Expected(o.code(), o.present())).collect(Collectors.toSet());
            Set<Expected> want = new HashSet<>(n.expected());
            for (Expected g : got) {
                if (want.contains(g)) {
                    tp++;
                } else {
                    fp++;
                    misses.add(String.format(Locale.ROOT, "%s false positive %s%s <- %s", n.id(), g.present() ? "" : "not ",
                            g.code(), quoteOf(obs, g)));
                }
            }
            for (Expected w : want) {
                if (!got.contains(w)) {
                    fn++;
                    misses.add(String.format(Locale.ROOT, "%s missed %s%s", n.id(), w.present() ? "" : "not ", w.code()));
                }
            }
        }
        return new Score(name, notes.size(), tp, fp, fn, misses);
    }

    private static String quoteOf(List<Observation> obs, Expected e) {
        return obs.stream().filter(o -> o.code().equals(e.code()) && o.present() == e.present())
                .map(o -> "'" + o.quote().text() + "' (" + o.confidence() + ")").findFirst().orElse("");
    }
}
