package io.hotfire.llm.intake;

import io.hotfire.llm.TestAsync;
import static io.hotfire.llm.support.OpenAiStub.hang;
import static io.hotfire.llm.support.OpenAiStub.recorded;
import static io.hotfire.llm.support.OpenAiStub.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.llm.LlmAsync;
import io.hotfire.llm.call.CallOutcome;
import io.hotfire.llm.call.LlmCallRecord;
import io.hotfire.llm.call.LlmClient;
import io.hotfire.llm.call.LlmOptions;
import io.hotfire.llm.call.Purpose;
import io.hotfire.llm.support.Eventually;
import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.support.OpenAiStub;
import io.hotfire.llm.support.RecordingSink;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LLM intake against a local OpenAI-compatible stub replaying recorded answers. */
class LlmIntakeTest {

    static final String NOTE = "Loud whine from the TP at T+12, no smell of kerosene near the GG skid. "
            + "Frost on the LOX bleed line flange.";

    OpenAiStub stub;
    RecordingSink audit;
    IntakeService intake;

    @BeforeEach
    void start() {
        stub = new OpenAiStub();
        audit = new RecordingSink();
        intake = IntakeService.withLlm(Gg1.offline(), new LlmClient(stub.chatModel(), LlmOptions.of("openai:gpt-4o-mini"), audit),
                Gg1.sensorIds());
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aGoodAnswer_becomesGroundedObservations_namedAfterTheModelThatAnswered() {
        stub.then(recorded("intake-good.json"));

        IntakeResult r = intake.extract(NOTE, Optional.empty());

        assertThat(r.fellBack()).isFalse();
        assertThat(r.model()).isEqualTo(OpenAiStub.MODEL);
        assertThat(r.dropped()).isEmpty();
        assertThat(r.observations()).extracting(Observation::code, Observation::present)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("AUDIBLE_WHINE_TURBOPUMP", true),
                        org.assertj.core.groups.Tuple.tuple("FUEL_SMELL_GG_SKID", false),
                        org.assertj.core.groups.Tuple.tuple("FROST_ON_LINE", true));
        Observation whine = r.observations().get(0);
        assertThat(whine.time()).isEqualTo(12.0);
        assertThat(whine.timeSource()).isEqualTo(TimeSource.NOTE);
        assertThat(whine.quote().start()).isZero();
        assertThat(NOTE.substring(whine.quote().start(), whine.quote().end())).isEqualTo("Loud whine from the TP at T+12");
        assertThat(whine.model()).isEqualTo(OpenAiStub.MODEL);
        assertThat(r.observations()).allSatisfy(o -> assertThat(o.quote().isIn(NOTE)).isTrue());
        LlmCallRecord call = audit.records().get(0);
        assertThat(audit.records()).hasSize(1);
        assertThat(call.purpose()).isEqualTo(Purpose.INTAKE);
        assertThat(call.outcome()).isEqualTo(CallOutcome.ACCEPTED);
        assertThat(call.model()).isEqualTo(OpenAiStub.MODEL);
        assertThat(call.inputTokens()).isEqualTo(812);
        assertThat(call.outputTokens()).isEqualTo(64);
        assertThat(call.prompt()).contains("AUDIBLE_WHINE_TURBOPUMP").contains(NOTE);
        assertThat(call.response()).contains("observations");
        assertThat(r.calls()).containsExactly(call);
        assertThat(stub.requests().get(0)).contains("json_object");
    }

    @Test
    void aHallucinatedCode_isDroppedWithItsReason_andTheRestIsKept() {
        stub.then(recorded("intake-hallucinated-code.json"));

        IntakeResult r = intake.extract(NOTE, Optional.empty());

        assertThat(r.observations()).extracting(Observation::code).containsExactly("AUDIBLE_WHINE_TURBOPUMP");
        assertThat(r.dropped()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("TURBOPUMP_BEARING_FAILURE");
            assertThat(d.reason()).contains("not in the gg1 vocabulary");
            assertThat(d.model()).isEqualTo(OpenAiStub.MODEL);
        });
        assertThat(audit.records()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CallOutcome.ACCEPTED_WITH_DROPS);
            assertThat(c.violations()).singleElement().asString().contains("TURBOPUMP_BEARING_FAILURE");
        });
    }

    @Test
    void aQuoteThatIsNotInTheNote_isDropped_andUncheckableFieldsAreTakenFromTheNote() {
        stub.then(recorded("intake-quote-not-in-note.json"));

        IntakeResult r = intake.extract(NOTE, Optional.of(30.0));

        assertThat(r.dropped()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("AUDIBLE_WHINE_TURBOPUMP");
            assertThat(d.reason()).isEqualTo("quote is not in the note");
        });
        assertThat(r.observations()).singleElement().satisfies(o -> {
            assertThat(o.code()).isEqualTo("FROST_ON_LINE");
            assertThat(o.quote().isIn(NOTE)).isTrue();
            // the model said t=31 and P_OX_INJ, neither of which the note states; confidence 1.7 is clamped
            assertThat(o.time()).isEqualTo(30.0);
            assertThat(o.timeSource()).isEqualTo(TimeSource.GIVEN_RUN_TIME);
            assertThat(o.sensor()).isNull();
            assertThat(o.confidence()).isEqualTo(1.0);
        });
    }

    @Test
    void malformedJson_getsOneRetryNamingTheProblem_thenTheGoodAnswerIsUsed() {
        stub.then(recorded("intake-malformed.json"), recorded("intake-good.json"));

        IntakeResult r = intake.extract(NOTE, Optional.empty());

        assertThat(r.fellBack()).isFalse();
        assertThat(r.observations()).hasSize(3);
        assertThat(stub.requests()).hasSize(2);
        assertThat(stub.requests().get(1)).contains("could not be used").contains("not valid JSON");
        assertThat(audit.records()).extracting(LlmCallRecord::attempt, LlmCallRecord::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, CallOutcome.MALFORMED),
                org.assertj.core.groups.Tuple.tuple(2, CallOutcome.ACCEPTED));
    }

    @Test
    void malformedJsonTwice_fallsBackToTheOfflineExtractor_andSaysSo() {
        stub.then(recorded("intake-malformed.json"), recorded("intake-prose.json"));

        IntakeResult r = intake.extract(NOTE, Optional.empty());

        assertThat(r.fellBack()).isTrue();
        assertThat(r.fallbackReason()).contains("malformed twice");
        assertThat(r.model()).isEqualTo(OfflineIntake.MODEL);
        assertThat(r.observations()).isNotEmpty().allSatisfy(o -> {
            assertThat(o.model()).isEqualTo(OfflineIntake.MODEL);
            assertThat(o.quote().isIn(NOTE)).isTrue();
        });
        assertThat(r.observations()).extracting(Observation::code).contains("AUDIBLE_WHINE_TURBOPUMP");
        assertThat(audit.records()).extracting(LlmCallRecord::outcome).containsExactly(CallOutcome.MALFORMED, CallOutcome.MALFORMED);
    }

    @Test
    void anHttp500_fallsBackToTheOfflineExtractor_andIsRecordedAsAProviderError() {
        stub.then(status(500), status(500));

        IntakeResult r = intake.extract(NOTE, Optional.empty());

        assertThat(r.model()).isEqualTo(OfflineIntake.MODEL);
        assertThat(r.fallbackReason()).startsWith("LLM provider failed");
        assertThat(stub.requests()).as("one transport retry, one audit record").hasSize(2);
        assertThat(audit.records()).singleElement().satisfies(c -> {
            assertThat(c.outcome()).isEqualTo(CallOutcome.PROVIDER_ERROR);
            assertThat(c.response()).isNull();
            assertThat(c.error()).isNotBlank();
        });
    }

    @Test
    void aHungProvider_doesNotHoldTheCaller_theOfflineAnswerArrivesWithinTheTimeout() throws Exception {
        stub.then(hang(Duration.ofSeconds(30), "{\"observations\": []}"));
        try (LlmAsync async = TestAsync.bounded(2, 4, Duration.ofMillis(1500))) {
            long start = System.nanoTime();

            IntakeResult r = async.extract(intake, NOTE, Optional.empty()).get(120, TimeUnit.SECONDS);

            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            // the caller waited for the deadline, not for the hung provider (30 s); no upper bound on a
            // loaded machine, where the offline fallback itself can take seconds
            assertThat(elapsedMs).isGreaterThanOrEqualTo(1400L).isLessThan(30_000L);
            assertThat(r.model()).isEqualTo(OfflineIntake.MODEL);
            assertThat(r.fallbackReason()).contains("timed out after 1500 ms");
            assertThat(r.observations()).extracting(Observation::code).contains("AUDIBLE_WHINE_TURBOPUMP");
            // the abandoned call is still audited, as timed out, once it ends
            stub.releaseHung();
            Eventually.holds(Duration.ofSeconds(120), () -> !audit.records().isEmpty());
            assertThat(audit.records()).singleElement().extracting(LlmCallRecord::outcome).isEqualTo(CallOutcome.TIMED_OUT);
        }
    }

    @Test
    void withoutAnLlm_intakeIsOffline_andNamesTheOfflineModel() {
        IntakeResult r = IntakeService.offline(Gg1.offline()).extract(NOTE, Optional.empty());

        assertThat(r.model()).isEqualTo(OfflineIntake.MODEL);
        assertThat(r.fellBack()).isFalse();
        assertThat(r.calls()).isEmpty();
        assertThat(r.observations()).extracting(Observation::code, Observation::present).contains(
                org.assertj.core.groups.Tuple.tuple("AUDIBLE_WHINE_TURBOPUMP", true),
                org.assertj.core.groups.Tuple.tuple("FUEL_SMELL_GG_SKID", false),
                org.assertj.core.groups.Tuple.tuple("FROST_ON_LINE", true));
        assertThat(stub.requests()).isEmpty();
    }
}
