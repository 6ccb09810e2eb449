package io.hotfire.llm.explain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.hotfire.llm.call.CallOutcome;
import io.hotfire.llm.call.Cancellation;
import io.hotfire.llm.call.LlmCallRecord;
import io.hotfire.llm.call.LlmClient;
import io.hotfire.llm.call.LlmJson;
import io.hotfire.llm.call.Prompts;
import io.hotfire.llm.call.Purpose;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.DiagnosisJson;
import io.hotfire.llm.guardrail.DiagnosisGroundingGuardrail;
import io.hotfire.llm.guardrail.GroundedFacts;
import io.hotfire.llm.guardrail.GuardrailResult;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.guardrail.RuleTraceGuardrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Explains a diagnosis in plain language. Offline it is the {@link TemplateExplainer}. With a
 * chat model, the model writes the five parts as JSON (prompts in {@code prompts/explain-*.txt});
 * the text must pass {@link DiagnosisGroundingGuardrail} (only the diagnosis's codes, sensors,
 * rules and numbers) and, out of distribution, {@link RuleTraceGuardrail} (the rule trace only,
 * no speculation); a violation gets one retry naming it, and a second failure, a malformed
 * answer twice, a provider error or a timeout gives the template instead.
 */
public final class ExplanationService {

    private static final String[] FIELDS = {"whatHappened", "evidence", "rules", "recommendation", "route"};

    private final TemplateExplainer template;
    private final LlmClient llm;
    private final KnownIdentifiers known;

    private ExplanationService(TemplateExplainer template, LlmClient llm, KnownIdentifiers known) {
        this.template = template;
        this.llm = llm;
        this.known = known;
    }

    /** Templates only. */
    public static ExplanationService offline() {
        return new ExplanationService(new TemplateExplainer(), null, KnownIdentifiers.none());
    }

    /**
     * With a chat model.
     *
     * @param known the domain's fault codes and sensor ids, so single-word ids (THRUST, ABORT) are checked too
     */
    public static ExplanationService withLlm(LlmClient llm, KnownIdentifiers known) {
        return new ExplanationService(new TemplateExplainer(), java.util.Objects.requireNonNull(llm, "llm"), known);
    }

    public boolean usesLlm() {
        return llm != null;
    }

    public Explanation explain(Diagnosis d) {
        return explain(d, Cancellation.NONE);
    }

    /** As {@link #explain(Diagnosis)}; once {@code cancellation} is set a finished call is recorded as timed out and not used. */
    public Explanation explain(Diagnosis d, Cancellation cancellation) {
        if (llm == null) {
            return template.explain(d);
        }
        GroundedFacts facts = GroundedFacts.of(d);
        DiagnosisGroundingGuardrail grounding = new DiagnosisGroundingGuardrail(facts, known);
        RuleTraceGuardrail ruleTrace = d.inDistribution() ? null : new RuleTraceGuardrail(facts);
        String system = Prompts.text("explain-system.txt") + "\n\n"
                + Prompts.text(d.inDistribution() ? "explain-in-distribution.txt" : "explain-out-of-distribution.txt");
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(system),
                UserMessage.from(Prompts.render("explain-user.txt", Map.of("diagnosis", DiagnosisJson.render(d))))));
        List<LlmCallRecord> calls = new ArrayList<>();
        String lastProblem = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            LlmClient.Exchange x = llm.call(messages);
            if (cancellation.cancelled()) {
                calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.TIMED_OUT, List.of()));
                throw new CancellationException("explanation: the caller stopped waiting");
            }
            if (x.failed()) {
                calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.PROVIDER_ERROR, List.of()));
                return fallback(d, "LLM provider failed: " + x.error(), calls);
            }
            LlmJson.Parsed parsed = LlmJson.objectWithTexts(x.response(), FIELDS);
            String retry;
            if (!parsed.ok()) {
                calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.MALFORMED, List.of(parsed.problem())));
                lastProblem = "answer malformed: " + parsed.problem();
                retry = Prompts.render("retry-malformed.txt", Map.of("problem", parsed.problem()));
            } else {
                JsonNode n = parsed.node();
                String[] parts = new String[FIELDS.length];
                for (int i = 0; i < FIELDS.length; i++) {
                    parts[i] = n.get(FIELDS[i]).asText().strip();
                }
                String text = String.join("\n\n", parts);
                GuardrailResult verdict = grounding.check(text);
                if (ruleTrace != null) {
                    verdict = verdict.and(ruleTrace.check(text));
                }
                if (verdict.passed()) {
                    calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.ACCEPTED, List.of()));
                    return new Explanation(parts[0], parts[1], parts[2], parts[3], parts[4], ExplanationSource.LLM, x.model(),
                            d.inDistribution(), verdict, null, calls);
                }
                calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.REJECTED_BY_GUARDRAIL, verdict.lines()));
                lastProblem = "guardrail rejected the answer: " + verdict.describe();
                retry = Prompts.render("retry-violation.txt", Map.of("violations", verdict.describe()));
            }
            messages.add(AiMessage.from(x.response()));
            messages.add(UserMessage.from(retry));
        }
        return fallback(d, "after one retry, " + lastProblem, calls);
    }

    /** The template explanation, saying why it stands in for the LLM's. */
    public Explanation template(Diagnosis d, String fallbackReason) {
        return fallback(d, fallbackReason, List.of());
    }

    private Explanation fallback(Diagnosis d, String reason, List<LlmCallRecord> calls) {
        return template.explain(d).withFallback(reason, calls);
    }
}
