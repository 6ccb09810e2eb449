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

    /**
     * The model is not asked. The detail says why in the user's terms: the gate put the run outside the
     * validated distribution, or no gate scored the run at all (no learned model for its engine) — then
     * nothing vouches for the pattern being familiar, so the rules stay authoritative either way.
     *
     * @param routeKnown whether the run has a route (a ROUTE event) at all
     */
    public static HypothesisResult suppressed(boolean routeKnown) {
        return new HypothesisResult(List.of(), Status.SUPPRESSED_OUT_OF_DISTRIBUTION, routeKnown
                ? "out of distribution: the rules are authoritative and the LLM is not asked for hypotheses"
                : "no out-of-distribution gate has scored this run (no learned model for its engine): the rules are "
                        + "authoritative and the LLM is not asked for hypotheses", null, List.of());
    }

    /** Not asked because some window since the last finding was out of distribution; the detail names the deciding route decisions. */
    public static HypothesisResult suppressed(io.hotfire.llm.diagnosis.Diagnosis.Windows windows) {
        if (windows.deciding().isEmpty()) {
            return suppressed(false);
        }
        return new HypothesisResult(List.of(), Status.SUPPRESSED_OUT_OF_DISTRIBUTION,
                "out of distribution in a window since the last finding (" + windows.describe()
                        + "): the rules are authoritative and the LLM is not asked for hypotheses", null, List.of());
    }

    public static HypothesisResult failed(String detail) {
        return new HypothesisResult(List.of(), Status.FAILED, detail, null, List.of());
    }
}
