package io.hotfire.llm.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.Route;
import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.Runs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagnosisGroundingGuardrailTest {

    static final KnownIdentifiers KNOWN = new KnownIdentifiers(Set.copyOf(Gg1.CATALOGUE), Gg1.sensorIds());
    static final Diagnosis ABORT_RUN = Diagnosis.ofRun(Runs.read("gg-fuel-starvation-abort.jsonl"),
            Route.out(0.0002, List.of(new Route.TopFeature("TIT_A", 7.5)), 17.68));
    final DiagnosisGroundingGuardrail guardrail = new DiagnosisGroundingGuardrail(GroundedFacts.of(ABORT_RUN), KNOWN);

    @Test
    void theDiagnosissOwnCodesSensorsRulesAndRoundedNumbers_pass() {
        GuardrailResult r = guardrail.check("At T+19.4 s TIT_A peaked at 1062 K (1,062 K) against the 1050 K redline; "
                + "GG_FUEL_STARVATION from GG-001 with TIT_B rising 45 K/s; RL-001 and RC-001 gave ABORT. "
                + "The GG-1 engine burns LOX/RP-1; p-value 0.0002, out of distribution.");

        assertThat(r.violations()).isEmpty();
    }

    @Test
    void aNumberWithinHalfAPercentOfADiagnosisValue_passes_andOneBeyondIsRefused() {
        assertThat(guardrail.check("TIT_A near 1060 K").passed()).isTrue();
        assertThat(guardrail.check("TIT_A near 1077 K").violations())
                .singleElement().satisfies(v -> {
                    assertThat(v.kind()).isEqualTo(Violation.Kind.NUMBER);
                    assertThat(v.found()).isEqualTo("1077");
                });
    }

    @Test
    void aFaultCodeSensorRuleOrRecommendationOutsideTheDiagnosis_isRefusedByKind() {
        GuardrailResult r = guardrail.check("Probably TP_BEARING_WEAR: PC_A and THRUST dropped, rule TP-004 says "
                + "REDUCE THROTTLE, see FOO_BAR.");

        assertThat(r.violations()).extracting(Violation::kind, Violation::found).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Violation.Kind.FAULT_CODE, "TP_BEARING_WEAR"),
                org.assertj.core.groups.Tuple.tuple(Violation.Kind.SENSOR, "PC_A"),
                org.assertj.core.groups.Tuple.tuple(Violation.Kind.SENSOR, "THRUST"),
                org.assertj.core.groups.Tuple.tuple(Violation.Kind.RULE_ID, "TP-004"),
                org.assertj.core.groups.Tuple.tuple(Violation.Kind.IDENTIFIER, "FOO_BAR"));
        Diagnosis noAbort = Diagnosis.ofRun(Runs.read("regen-jacket-leak.jsonl"));
        assertThat(new DiagnosisGroundingGuardrail(GroundedFacts.of(noAbort), KNOWN).check("ABORT now; HOLD THROTTLE").violations())
                .extracting(Violation::kind).containsOnly(Violation.Kind.RECOMMENDATION).hasSize(2);
    }

    @Test
    void outOfDistribution_speculationAndAMissingRuleTrace_areRefused() {
        RuleTraceGuardrail ood = new RuleTraceGuardrail(GroundedFacts.of(ABORT_RUN));

        assertThat(ood.check("The rules found GG_FUEL_STARVATION; rule GG-001 fired.").passed()).isTrue();
        assertThat(ood.check("GG_FUEL_STARVATION, possibly tape in the injector; it could be worse.").violations())
                .extracting(Violation::kind, Violation::found).containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.SPECULATION, "possibly"),
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.SPECULATION, "could be"),
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.MISSING_RULE_TRACE, ""));
    }

    @Test
    void hypotheses_mustComeFromTheCatalogue_atMostThree_withGroundedReasonsAndConfidenceInRange() {
        HypothesisGuardrail h = new HypothesisGuardrail(Gg1.CATALOGUE, GroundedFacts.of(ABORT_RUN), KNOWN);

        assertThat(h.check(List.of(new HypothesisGuardrail.Candidate("GG_FUEL_STARVATION", "TIT_A rose 49.82 K/s.", 0.8),
                new HypothesisGuardrail.Candidate("TURBINE_EFFICIENCY_LOSS", "Unlike GG_FUEL_STARVATION it rises slowly.", 0.1)))
                .passed()).isTrue();
        GuardrailResult bad = h.check(List.of(
                new HypothesisGuardrail.Candidate("GG_ON_FIRE", "TIT_A rose.", 0.5),
                new HypothesisGuardrail.Candidate("LOX_LINE_LEAK", "P_OX_INJ fell 77.7 %.", -0.2),
                new HypothesisGuardrail.Candidate("VALVE_SLOW", "", 0.3),
                new HypothesisGuardrail.Candidate("SENSOR_BIAS", "TIT_B offset.", 0.2)));
        assertThat(bad.violations()).extracting(Violation::kind).contains(Violation.Kind.SHAPE, Violation.Kind.NOT_IN_CATALOGUE,
                Violation.Kind.SENSOR, Violation.Kind.NUMBER, Violation.Kind.CONFIDENCE);
    }
}
