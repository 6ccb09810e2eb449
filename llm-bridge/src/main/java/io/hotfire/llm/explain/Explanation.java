package io.hotfire.llm.explain;

import io.hotfire.llm.call.LlmCallRecord;
import io.hotfire.llm.guardrail.GuardrailResult;
import java.util.List;

/**
 * A plain-language explanation of a diagnosis, in the five parts a reader needs.
 *
 * @param whatHappened   what the rules concluded, when
 * @param evidence       the evidence with its values
 * @param rules          the rules that fired
 * @param recommendation the recommendation and the rule behind it
 * @param route          in distribution (advisory allowed) or out (rules authoritative)
 * @param source         template or LLM
 * @param model          the model that wrote it ({@value TemplateExplainer#MODEL} for the template)
 * @param inDistribution whether the route allowed advice
 * @param guardrail      the guardrail verdict on the text shown (null for a template that was not checked)
 * @param fallbackReason why the template answered instead of the LLM, or null
 * @param calls          the LLM calls made for it (also sent to the audit sink)
 */
public record Explanation(
        String whatHappened,
        String evidence,
        String rules,
        String recommendation,
        String route,
        ExplanationSource source,
        String model,
        boolean inDistribution,
        GuardrailResult guardrail,
        String fallbackReason,
        List<LlmCallRecord> calls) {

    public Explanation {
        calls = List.copyOf(calls);
    }

    /** The five parts as one text. */
    public String text() {
        return String.join("\n\n", List.of(whatHappened, evidence, rules, recommendation, route));
    }

    Explanation withFallback(String reason, List<LlmCallRecord> calls) {
        return new Explanation(whatHappened, evidence, rules, recommendation, route, source, model, inDistribution,
                guardrail, reason, calls);
    }
}
