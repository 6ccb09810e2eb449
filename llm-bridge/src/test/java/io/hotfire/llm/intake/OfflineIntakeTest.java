package io.hotfire.llm.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.llm.support.Gg1;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OfflineIntakeTest {

    final OfflineIntake intake = Gg1.offline();

    @Test
    void aWhineAtAStatedTime_isCodedWithThatTime_theComponentAndTheClauseAsQuote() {
        String note = "Loud whine from the turbopump at T+12, got louder until cutoff.";

        Observation o = only(intake.extract(note, Optional.of(30.0)));

        assertThat(o.code()).isEqualTo("AUDIBLE_WHINE_TURBOPUMP");
        assertThat(o.present()).isTrue();
        assertThat(o.time()).isEqualTo(12.0);
        assertThat(o.timeSource()).isEqualTo(TimeSource.NOTE);
        assertThat(o.component()).isEqualTo("turbopump");
        assertThat(o.quote().text()).isEqualTo("Loud whine from the turbopump at T+12");
        assertThat(o.quote().start()).isZero();
        assertThat(o.model()).isEqualTo(OfflineIntake.MODEL);
        assertThat(o.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void aNegatedSmell_isCodedAsAbsent_atTheGivenRunTime() {
        Observation o = only(intake.extract("no smell of kerosene near the GG skid", Optional.of(41.5)));

        assertThat(o.code()).isEqualTo("FUEL_SMELL_GG_SKID");
        assertThat(o.present()).isFalse();
        assertThat(o.time()).isEqualTo(41.5);
        assertThat(o.timeSource()).isEqualTo(TimeSource.GIVEN_RUN_TIME);
    }

    @Test
    void aSensorNamedInTheNote_andItsNumbers_travelWithTheObservation() {
        Observation o = only(intake.extract("PC_B trace looks frozen at 9.71 MPa from T+18 onward, suspect transducer.",
                Optional.empty()));

        assertThat(o.code()).isEqualTo("INSTRUMENT_SUSPECT");
        assertThat(o.sensor()).isEqualTo("PC_B");
        assertThat(o.time()).isEqualTo(18.0);
        assertThat(o.quantities()).extracting(Quantity::value, Quantity::unit)
                .contains(org.assertj.core.groups.Tuple.tuple(9.71, "MPa"));
    }

    @Test
    void aNoteWithNothingRelevant_givesNoObservation() {
        assertThat(intake.extract("Weather clear, wind 5 kt from W. Countdown held 10 min for range clearance.", Optional.empty()))
                .isEmpty();
        assertThat(intake.extract("   ", Optional.empty())).isEmpty();
    }

    private static Observation only(List<Observation> obs) {
        assertThat(obs).hasSize(1);
        return obs.get(0);
    }
}
