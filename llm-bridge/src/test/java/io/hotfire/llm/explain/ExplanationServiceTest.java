package io.hotfire.llm.explain;

import io.hotfire.llm.TestAsync;
import static io.hotfire.llm.support.OpenAiStub.hang;
import static io.hotfire.llm.support.OpenAiStub.recorded;
import static io.hotfire.llm.support.OpenAiStub.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.hotfire.domain.event.Event;
import io.hotfire.llm.LlmAsync;
import io.hotfire.llm.call.CallOutcome;
import io.hotfire.llm.call.LlmCallRecord;
import io.hotfire.llm.call.LlmClient;
import io.hotfire.llm.call.LlmOptions;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.Route;
import io.hotfire.llm.guardrail.DiagnosisGroundingGuardrail;
import io.hotfire.llm.guardrail.GroundedFacts;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.guardrail.RuleTraceGuardrail;
import io.hotfire.llm.support.Eventually;
import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.OpenAiStub;
import io.hotfire.llm.support.RecordingSink;
import io.hotfire.llm.support.Runs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LLM explanations against a local OpenAI-compatible stub: guardrails, retry, template fallback, yield out of distribution. */
class ExplanationServiceTest {

    static final KnownIdentifiers KNOWN = new KnownIdentifiers(Set.copyOf(Gg1.CATALOGUE), Gg1.sensorIds());
    static final List<Event> RUN = Runs.read("regen-jacket-leak.jsonl");
    static final Diagnosis IN = Diagnosis.ofRun(RUN, Route.in(0.42, List.of(new Route.TopFeature("JACKET_DP", 1.9)), 17.68));
    static final Diagnosis OUT = Diagnosis.ofRun(RUN, Route.out(0.0004, List.of(new Route.TopFeature("JACKET_DP", 6.1)), 17.68));

    OpenAiStub stub;
    RecordingSink audit;
    ExplanationService service;

    @BeforeEach
    void start() {
        stub = new OpenAiStub();
        audit = new RecordingSink();
        service = ExplanationService.withLlm(new LlmClient(stub.chatModel(), LlmOptions.of("openai:gpt-4o-mini"), audit),
                Gg1.claimLanguage(), KNOWN, Gg1.sensorUnits());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aGroundedAnswer_isShown_asTheLlmsExplanation() {
        stub.then(recorded("explain-good.json"));

        Explanation e = service.explain(IN);

        assertThat(e.source()).isEqualTo(ExplanationSource.LLM);
        assertThat(e.model()).isEqualTo(OpenAiStub.MODEL);
        assertThat(e.fallbackReason()).isNull();
        assertThat(e.guardrail().passed()).isTrue();
        assertThat(e.claims()).hasSize(4);
        assertThat(e.prose()).contains("3.24 MPa").contains("REDUCE THROTTLE");
        assertThat(e.recommendation()).as("the recommendation part is the rule trace's, never the model's")
                .isEqualTo(new TemplateExplainer().explain(IN).recommendation());
        assertThat(audit.records()).singleElement().extracting(LlmCallRecord::outcome).isEqualTo(CallOutcome.ACCEPTED);
        assertThat(stub.requests().get(0)).contains("INSIDE").contains("REGEN_JACKET_LEAK")
                .contains("\\\"id\\\":\\\"E2\\\"").contains("MPa");
        assertGrounded(e, IN);
    }

    @Test
    void aHallucinatedFaultCode_getsOneRetryNamingIt_andTheGroundedRetryIsShown() {
        stub.then(recorded("explain-hallucinated-code.json"), recorded("explain-good.json"));

        Explanation e = service.explain(IN);

        assertThat(e.source()).isEqualTo(ExplanationSource.LLM);
        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests().get(1)).contains("were refused").contains("claim 2").contains("TP_BEARING_WEAR").contains("RL-009");
        assertThat(audit.records()).extracting(LlmCallRecord::attempt, LlmCallRecord::outcome).containsExactly(
                tuple(1, CallOutcome.REJECTED_BY_GUARDRAIL), tuple(2, CallOutcome.ACCEPTED));
        assertThat(audit.records().get(0).violations()).anyMatch(v -> v.startsWith("claim 2: FAULT_CODE 'TP_BEARING_WEAR'"));
        assertThat(e.prose()).doesNotContain("TP_BEARING_WEAR");
        assertGrounded(e, IN);
    }

    @Test
    void invented_numbersSensorsAndRecommendationsTwice_areDropped_andNoneReachesTheReader() {
        stub.then(recorded("explain-hallucinated-number.json"), recorded("explain-hallucinated-number.json"));

        Explanation e = service.explain(IN);

        assertThat(e.source()).isEqualTo(ExplanationSource.LLM);
        assertThat(e.claims()).extracting(c -> c.text()).containsExactly("At T+17.68 s rule CB-004 concluded REGEN_JACKET_LEAK.");
        assertThat(e.droppedClaims()).containsExactly("claim 2 dropped (SENSOR, QUANTITY)", "claim 3 dropped (ACTION, TIME)");
        assertThat(audit.records().get(0).violations()).anyMatch(v -> v.contains("QUANTITY '3.9 MPa'"))
                .anyMatch(v -> v.contains("QUANTITY '470 K'")).anyMatch(v -> v.contains("SENSOR 'THRUST'"))
                .anyMatch(v -> v.contains("ACTION 'abort'"));
        assertThat(e.prose()).doesNotContain("3.9").doesNotContain("470").doesNotContain("THRUST").doesNotContain("ABORT");
        assertThat(e.calls()).extracting(LlmCallRecord::outcome)
                .containsExactly(CallOutcome.REJECTED_BY_GUARDRAIL, CallOutcome.ACCEPTED_WITH_DROPS);
        assertGrounded(e, IN);
    }

    @Test
    void outOfDistribution_thePromptRestrictsTheModelToTheRuleTrace_andSpeculationIsRejected() {
        stub.then(recorded("explain-ood-speculative.json"), recorded("explain-ood-good.json"));

        Explanation e = service.explain(OUT);

        assertThat(stub.requests().get(0)).contains("OUT OF the validated distribution").contains("Restrict every claim to the rule trace");
        assertThat(audit.records().get(0).outcome()).isEqualTo(CallOutcome.REJECTED_BY_GUARDRAIL);
        assertThat(audit.records().get(0).violations()).anyMatch(v -> v.contains("SPECULATION 'likely'"))
                .anyMatch(v -> v.contains("SPECULATION 'could be'"));
        assertThat(e.source()).isEqualTo(ExplanationSource.LLM);
        assertThat(e.inDistribution()).isFalse();
        assertThat(e.route()).contains("rules are authoritative");
        assertThat(new RuleTraceGuardrail(GroundedFacts.of(OUT)).check(e.prose()).violations()).isEmpty();
        assertGrounded(e, OUT);
    }

    @Test
    void outOfDistribution_speculationTwice_isDropped() {
        stub.then(recorded("explain-ood-speculative.json"), recorded("explain-ood-speculative.json"));

        Explanation e = service.explain(OUT);

        assertThat(e.claims()).extracting(c -> c.text()).containsExactly("JACKET_DP averaged 3.24 MPa against 2.97 MPa expected.");
        assertThat(e.prose()).doesNotContain("likely").doesNotContain("could be");
        assertThat(e.route()).startsWith("Out of distribution").contains("rules are authoritative");
        assertGrounded(e, OUT);
    }

    @Test
    void malformedJsonTwice_givesTheTemplate() {
        stub.then(recorded("explain-malformed.json"), recorded("explain-malformed.json"));

        Explanation e = service.explain(IN);

        assertThat(e.source()).isEqualTo(ExplanationSource.TEMPLATE);
        assertThat(e.fallbackReason()).contains("malformed");
        assertThat(stub.requests().get(1)).contains("could not be used");
        assertThat(audit.records()).extracting(LlmCallRecord::outcome).containsExactly(CallOutcome.MALFORMED, CallOutcome.MALFORMED);
    }

    @Test
    void anHttp500_givesTheTemplate_andIsAudited() {
        stub.then(status(500));

        Explanation e = service.explain(IN);

        assertThat(e.source()).isEqualTo(ExplanationSource.TEMPLATE);
        assertThat(e.fallbackReason()).startsWith("LLM provider failed");
        assertThat(audit.records()).singleElement().extracting(LlmCallRecord::outcome).isEqualTo(CallOutcome.PROVIDER_ERROR);
        assertGrounded(e, IN);
    }

    @Test
    void aThirtySecondProvider_doesNotDelayTheExplanation_theTemplateArrivesAtTheTimeout() throws Exception {
        stub.then(hang(Duration.ofSeconds(30), "{}"));
        try (LlmAsync async = TestAsync.bounded(2, 4, Duration.ofSeconds(1))) {
            Explanation e = async.explain(service, IN).get(60, TimeUnit.SECONDS);

            assertThat(e.source()).isEqualTo(ExplanationSource.TEMPLATE);
            assertThat(e.fallbackReason()).isEqualTo("LLM timed out after 1000 ms");
            assertGrounded(e, IN);
            stub.releaseHung();
            Eventually.holds(Duration.ofSeconds(60), () -> !audit.records().isEmpty());
            assertThat(audit.records()).singleElement().extracting(LlmCallRecord::outcome).isEqualTo(CallOutcome.TIMED_OUT);
        }
    }

    @Test
    void withoutAnLlm_theTemplateExplains_andNoCallIsMade() {
        Explanation e = ExplanationService.offline().explain(IN);

        assertThat(e.source()).isEqualTo(ExplanationSource.TEMPLATE);
        assertThat(e.fallbackReason()).isNull();
        assertThat(stub.requests()).isEmpty();
        assertGrounded(e, IN);
    }

    /** No fault code, sensor, rule, recommendation or number outside the diagnosis reaches the reader. */
    static void assertGrounded(Explanation e, Diagnosis d) {
        String shown = e.text() + (e.prose() == null ? "" : "\n\n" + e.prose());
        assertThat(new DiagnosisGroundingGuardrail(GroundedFacts.of(d), KNOWN).check(shown).violations())
                .as("ungrounded content in: %s", shown).isEmpty();
    }
}
