package io.hotfire.llm.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.Route;
import io.hotfire.llm.guardrail.DiagnosisGroundingGuardrail;
import io.hotfire.llm.guardrail.GroundedFacts;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.Runs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The template explainer: the five parts from the rule trace, grounded by construction. */
class TemplateExplainerTest {

    static final KnownIdentifiers KNOWN = new KnownIdentifiers(Set.copyOf(Gg1.CATALOGUE), Gg1.sensorIds());
    final TemplateExplainer template = new TemplateExplainer();

    @Test
    void anAbortRun_isExplainedWithItsFindingEvidenceRulesAbortAndRoute() {
        List<Event> run = Runs.read("gg-fuel-starvation-abort.jsonl");
        Diagnosis d = Diagnosis.ofRun(run, Route.out(0.0002, List.of(new Route.TopFeature("TIT_A slope", 7.5)), 17.68));

        Explanation e = template.explain(d);

        assertThat(e.whatHappened()).contains("At T+17.68 s the rules found GG_FUEL_STARVATION (CRITICAL)")
                .contains("recommended an abort (REDLINE_HIGH on TIT_A)").contains("WARNING_HIGH on TIT_B at T+18.58 s");
        assertThat(e.evidence()).contains("TIT_A slope 49.82 (expected 887.6, band 15) at T+17.68 s");
        assertThat(e.rules()).contains("GG-001 (GG_FUEL_STARVATION)").contains("RL-001").contains("RC-001 (REDLINE_HIGH, ABORT)");
        assertThat(e.recommendation()).startsWith("The rules recommended ABORT at T+19.38 s (rules RL-001, RC-001)");
        assertThat(e.route()).contains("Out of distribution").contains("p-value 0.0002").contains("TIT_A slope 7.5")
                .contains("rules are authoritative");
        assertThat(e.model()).isEqualTo(TemplateExplainer.MODEL);
        assertGrounded(e, d);
    }

    @Test
    void oneFinding_isExplainedWithTheRecommendationInForceAtItsTime() {
        List<Event> run = Runs.read("regen-jacket-leak.jsonl");
        Event finding = Runs.first(run, EventType.FINDING, "REGEN_JACKET_LEAK");
        Diagnosis d = Diagnosis.ofFinding(finding, run);

        Explanation e = template.explain(d);

        assertThat(d.focus()).isSameAs(finding);
        assertThat(e.recommendation()).startsWith("Recommendation REDUCE_THROTTLE at T+17.68 s (RC-004)");
        assertThat(e.text()).doesNotContain("38.58");
        assertGrounded(e, d);
    }

    @Test
    void aSensorDisqualification_isNamedWithItsSensor() {
        List<Event> run = Runs.read("sensor-drift.jsonl");
        Diagnosis d = Diagnosis.ofRun(run, Route.in(0.31, List.of(), 15.38));

        Explanation e = template.explain(d);

        assertThat(e.whatHappened()).contains("sensor validation disqualified T_WALL (SENSOR_DRIFT)");
        assertThat(e.route()).startsWith("In distribution").contains("advisory");
        assertGrounded(e, d);
    }

    @Test
    void withoutRouteInformation_theRunCountsAsOutOfDistribution() {
        Diagnosis d = Diagnosis.ofRun(Runs.read("regen-jacket-leak.jsonl"));

        Explanation e = template.explain(d);

        assertThat(d.inDistribution()).isFalse();
        assertThat(e.inDistribution()).isFalse();
        assertThat(e.route()).startsWith("No route information: treated as out of distribution");
    }

    @Test
    void aQuietRun_saysTheRulesFoundNothing() {
        Diagnosis d = Diagnosis.ofRun(List.of());

        Explanation e = template.explain(d);

        assertThat(e.whatHappened()).isEqualTo("The rules raised no finding, alarm, sensor disqualification or abort.");
        assertThat(e.recommendation()).isEqualTo("The rules made no recommendation.");
    }

    static void assertGrounded(Explanation e, Diagnosis d) {
        assertThat(new DiagnosisGroundingGuardrail(GroundedFacts.of(d), KNOWN).check(e.text()).violations())
                .as("ungrounded content in: %s", e.text()).isEmpty();
    }
}
