package io.hotfire.llm.call;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The audit record of one LLM call: what was asked, what came back, who answered, how long it
 * took, what it cost and what the guardrails made of it. Immutable; one per call, retries
 * included (they carry {@code attempt} 2).
 *
 * @param at           when the call started
 * @param purpose      intake, explanation or hypotheses
 * @param attempt      1 for the first call, 2 for the one retry
 * @param model        the model that answered (as the provider names it), else the configured label
 * @param prompt       the messages sent, one {@code ROLE: text} block each
 * @param response     the raw answer text, or null when there was none
 * @param latency      wall time of the call
 * @param inputTokens  prompt tokens as the provider reported them, or null
 * @param outputTokens answer tokens as the provider reported them, or null
 * @param outcome      what became of the answer
 * @param violations   guardrail violations or drop reasons, empty when none
 * @param error        the provider error message, or null
 */
public record LlmCallRecord(
        Instant at,
        Purpose purpose,
        int attempt,
        String model,
        String prompt,
        String response,
        Duration latency,
        Integer inputTokens,
        Integer outputTokens,
        CallOutcome outcome,
        List<String> violations,
        String error) {

    public LlmCallRecord {
        violations = List.copyOf(violations);
    }
}
