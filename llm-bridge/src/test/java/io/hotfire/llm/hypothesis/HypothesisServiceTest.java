package io.hotfire.llm.hypothesis;

import io.hotfire.llm.TestAsync;
import static io.hotfire.llm.support.OpenAiStub.hang;
import static io.hotfire.llm.support.OpenAiStub.recorded;
import static io.hotfire.llm.support.OpenAiStub.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.llm.LlmAsync;
import io.hotfire.llm.call.CallOutcome;
import io.hotfire.llm.call.LlmCallRecord;
import io.hotfire.llm.call.LlmClient;
import io.hotfire.llm.call.LlmOptions;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.Route;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.OpenAiStub;
import io.hotfire.llm.support.RecordingSink;
import io.hotfire.llm.support.Runs;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Advisory hypotheses: catalogue codes only, at most three, in distribution only. */
class HypothesisServiceTest {

    static final KnownIdentifiers KNOWN = new KnownIdentifiers(Set.copyOf(Gg1.CATALOGUE), Gg1.sensorIds());
    static final List<Event> RUN = Runs.read("regen-jacket-leak.jsonl");
    static final Diagnosis IN = Diagnosis.ofRun(RUN, Route.in(0.42, List.of(), 17.68));
    static final Diagnosis OUT = Diagnosis.ofRun(RUN, Route.out(0.0004, List.of(), 17.68));

    OpenAiStub stub;
    RecordingSink audit;
    HypothesisService service;

    @BeforeEach
    void start() {
        stub = new OpenAiStub();
        audit = new RecordingSink();
        service = new HypothesisService(new LlmClient(stub.chatModel(), LlmOptions.of("openai:gpt-4o-mini"), audit), KNOWN);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void inDistribution_groundedCatalogueHypotheses_areOffered_withReasonsAndTheModel() {
        stub.then(recorded("hypotheses-good.json"));

        HypothesisResult r = service.hypotheses(IN, Gg1.CATALOGUE);

        assertThat(r.status()).isEqualTo(HypothesisResult.Status.OFFERED);
        assertThat(r.hypotheses()).extracting(Hypothesis::code).containsExactly("REGEN_JACKET_LEAK", "TURBINE_EFFICIENCY_LOSS");
        assertThat(r.hypotheses()).allSatisfy(h -> {
            assertThat(h.model()).isEqualTo(OpenAiStub.MODEL);
            assertThat(h.reason()).isNotBlank();
            assertThat(h.confidence()).isBetween(0.0, 1.0);
        });
        assertThat(stub.requests().get(0)).contains("LOX_PUMP_CAVITATION").contains("at most three");
        assertThat(audit.records()).singleElement().extracting(LlmCallRecord::outcome).isEqualTo(CallOutcome.ACCEPTED);
    }

    @Test
    void aCodeOutsideTheCatalogue_twice_meansNoHypotheses() {
        stub.then(recorded("hypotheses-hallucinated.json"), recorded("hypotheses-hallucinated.json"));

        HypothesisResult r = service.hypotheses(IN, Gg1.CATALOGUE);

        assertThat(r.status()).isEqualTo(HypothesisResult.Status.REJECTED);
        assertThat(r.hypotheses()).isEmpty();
        assertThat(stub.requests().get(1)).contains("NOZZLE_BURN_THROUGH").contains("VIB_CAGE");
        assertThat(audit.records().get(0).violations())
                .anyMatch(v -> v.startsWith("NOT_IN_CATALOGUE 'NOZZLE_BURN_THROUGH'"))
                .anyMatch(v -> v.startsWith("SENSOR 'VIB_CAGE'"))
                .anyMatch(v -> v.startsWith("NUMBER '0.93'"));
    }

    @Test
    void moreThanThreeHypotheses_orAConfidenceAboveOne_areRetried_andTheGroundedRetryIsOffered() {
        stub.then(recorded("hypotheses-four.json"), recorded("hypotheses-good.json"));

        HypothesisResult r = service.hypotheses(IN, Gg1.CATALOGUE);

        assertThat(r.status()).isEqualTo(HypothesisResult.Status.OFFERED);
        assertThat(r.hypotheses()).hasSizeLessThanOrEqualTo(3);
        assertThat(audit.records().get(0).violations()).anyMatch(v -> v.startsWith("SHAPE '4'"))
                .anyMatch(v -> v.startsWith("CONFIDENCE '1.4'"));
    }

    @Test
    void outOfDistribution_theModelIsNeverAsked() throws Exception {
        HypothesisResult r = service.hypotheses(OUT, Gg1.CATALOGUE);
        HypothesisResult noRoute = service.hypotheses(Diagnosis.ofRun(RUN), Gg1.CATALOGUE);
        HypothesisResult async;
        try (LlmAsync llm = TestAsync.bounded(1, 1, Duration.ofSeconds(1))) {
            CompletableFuture<HypothesisResult> f = llm.hypotheses(service, OUT, Gg1.CATALOGUE);
            assertThat(f).isDone();
            async = f.get();
        }

        assertThat(List.of(r, noRoute, async)).allSatisfy(x -> {
            assertThat(x.status()).isEqualTo(HypothesisResult.Status.SUPPRESSED_OUT_OF_DISTRIBUTION);
            assertThat(x.hypotheses()).isEmpty();
            assertThat(x.calls()).isEmpty();
        });
        assertThat(stub.requests()).isEmpty();
        assertThat(audit.records()).isEmpty();
        // The reason shown to the engineer tells "the gate said outside" apart from "no gate scored this run".
        assertThat(r.detail()).startsWith("out of distribution");
        assertThat(noRoute.detail()).startsWith("no out-of-distribution gate has scored this run");
    }

    @Test
    void anHttp500_meansNoHypotheses_andIsAudited() {
        stub.then(status(500));

        HypothesisResult r = service.hypotheses(IN, Gg1.CATALOGUE);

        assertThat(r.status()).isEqualTo(HypothesisResult.Status.FAILED);
        assertThat(r.hypotheses()).isEmpty();
        assertThat(audit.records()).singleElement().extracting(LlmCallRecord::outcome).isEqualTo(CallOutcome.PROVIDER_ERROR);
    }

    @Test
    void aHungProvider_meansNoHypotheses_atTheTimeout() throws Exception {
        stub.then(hang(Duration.ofSeconds(30), "{\"hypotheses\": []}"));
        try (LlmAsync llm = TestAsync.bounded(1, 1, Duration.ofMillis(800))) {
            long start = System.nanoTime();
            HypothesisResult r = llm.hypotheses(service, IN, Gg1.CATALOGUE).get(120, TimeUnit.SECONDS);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            // waited for the deadline, not for the hung provider (30 s); no tighter bound on a loaded machine
            assertThat(elapsedMs).isGreaterThanOrEqualTo(700L).isLessThan(30_000L);
            assertThat(r.status()).isEqualTo(HypothesisResult.Status.FAILED);
            assertThat(r.detail()).contains("timed out");
        }
    }
}
