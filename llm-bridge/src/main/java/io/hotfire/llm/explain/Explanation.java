package io.hotfire.llm.explain;

import io.hotfire.llm.call.LlmCallRecord;
import io.hotfire.llm.claim.Claim;
import io.hotfire.llm.guardrail.GuardrailResult;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plain-language explanation of a diagnosis. The five parts are always written from the rule
 * trace ({@link TemplateExplainer}): what happened, evidence, rules, recommendation and route never
 * come from a model. The LLM writes {@code claims} only: prose statements, each citing the events
 * it rests on and each checked against them; {@link #prose()} is what a reader sees of it.
 *
 * @param whatHappened   what the rules concluded, when
 * @param evidence       the evidence with its values
 * @param rules          the rules that fired
 * @param recommendation the recommendation and the rule behind it
 * @param route          in/out of distribution per finding, and which route decisions decided
 * @param source         template (no accepted claim) or LLM (accepted claims)
 * @param model          the model that wrote the claims ({@value TemplateExplainer#MODEL} for the template)
 * @param inDistribution whether the route allowed advice
 * @param guardrail      the checker's verdict on the claims of the answer used (null for a template that was not checked)
 * @param fallbackReason why the template answered instead of the LLM, or null
 * @param calls          the LLM calls made for it (also sent to the audit sink)
 * @param claims         the accepted claims, in order (empty for the template)
 * @param droppedClaims  the claims the checker refused, by number and kind of failure only
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
        List<LlmCallRecord> calls,
        List<Claim> claims,
        List<String> droppedClaims) {

    public Explanation {
        calls = List.copyOf(calls);
        claims = claims == null ? List.of() : List.copyOf(claims);
        droppedClaims = droppedClaims == null ? List.of() : List.copyOf(droppedClaims);
    }

    /** The five parts from the rule trace as one text. */
    public String text() {
        return String.join("\n\n", List.of(whatHappened, evidence, rules, recommendation, route));
    }

    /** The LLM's accepted claims as one paragraph, or null when there are none. */
    public String prose() {
        return claims.isEmpty() ? null : claims.stream().map(Claim::text).collect(Collectors.joining(" "));
    }

    Explanation withFallback(String reason, List<LlmCallRecord> calls) {
        return new Explanation(whatHappened, evidence, rules, recommendation, route, source, model, inDistribution,
                guardrail, reason, calls, List.of(), List.of());
    }

    Explanation withClaims(String model, GuardrailResult verdict, List<LlmCallRecord> calls, List<Claim> accepted,
                           List<String> dropped) {
        return new Explanation(whatHappened, evidence, rules, recommendation, route, ExplanationSource.LLM, model,
                inDistribution, verdict, null, calls, accepted, dropped);
    }
}
