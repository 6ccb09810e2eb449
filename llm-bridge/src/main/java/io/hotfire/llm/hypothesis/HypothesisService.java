package io.hotfire.llm.hypothesis;

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
import io.hotfire.llm.claim.ClaimChecker;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.DiagnosisJson;
import io.hotfire.llm.guardrail.GroundedFacts;
import io.hotfire.llm.guardrail.GuardrailResult;
import io.hotfire.llm.guardrail.HypothesisGuardrail;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Up to three advisory hypotheses from the fault catalogue, in distribution only: out of
 * distribution (or with no route) the model is not called at all. The answer must pass
 * {@link HypothesisGuardrail}; a violation or malformed JSON gets one retry naming it, after
 * which no hypotheses are offered.
 */
public final class HypothesisService {

    private final LlmClient llm;
    private final KnownIdentifiers known;
    private final ClaimChecker checker;

    /** @param llm the chat model, or null when none is configured */
    public HypothesisService(LlmClient llm, KnownIdentifiers known) {
        this(llm, known, null);
    }

    /**
     * @param llm     the chat model, or null when none is configured
     * @param checker the domain's claim checker: reasons may then name no fault, component, action or
     *                severity beyond the diagnosis and the offered codes (null: identifiers and numbers only)
     */
    public HypothesisService(LlmClient llm, KnownIdentifiers known, ClaimChecker checker) {
        this.llm = llm;
        this.known = known;
        this.checker = checker;
    }

    public HypothesisResult hypotheses(Diagnosis d, Collection<String> catalogue) {
        return hypotheses(d, catalogue, Cancellation.NONE);
    }

    public HypothesisResult hypotheses(Diagnosis d, Collection<String> catalogue, Cancellation cancellation) {
        Diagnosis.Windows windows = d.windowsSinceLastFinding();
        if (!windows.allIn() || !d.inDistribution()) {
            return HypothesisResult.suppressed(windows);
        }
        if (llm == null) {
            return new HypothesisResult(List.of(), HypothesisResult.Status.NO_LLM, "no chat model configured", null, List.of());
        }
        HypothesisGuardrail guardrail = new HypothesisGuardrail(catalogue, GroundedFacts.of(d), known,
                checker == null ? null : (reason, offered) -> checker.checkAdvice(d, reason, offered));
        List<ChatMessage> messages = new ArrayList<>(List.of(
                SystemMessage.from(Prompts.render("hypotheses-system.txt", Map.of("catalogue", String.join(", ", catalogue)))),
                UserMessage.from(Prompts.render("hypotheses-user.txt", Map.of("diagnosis", DiagnosisJson.render(d))))));
        List<LlmCallRecord> calls = new ArrayList<>();
        String lastProblem = null;
        HypothesisResult.Status lastStatus = HypothesisResult.Status.FAILED;
        for (int attempt = 1; attempt <= 2; attempt++) {
            if (cancellation.cancelled()) {
                throw new CancellationException("the caller stopped waiting before attempt " + attempt);
            }
            LlmClient.Exchange x = llm.call(messages, cancellation);
            if (cancellation.cancelled()) {
                calls.add(llm.record(Purpose.HYPOTHESES, attempt, x, CallOutcome.TIMED_OUT, List.of()));
                throw new CancellationException("hypotheses: the caller stopped waiting");
            }
            if (x.failed()) {
                calls.add(llm.record(Purpose.HYPOTHESES, attempt, x, CallOutcome.PROVIDER_ERROR, List.of()));
                return new HypothesisResult(List.of(), HypothesisResult.Status.FAILED, "LLM provider failed: " + x.error(),
                        x.model(), calls);
            }
            LlmJson.Parsed parsed = LlmJson.objectWithList(x.response(), "hypotheses");
            String retry;
            if (!parsed.ok()) {
                calls.add(llm.record(Purpose.HYPOTHESES, attempt, x, CallOutcome.MALFORMED, List.of(parsed.problem())));
                lastProblem = "answer malformed: " + parsed.problem();
                lastStatus = HypothesisResult.Status.FAILED;
                retry = Prompts.render("retry-malformed.txt", Map.of("problem", parsed.problem()));
            } else {
                List<HypothesisGuardrail.Candidate> candidates = new ArrayList<>();
                for (JsonNode h : parsed.node().get("hypotheses")) {
                    candidates.add(new HypothesisGuardrail.Candidate(text(h, "code"), text(h, "reason"),
                            h.hasNonNull("confidence") && h.get("confidence").isNumber() ? h.get("confidence").asDouble() : null));
                }
                GuardrailResult verdict = guardrail.check(candidates);
                if (verdict.passed()) {
                    calls.add(llm.record(Purpose.HYPOTHESES, attempt, x, CallOutcome.ACCEPTED, List.of()));
                    List<Hypothesis> out = candidates.stream()
                            .map(c -> new Hypothesis(c.code(), c.reason().strip(), c.confidence(), x.model())).toList();
                    return new HypothesisResult(out, HypothesisResult.Status.OFFERED,
                            out.size() + " advisory hypotheses; the rule findings decide (" + windows.describe() + ")",
                            x.model(), calls);
                }
                calls.add(llm.record(Purpose.HYPOTHESES, attempt, x, CallOutcome.REJECTED_BY_GUARDRAIL, verdict.lines()));
                lastProblem = "guardrail rejected the answer: " + verdict.describe();
                lastStatus = HypothesisResult.Status.REJECTED;
                retry = Prompts.render("retry-violation.txt", Map.of("violations", verdict.describe()));
            }
            messages.add(AiMessage.from(x.response()));
            messages.add(UserMessage.from(retry));
        }
        return new HypothesisResult(List.of(), lastStatus, "after one retry, " + lastProblem, llm.modelLabel(), calls);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() ? null : v.asText();
    }
}
