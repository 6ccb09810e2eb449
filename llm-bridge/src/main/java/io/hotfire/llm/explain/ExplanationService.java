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
import io.hotfire.llm.claim.Claim;
import io.hotfire.llm.claim.ClaimChecker;
import io.hotfire.llm.claim.ClaimLanguage;
import io.hotfire.llm.claim.ClaimVerdict;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.DiagnosisJson;
import io.hotfire.llm.guardrail.GuardrailResult;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.guardrail.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Explains a diagnosis. The parts that carry the diagnosis (what happened, evidence, rules,
 * recommendation, route) are always the {@link TemplateExplainer}'s, from the rule trace. With a
 * chat model, the model adds prose as a list of claims, each citing event ids (prompts in
 * {@code prompts/explain-*.txt}); every claim is checked by the {@link ClaimChecker} against the
 * events it cites. All claims accepted: they are shown. Any refused: one retry naming the refused
 * claims and why; after it the refused ones are dropped (named by number and kind) and the rest
 * shown, or, with none left, a malformed answer twice, a provider error or a timeout, the
 * template stands alone.
 */
public final class ExplanationService {

    /** Most claims one answer may carry. */
    public static final int MAX_CLAIMS = 12;

    static final String GUARDRAIL = "claims";

    private final TemplateExplainer template;
    private final LlmClient llm;
    private final ClaimChecker checker;
    private final Map<String, String> sensorUnits;

    private ExplanationService(TemplateExplainer template, LlmClient llm, ClaimChecker checker, Map<String, String> sensorUnits) {
        this.template = template;
        this.llm = llm;
        this.checker = checker;
        this.sensorUnits = sensorUnits;
    }

    /** Templates only. */
    public static ExplanationService offline() {
        return new ExplanationService(new TemplateExplainer(), null, null, Map.of());
    }

    /**
     * With a chat model and the domain's claim language.
     *
     * @param sensorUnits each sensor's unit as the profile writes it
     */
    public static ExplanationService withLlm(LlmClient llm, ClaimLanguage language, KnownIdentifiers known,
                                             Map<String, String> sensorUnits) {
        return new ExplanationService(new TemplateExplainer(), Objects.requireNonNull(llm, "llm"),
                new ClaimChecker(language, known, sensorUnits), Map.copyOf(sensorUnits));
    }

    /** With a chat model and a ready checker (the domain's claim language and observation vocabulary). */
    public static ExplanationService withLlm(LlmClient llm, ClaimChecker checker, Map<String, String> sensorUnits) {
        return new ExplanationService(new TemplateExplainer(), Objects.requireNonNull(llm, "llm"), checker, Map.copyOf(sensorUnits));
    }

    /** With a chat model and no domain words: citations, identifiers and numbers are still checked. */
    public static ExplanationService withLlm(LlmClient llm, KnownIdentifiers known) {
        return withLlm(llm, ClaimLanguage.empty("unknown"), known, Map.of());
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
        boolean anyOut = d.events().stream().anyMatch(e -> !d.inDistributionAt(e.t())) || !d.inDistribution();
        String system = Prompts.text("explain-system.txt") + "\n\n"
                + (anyOut ? Prompts.text("explain-out-of-distribution.txt") : Prompts.text("explain-in-distribution.txt"));
        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from(system),
                UserMessage.from(Prompts.render("explain-user.txt", Map.of("diagnosis", DiagnosisJson.render(d, sensorUnits))))));
        List<LlmCallRecord> calls = new ArrayList<>();
        String lastProblem = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            if (cancellation.cancelled()) {
                throw new CancellationException("the caller stopped waiting before attempt " + attempt);
            }
            LlmClient.Exchange x = llm.call(messages, cancellation);
            if (cancellation.cancelled()) {
                calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.TIMED_OUT, List.of()));
                throw new CancellationException("explanation: the caller stopped waiting");
            }
            if (x.failed()) {
                calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.PROVIDER_ERROR, List.of()));
                return fallback(d, "LLM provider failed: " + x.error(), calls);
            }
            LlmJson.Parsed parsed = LlmJson.objectWithList(x.response(), "claims");
            String problem = parsed.ok() ? shapeProblem(parsed.node()) : parsed.problem();
            String retry;
            if (problem != null) {
                calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.MALFORMED, List.of(problem)));
                lastProblem = "answer malformed: " + problem;
                retry = Prompts.render("retry-malformed.txt", Map.of("problem", problem));
            } else {
                List<ClaimVerdict> verdicts = new ArrayList<>();
                int i = 0;
                for (JsonNode c : parsed.node().get("claims")) {
                    verdicts.add(checker.check(d, ++i, claim(c)));
                }
                List<ClaimVerdict> refused = verdicts.stream().filter(v -> !v.accepted()).toList();
                List<Claim> accepted = verdicts.stream().filter(ClaimVerdict::accepted).map(ClaimVerdict::claim).toList();
                List<Violation> all = refused.stream().flatMap(v -> v.violations().stream()).toList();
                GuardrailResult verdict = new GuardrailResult(GUARDRAIL, all);
                List<String> lines = refused.stream().map(ClaimVerdict::describe).toList();
                if (refused.isEmpty()) {
                    calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.ACCEPTED, List.of()));
                    return template.explain(d).withClaims(x.model(), verdict, calls, accepted, List.of());
                }
                if (attempt == 2 && !accepted.isEmpty()) {
                    calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.ACCEPTED_WITH_DROPS, lines));
                    return template.explain(d).withClaims(x.model(), verdict, calls, accepted,
                            refused.stream().map(ClaimVerdict::kinds).toList());
                }
                calls.add(llm.record(Purpose.EXPLANATION, attempt, x, CallOutcome.REJECTED_BY_GUARDRAIL, lines));
                lastProblem = "guardrail rejected the answer: " + String.join("; ", lines);
                retry = Prompts.render("retry-claims.txt", Map.of("violations", String.join("; ", lines)));
            }
            messages.add(AiMessage.from(x.response()));
            messages.add(UserMessage.from(retry));
        }
        return fallback(d, "after one retry, " + lastProblem, calls);
    }

    private static String shapeProblem(JsonNode root) {
        JsonNode list = root.get("claims");
        if (list.isEmpty()) {
            return "the \"claims\" array is empty";
        }
        if (list.size() > MAX_CLAIMS) {
            return "at most " + MAX_CLAIMS + " claims, got " + list.size();
        }
        for (JsonNode c : list) {
            if (!c.isObject() || !c.path("text").isTextual() || !c.path("cites").isArray()) {
                return "each claim must be an object with a text field \"text\" and an array field \"cites\"";
            }
        }
        return null;
    }

    private static Claim claim(JsonNode c) {
        List<String> cites = new ArrayList<>();
        c.get("cites").forEach(x -> cites.add(x.asText()));
        return new Claim(c.get("text").asText(), cites);
    }

    /** The template explanation, saying why it stands in for the LLM's. */
    public Explanation template(Diagnosis d, String fallbackReason) {
        return fallback(d, fallbackReason, List.of());
    }

    private Explanation fallback(Diagnosis d, String reason, List<LlmCallRecord> calls) {
        return template.explain(d).withFallback(reason, calls);
    }
}
