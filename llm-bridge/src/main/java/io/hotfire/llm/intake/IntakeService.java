package io.hotfire.llm.intake;

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
import io.hotfire.llm.vocabulary.VocabularyEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;

/**
 * Free-text note → controlled observations. With no chat model the offline extractor answers;
 * with one, the model is asked for typed JSON (prompt in {@code prompts/intake-*.txt}), every
 * proposed observation is grounded ({@link ObservationGrounding}: code in the vocabulary, quote
 * literally in the note, else dropped with the reason), a malformed answer gets one retry naming
 * the problem, and a second failure, a provider error or a timeout falls back to the offline
 * extractor. Every result names the model that produced it.
 */
public final class IntakeService {

    private static final System.Logger LOG = System.getLogger(IntakeService.class.getName());

    private final OfflineIntake offline;
    private final LlmClient llm;
    private final ObservationGrounding grounding;

    private IntakeService(OfflineIntake offline, LlmClient llm, Set<String> sensors) {
        this.offline = offline;
        this.llm = llm;
        Set<String> s = new LinkedHashSet<>(sensors);
        s.addAll(offline.vocabulary().sensors());
        this.grounding = new ObservationGrounding(offline.vocabulary(), s);
    }

    /** Offline only: embeddings and parsing, no LLM. */
    public static IntakeService offline(OfflineIntake offline) {
        return new IntakeService(offline, null, Set.of());
    }

    /**
     * With a chat model, the offline extractor as fallback.
     *
     * @param sensors the profile's sensor ids, which a model may name in {@code sensor}
     */
    public static IntakeService withLlm(OfflineIntake offline, LlmClient llm, Set<String> sensors) {
        return new IntakeService(offline, java.util.Objects.requireNonNull(llm, "llm"), sensors);
    }

    public boolean usesLlm() {
        return llm != null;
    }

    /** Observations in {@code note}; {@code runTime} is the run time the note was written about, if given. */
    public IntakeResult extract(String note, Optional<Double> runTime) {
        return extract(note, runTime, Cancellation.NONE);
    }

    /**
     * As {@link #extract(String, Optional)}, for callers that may stop waiting: once
     * {@code cancellation} is set, a call that finishes is recorded as timed out and this
     * method throws {@link CancellationException} instead of using its answer.
     */
    public IntakeResult extract(String note, Optional<Double> runTime, Cancellation cancellation) {
        if (llm == null) {
            return extractOffline(note, runTime, null, List.of());
        }
        List<LlmCallRecord> calls = new ArrayList<>();
        List<ChatMessage> messages = new ArrayList<>(List.of(
                SystemMessage.from(Prompts.render("intake-system.txt", Map.of("vocabulary", vocabularyListing()))),
                UserMessage.from(Prompts.render("intake-user.txt", Map.of(
                        "note", note,
                        "runTime", runTime.map(t -> String.format(Locale.ROOT, "%s s", t)).orElse("not given"))))));
        for (int attempt = 1; attempt <= 2; attempt++) {
            if (cancellation.cancelled()) {
                throw new CancellationException("the caller stopped waiting before attempt " + attempt);
            }
            LlmClient.Exchange x = llm.call(messages, cancellation);
            if (cancellation.cancelled()) {
                calls.add(llm.record(Purpose.INTAKE, attempt, x, CallOutcome.TIMED_OUT, List.of()));
                throw new CancellationException("intake: the caller stopped waiting");
            }
            if (x.failed()) {
                calls.add(llm.record(Purpose.INTAKE, attempt, x, CallOutcome.PROVIDER_ERROR, List.of()));
                return extractOffline(note, runTime, "LLM provider failed: " + x.error(), calls);
            }
            LlmJson.Parsed parsed = LlmJson.objectWithList(x.response(), "observations");
            if (!parsed.ok()) {
                calls.add(llm.record(Purpose.INTAKE, attempt, x, CallOutcome.MALFORMED, List.of(parsed.problem())));
                if (attempt == 2) {
                    return extractOffline(note, runTime, "LLM answer malformed twice: " + parsed.problem(), calls);
                }
                messages.add(AiMessage.from(x.response() == null ? "" : x.response()));
                messages.add(UserMessage.from(Prompts.render("retry-malformed.txt", Map.of("problem", parsed.problem()))));
                continue;
            }
            List<Observation> accepted = new ArrayList<>();
            List<DroppedObservation> dropped = new ArrayList<>();
            for (JsonNode item : parsed.node().get("observations")) {
                if (!item.isObject()) {
                    dropped.add(new DroppedObservation(null, null, "not an object: " + item, x.model()));
                    continue;
                }
                ObservationGrounding.Outcome o = grounding.ground(note, runTime, item, x.model());
                if (o.accepted() != null) {
                    accepted.add(o.accepted());
                } else {
                    dropped.add(o.dropped());
                    LOG.log(System.Logger.Level.INFO, "intake dropped an observation from " + x.model() + ": "
                            + o.dropped().code() + " '" + o.dropped().quote() + "': " + o.dropped().reason());
                }
            }
            List<String> reasons = dropped.stream()
                    .map(d -> d.code() + " '" + d.quote() + "': " + d.reason()).collect(Collectors.toList());
            calls.add(llm.record(Purpose.INTAKE, attempt, x,
                    dropped.isEmpty() ? CallOutcome.ACCEPTED : CallOutcome.ACCEPTED_WITH_DROPS, reasons));
            return new IntakeResult(dedupe(accepted), dropped, x.model(), null, calls);
        }
        throw new IllegalStateException("unreachable: the retry loop returns");
    }

    /** The offline extractor's answer, saying why it answered when it is a fallback. */
    public IntakeResult extractOffline(String note, Optional<Double> runTime, String fallbackReason) {
        return extractOffline(note, runTime, fallbackReason, List.of());
    }

    private IntakeResult extractOffline(String note, Optional<Double> runTime, String fallbackReason, List<LlmCallRecord> calls) {
        if (fallbackReason != null) {
            LOG.log(System.Logger.Level.INFO, "intake falls back to " + OfflineIntake.MODEL + ": " + fallbackReason);
        }
        return new IntakeResult(offline.extract(note, runTime), List.of(), OfflineIntake.MODEL, fallbackReason, calls);
    }

    private static List<Observation> dedupe(List<Observation> in) {
        Map<String, Observation> out = new java.util.LinkedHashMap<>();
        for (Observation o : in) {
            out.putIfAbsent(o.code() + "|" + o.present() + "|" + o.quote().start(), o);
        }
        return List.copyOf(out.values());
    }

    /** The vocabulary as the prompt lists it: one line per code. */
    String vocabularyListing() {
        StringBuilder sb = new StringBuilder();
        for (VocabularyEntry e : offline.vocabulary().entries()) {
            sb.append("- ").append(e.code()).append(": ").append(e.description());
            if (!e.synonyms().isEmpty()) {
                sb.append(" (also written: ").append(String.join(", ", e.synonyms())).append(')');
            }
            sb.append(" [components: ").append(String.join(", ", e.components())).append("]\n");
        }
        if (!offline.vocabulary().abbreviations().isEmpty()) {
            sb.append("Stand shorthand: ");
            sb.append(offline.vocabulary().abbreviations().entrySet().stream()
                    .map(a -> a.getKey() + " = " + a.getValue()).collect(Collectors.joining(", ")));
            sb.append('\n');
        }
        return sb.toString().strip();
    }
}
