package io.hotfire.llm.diagnosis;

import static io.hotfire.llm.support.OpenAiStub.content;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.llm.call.LlmClient;
import io.hotfire.llm.call.LlmOptions;
import io.hotfire.llm.explain.Explanation;
import io.hotfire.llm.explain.ExplanationService;
import io.hotfire.llm.explain.TemplateExplainer;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.hypothesis.HypothesisResult;
import io.hotfire.llm.hypothesis.HypothesisService;
import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.OpenAiStub;
import io.hotfire.llm.support.RecordingSink;
import io.hotfire.llm.support.Runs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run that leaves the distribution and comes back: yield is decided per finding, by the windows that decided it. */
class YieldPerFindingTest {

    static final KnownIdentifiers KNOWN = new KnownIdentifiers(Set.copyOf(Gg1.CATALOGUE), Gg1.sensorIds());
    final OpenAiStub stub = new OpenAiStub();
    final RecordingSink audit = new RecordingSink();

    @AfterEach
    void stop() {
        stub.close();
    }

    static Event route(double t, boolean in) {
        return new Event(t, EventType.ROUTE, in ? "IN_DISTRIBUTION" : "OUT_OF_DISTRIBUTION", Severity.WATCH, null, List.of(),
                "route", Map.of("pValue", in ? 0.4 : 0.0003));
    }

    /** In at 1 s, out at 15 s, the REGEN_JACKET_LEAK finding at 17.68 s, back in at 30 s. */
    static List<Event> leavesAndComesBack() {
        List<Event> events = new ArrayList<>(List.of(route(1.0, true), route(15.0, false)));
        events.addAll(Runs.read("regen-jacket-leak.jsonl"));
        events.add(route(30.0, true));
        return events;
    }

    static Event finding(List<Event> events) {
        return events.stream().filter(e -> e.type() == EventType.FINDING).findFirst().orElseThrow();
    }

    @Test
    void aFindingMadeOutOfDistribution_isExplainedFromTheRuleTraceOnly_thoughTheRunEndsInDistribution() {
        List<Event> run = leavesAndComesBack();
        Diagnosis whole = Diagnosis.ofRun(run);
        Diagnosis one = Diagnosis.ofFinding(finding(run), run);
        assertThat(whole.inDistribution()).as("the run's last route").isTrue();
        assertThat(whole.inDistributionAt(17.68)).isFalse();
        assertThat(one.inDistribution()).isFalse();

        assertThat(new TemplateExplainer().explain(whole).route())
                .contains("REGEN_JACKET_LEAK at T+17.68 s was concluded while the gate said out of distribution "
                        + "(route decision at T+15 s): it is explained from the rule trace only")
                .contains("Advisory hypotheses: not offered (windows since the last finding at T+17.68 s: "
                        + "out of distribution from the route decision at T+15 s, in distribution from the route decision at T+30 s)");

        String speculative = "{\"claims\": [{\"text\": \"REGEN_JACKET_LEAK was most likely a cracked tube.\", \"cites\": [\"E4\"]}]}";
        stub.then(content(speculative), content(speculative));
        Explanation e = ExplanationService.withLlm(new LlmClient(stub.chatModel(), LlmOptions.of("openai:gpt-4o-mini"), audit),
                Gg1.claimLanguage(), KNOWN, Gg1.sensorUnits()).explain(whole);
        assertThat(stub.requests().get(0)).contains("OUT OF the validated distribution");
        assertThat(audit.records().get(0).violations()).anyMatch(v -> v.contains("SPECULATION 'likely'"));
        assertThat(e.prose()).isNull();
    }

    @Test
    void hypotheses_areNotOffered_whenAWindowSinceTheLastFindingWasOutOfDistribution() {
        HypothesisResult r = new HypothesisService(new LlmClient(stub.chatModel(), LlmOptions.of("openai:gpt-4o-mini"), audit),
                KNOWN).hypotheses(Diagnosis.ofRun(leavesAndComesBack()), Gg1.CATALOGUE);

        assertThat(r.status()).isEqualTo(HypothesisResult.Status.SUPPRESSED_OUT_OF_DISTRIBUTION);
        assertThat(r.detail()).contains("route decision at T+15 s").contains("T+30 s");
        assertThat(stub.requests()).as("the model is not asked").isEmpty();
    }

    @Test
    void hypotheses_areOffered_whenTheRunCameBackBeforeItsLastFinding() {
        List<Event> events = new ArrayList<>(List.of(route(1.0, true), route(5.0, false), route(10.0, true)));
        events.addAll(Runs.read("regen-jacket-leak.jsonl"));
        stub.then(OpenAiStub.recorded("hypotheses-good.json"));

        HypothesisResult r = new HypothesisService(new LlmClient(stub.chatModel(), LlmOptions.of("openai:gpt-4o-mini"), audit),
                KNOWN).hypotheses(Diagnosis.ofRun(events), Gg1.CATALOGUE);

        assertThat(r.status()).isEqualTo(HypothesisResult.Status.OFFERED);
        assertThat(r.detail()).contains("in distribution from the route decision at T+10 s");
    }
}
