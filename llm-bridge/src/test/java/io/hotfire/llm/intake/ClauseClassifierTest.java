package io.hotfire.llm.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The trained clause classifier on a handful of made-up labelled clauses (no domain file). */
class ClauseClassifierTest {

    private static List<ClauseClassifier.Example> examples() {
        List<ClauseClassifier.Example> ex = new ArrayList<>();
        for (String s : List.of("loud whine from the pump", "pump whining at start", "a whine from the pump again",
                "high whine heard near the pump")) {
            ex.add(new ClauseClassifier.Example(s, Set.of("WHINE")));
        }
        for (String s : List.of("drip under the flange", "flange dripping after chill", "a small drip at the flange",
                "drip on the deck")) {
            ex.add(new ClauseClassifier.Example(s, Set.of("LEAK")));
        }
        for (String s : List.of("count resumed at noon", "crew briefed at the stand", "weather fine for the test",
                "data pack filed", "next run on tuesday", "the review is tomorrow")) {
            ex.add(new ClauseClassifier.Example(s, Set.of()));
        }
        return ex;
    }

    @Test
    void aVariantOfATrainedWording_typoIncluded_getsItsLabel_andUnrelatedTextDoesNot() {
        ClauseClassifier c = ClauseClassifier.train(examples());
        assertThat(c.probability("pump whinning badly", "WHINE")).isGreaterThan(0.5);
        assertThat(c.probability("pump whinning badly", "LEAK")).isLessThan(0.5);
        assertThat(c.probability("crew briefed for the next run", "WHINE")).isLessThan(0.5);
        assertThat(c.probability("crew briefed for the next run", ClauseClassifier.ANY)).isLessThan(0.5);
        assertThat(c.probability("anything", "NEVER_SEEN")).isZero();
    }

    @Test
    void trainingIsDeterministic() {
        ClauseClassifier a = ClauseClassifier.train(examples());
        ClauseClassifier b = ClauseClassifier.train(examples());
        assertThat(a.probability("drip at the flange", "LEAK")).isEqualTo(b.probability("drip at the flange", "LEAK"));
    }

    @Test
    void aWrittenClassifierReadsBackAsTheSame_andAnotherFormatIsRefused() throws Exception {
        ClauseClassifier a = ClauseClassifier.train(examples());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        a.write(bytes);
        ClauseClassifier b = ClauseClassifier.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(b.labels()).isEqualTo(a.labels());
        for (String text : List.of("pump whinning badly", "drip at the flange", "crew briefed for the next run")) {
            assertThat(b.probabilities(text, null)).isEqualTo(a.probabilities(text, null));
        }
        java.io.ByteArrayOutputStream again = new java.io.ByteArrayOutputStream();
        b.write(again);
        assertThat(again.toByteArray()).isEqualTo(bytes.toByteArray());

        byte[] other = bytes.toByteArray().clone();
        other[0] ^= 1;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClauseClassifier.read(new java.io.ByteArrayInputStream(other)))
                .isInstanceOf(java.io.IOException.class);
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClauseClassifier.read(new java.io.ByteArrayInputStream(cut)))
                .isInstanceOf(java.io.IOException.class);
    }
}
