package io.hotfire.llm.hypothesis;

import io.hotfire.llm.call.LlmCallRecord;
import java.util.List;

/**
 * The advisory hypotheses for a diagnosis, or why there are none.
 *
 * @param hypotheses at most three, each passed by the hypothesis guardrail
 * @param status     offered, or why none were
 * @param detail     one sentence on the status
 * @param model      the model that offered them, or null when no model was asked
 * @param calls      the LLM calls made (also sent to the audit sink)
 */
public record HypothesisResult(List<Hypothesis> hypotheses, Status status, String detail, String model, List<LlmCallRecord> calls) {

    /** Why the list is what it is. */
    public enum Status {
        /** The model was asked and its hypotheses (possibly none) passed the guardrail. */
        OFFERED,
        /** Out of distribution (or route unknown): the model was not asked. */
        SUPPRESSED_OUT_OF_DISTRIBUTION,
        /** No chat model is configured. */
        NO_LLM,
        /** The model's hypotheses failed the guardrail twice. */
        REJECTED,
        /** The model failed, answered malformed JSON twice, or timed out. */
        FAILED
    }

    public HypothesisResult {
        hypotheses = List.copyOf(hypotheses);
        calls = List.copyOf(calls);
    }

    public static HypothesisResult suppressed() {
        return new HypothesisResult(List.of(), Status.SUPPRESSED_OUT_OF_DISTRIBUTION,
                "out of distribution: the rules are authoritative and the LLM is not asked for hypotheses", null, List.of());
    }

    public static HypothesisResult failed(String detail) {
        return new HypothesisResult(List.of(), Status.FAILED, detail, null, List.of());
    }
}
