package io.hotfire.llm.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.llm.intake.LabelledNotesLoader.Label;
import io.hotfire.llm.intake.LabelledNotesLoader.Labelled;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What counts as a hit and a miss in {@link IntakeScore}, with a scripted coder in place of an intake. */
class IntakeScoreTest {

    static Observation coded(String note, String code, boolean present) {
        return new Observation(code, null, TimeSource.NONE, null, null, present, 0.9, new Quote(0, note.length(), note),
                List.of(), "scripted");
    }

    static Labelled note(String id, String text, Label... expected) {
        return new Labelled("f.yaml", id, text, Optional.empty(), List.of(expected));
    }

    @Test
    void aPairCodedAndStatedIsAHit_aWrongSignIsBothAFalsePositiveAndAMiss_andRepeatsCountOnce() {
        Labelled frost = note("N1", "frost on the line", new Label("FROST", true));
        Labelled noLeak = note("N2", "no leak", new Label("LEAK", false));
        Labelled quiet = note("N3", "good run");
        Map<String, List<Observation>> coder = Map.of(
                "frost on the line", List.of(coded("frost on the line", "FROST", true), coded("frost on the line", "FROST", true)),
                "no leak", List.of(coded("no leak", "LEAK", true)),
                "good run", List.of());

        IntakeScore s = IntakeScore.of(List.of(frost, noLeak, quiet), (text, time) -> coder.get(text));

        assertThat(s.notes()).isEqualTo(3);
        assertThat(s.truePositives()).isEqualTo(1);
        assertThat(s.falsePositives()).isEqualTo(1);
        assertThat(s.falseNegatives()).isEqualTo(1);
        assertThat(s.precision()).isEqualTo(0.5);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.misses()).extracting(Object::toString)
                .containsExactly("N2 false positive LEAK <- 'no leak'", "N2 missed not LEAK");
        assertThat(s.summary()).isEqualTo("precision 0.500, recall 0.500 (TP 1, FP 1, FN 1)");
    }

    @Test
    void scoresPool_andNothingCodedOrStatedIsNoError() {
        IntakeScore empty = IntakeScore.of(List.of(note("N3", "good run")), (text, time) -> List.of());
        IntakeScore one = IntakeScore.of(List.of(note("N1", "frost", new Label("FROST", true))),
                (text, time) -> List.of(coded(text, "FROST", true)));

        assertThat(empty.precision()).isEqualTo(1.0);
        assertThat(empty.recall()).isEqualTo(1.0);
        IntakeScore pooled = IntakeScore.NONE.plus(empty).plus(one);
        assertThat(pooled.notes()).isEqualTo(2);
        assertThat(pooled.truePositives()).isEqualTo(1);
        assertThat(pooled.misses()).isEmpty();
    }
}
