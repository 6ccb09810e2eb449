package io.hotfire.app.llm;

import io.hotfire.llm.hypothesis.HypothesisResult;
import java.util.List;

/**
 * Advisory hypotheses, shown apart from the rule findings: no severity, no recommendation.
 *
 * @param status OFFERED, SUPPRESSED_OUT_OF_DISTRIBUTION (out of distribution or no ROUTE event: the model is not
 *               asked), NO_LLM (none configured), REJECTED (failed the guardrail twice) or FAILED (error, timeout)
 * @param route  IN_DISTRIBUTION, OUT_OF_DISTRIBUTION or NONE
 */
public record HypothesesView(String status, String detail, String model, String route, boolean advisory,
                             List<Item> hypotheses) {

    public record Item(String code, String reason, double confidence) {
    }

    static HypothesesView of(HypothesisResult r, String route) {
        return new HypothesesView(r.status().name(), LlmBridge.publicReason(r.detail()), LlmBridge.label(r.model()), route, true,
                r.hypotheses().stream().map(h -> new Item(h.code(), h.reason(), h.confidence())).toList());
    }
}
