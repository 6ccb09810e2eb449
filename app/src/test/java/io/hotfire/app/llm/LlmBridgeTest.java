package io.hotfire.app.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What users are told when the LLM's answer is not used (plain JUnit). */
class LlmBridgeTest {

    @Test
    void aGuardrailRejectionNamesNoneOfTheRefusedCodesOrNumbers() {
        String reason = LlmBridge.publicReason("after one retry, guardrail rejected the answer: FAULT_CODE 'REGEN_JACKET_LEAK': "
                + "not in the diagnosis; NUMBER '3.24': matches no value in the diagnosis");
        assertThat(reason).contains("guardrails").contains("audit log").doesNotContain("REGEN_JACKET_LEAK").doesNotContain("3.24");
    }

    @Test
    void aMalformedAnswerIsNotQuoted() {
        assertThat(LlmBridge.publicReason("LLM answer malformed twice: the answer is not valid JSON (Unrecognized token 'TP_X')"))
                .contains("malformed").doesNotContain("TP_X");
    }

    @Test
    void aProviderFailureKeepsTheKindOfErrorOnly() {
        assertThat(LlmBridge.publicReason("LLM provider failed: CircuitBreakerOpenException: GuardedChatModel#chat circuit breaker is open"))
                .isEqualTo("LLM provider failed (CircuitBreakerOpenException); details in the audit log (llm.call)");
        assertThat(LlmBridge.publicReason("LLM provider failed: dev.langchain4j.exception.InternalServerException: {\"error\": 42}"))
                .isEqualTo("LLM provider failed (InternalServerException); details in the audit log (llm.call)");
    }

    @Test
    void timeoutsAndAFullQueueAreShownAsTheyAre() {
        assertThat(LlmBridge.publicReason("LLM timed out after 2000 ms")).isEqualTo("LLM timed out after 2000 ms");
        assertThat(LlmBridge.publicReason(null)).isNull();
    }

    @Test
    void modelsAreLabelledWithTheirProvider() {
        assertThat(LlmBridge.label("gpt-4o-mini-2024-07-18")).isEqualTo("openai:gpt-4o-mini-2024-07-18");
        assertThat(LlmBridge.label("offline:all-MiniLM-L6-v2+lexicon")).isEqualTo("offline:all-MiniLM-L6-v2+lexicon");
        assertThat(LlmBridge.label(null)).isNull();
    }
}
