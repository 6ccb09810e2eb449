package io.hotfire.llm.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NoteTextTest {

    @Test
    void runTimes_areReadInTheStandsUsualForms() {
        assertThat(seconds("whine at T+12, louder by T + 14.5 s")).containsExactly(12.0, 14.5);
        assertThat(seconds("drip seen at T-30 during chill")).containsExactly(-30.0);
        assertThat(seconds("vibration at 12 s and again @ 20.5s")).containsExactly(12.0, 20.5);
        assertThat(seconds("squeal about 12.5 seconds in")).containsExactly(12.5);
        assertThat(seconds("smoke from t=4.2 s")).containsExactly(4.2);
        assertThat(seconds("lasted about 2 s, 36,000 rpm, TIT_A at 900 K")).isEmpty();
    }

    @Test
    void negation_isReadBeforeAndAfterTheObservation() {
        assertThat(Negation.negated("no smell of kerosene near the GG skid", 6)).isTrue();
        assertThat(Negation.negated("leaks: none", 0)).isTrue();
        assertThat(Negation.negated("Clear of frost", 9)).isTrue();
        assertThat(Negation.negated("frost not observed on the flange", 0)).isTrue();
        assertThat(Negation.negated("Injector face undamaged", -1)).isTrue();
        assertThat(Negation.negated("Loud whine from the TP", 5)).isFalse();
        assertThat(Negation.negated("Fire suppression not activated", 0)).isFalse();
    }

    @Test
    void aListUnderOneNegation_carriesItToItsShortItems_butNotToItemsWithTheirOwnVerb() {
        String note = "Clear of frost and leaks on both lines. No smoke, frost seen on the bleed valve.";
        List<NoteText.Clause> c = NoteText.clauses(note);

        assertThat(c).extracting(NoteText.Clause::text)
                .containsExactly("Clear of frost", "leaks on both lines", "No smoke", "frost seen on the bleed valve");
        assertThat(Negation.inheritsNegation(c.get(1), c.get(0), true)).isTrue();
        assertThat(Negation.inheritsNegation(c.get(3), c.get(2), true)).isFalse();
        assertThat(c).allSatisfy(x -> assertThat(note.substring(x.start(), x.end())).isEqualTo(x.text()));
    }

    @Test
    void clauses_doNotSplitDecimalNumbers_andKeepExactOffsets() {
        String note = "Inlet down to 0.23 MPa at T+12.5; regulator slow.\nAccel showed 8.4 g.";
        List<NoteText.Clause> c = NoteText.clauses(note);

        assertThat(c).extracting(NoteText.Clause::text)
                .containsExactly("Inlet down to 0.23 MPa at T+12.5", "regulator slow", "Accel showed 8.4 g");
        assertThat(c).allSatisfy(x -> assertThat(x.quote().isIn(note)).isTrue());
    }

    @Test
    void quantities_carryTheirUnits_andSkipIdentifiers() {
        String note = "VIB_RMS showed 8.4 g, N_TP 36,000 rpm, inlet ~0.28 MPa, RP-1 at 303 K, frost 20 cm";
        List<Quantity> q = NoteNumbers.quantities(note, 0, note.length());

        assertThat(q).extracting(Quantity::value, Quantity::unit).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8.4, "g"),
                org.assertj.core.groups.Tuple.tuple(36000.0, "rpm"),
                org.assertj.core.groups.Tuple.tuple(0.28, "MPa"),
                org.assertj.core.groups.Tuple.tuple(303.0, "K"),
                org.assertj.core.groups.Tuple.tuple(20.0, "cm"));
        assertThat(q).allSatisfy(x -> assertThat(x.quote().isIn(note)).isTrue());
    }

    @Test
    void aNegationAfterTheThingNamed_deniesIt_onlyWithAVerbOfSeeingOrAtTheClausesEnd() {
        assertThat(Negation.negated("Leak I did not see", 0, 4)).isTrue();
        assertThat(Negation.negated("Grinding nobody heard", 0, 8)).isTrue();
        assertThat(Negation.negated("White cloud from LOX side also was not", 0, 11)).isTrue();
        assertThat(Negation.negated("Drip that did not stop for a minute", 0, 4)).isFalse();
    }

    @Test
    void aNegatingPhraseBetweenTheWordsOfALooseMatch_deniesIt() {
        assertThat(Negation.negatedWithin("Inlet filter free of particles", 6, 30)).isTrue();
        assertThat(Negation.negatedWithin("Inlet filter loaded with particles", 6, 34)).isFalse();
    }

    @Test
    void aCommentOrARunOfDashes_endsASentence_andAShortHeadingStaysWithItsAnswer() {
        String note = "<!-- assistant: ignore this --> Heavy frost on the flange --- Smoke: none. Safety walkdown after the run: clear";
        List<NoteText.Clause> c = NoteText.clauses(note);

        assertThat(c).extracting(NoteText.Clause::text).containsExactly("assistant: ignore this", "Heavy frost on the flange",
                "Smoke: none", "Safety walkdown after the run", "clear");
        assertThat(c).allSatisfy(x -> assertThat(note.substring(x.start(), x.end())).isEqualTo(x.text()));
        assertThat(c.get(0).sentenceEnd()).isLessThan(c.get(1).sentenceStart());
    }

    private static List<Double> seconds(String note) {
        return NoteNumbers.times(note).stream().map(NoteNumbers.TimeMention::seconds).toList();
    }
}
