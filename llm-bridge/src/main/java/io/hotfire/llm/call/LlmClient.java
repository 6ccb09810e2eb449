package io.hotfire.llm.call;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one place the bridge calls a {@link ChatModel}: times the call, reads token usage, turns
 * provider failures into values instead of exceptions, and hands every finished call's record
 * to the audit sink. Framework-free: the app passes the provider's {@code ChatModel} bean.
 */
public final class LlmClient {

    private static final System.Logger LOG = System.getLogger(LlmClient.class.getName());

    private final ChatModel model;
    private final LlmOptions options;
    private final LlmAuditSink sink;

    public LlmClient(ChatModel model, LlmOptions options, LlmAuditSink sink) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.sink = sink == null ? LlmAuditSink.NONE : sink;
    }

    /** The configured model label. */
    public String modelLabel() {
        return options.modelLabel();
    }

    /**
     * One round trip. Never throws for provider failures: the exchange carries the error.
     *
     * @param messages the conversation, system message first
     */
    public Exchange call(List<ChatMessage> messages) {
        return call(messages, Cancellation.NONE);
    }

    /** Pause before the one transport retry of a failed round trip. */
    static final Duration RETRY_PAUSE = Duration.ofMillis(500);

    /**
     * One round trip; a provider failure that may pass (5xx, timeout, connection) is retried once
     * after {@link #RETRY_PAUSE}, but never once the caller has stopped waiting ({@code cancellation}
     * set): nobody pays for an answer nobody reads. The provider's own client retries nothing.
     */
    public Exchange call(List<ChatMessage> messages, Cancellation cancellation) {
        Exchange first = once(messages);
        if (!first.failed() || first.error() == null || !retryable(first.error()) || cancellation.cancelled()) {
            return first;
        }
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return first;
        }
        if (cancellation.cancelled() || Thread.currentThread().isInterrupted()) {
            return first;
        }
        Exchange second = once(messages);
        return new Exchange(first.at(), second.prompt(), second.response(), first.latency().plus(RETRY_PAUSE).plus(second.latency()),
                second.inputTokens(), second.outputTokens(), second.model(), second.error());
    }

    /** Failures worth one more try: server errors, timeouts, lost connections; never a refusal of the request itself. */
    static boolean retryable(String error) {
        return error.startsWith("InternalServerException") || error.startsWith("TimeoutException")
                || error.contains("Timeout") || error.startsWith("HttpException: 5") || error.contains("Connect")
                || error.startsWith("IOException") || error.startsWith("UncheckedIOException");
    }

    private Exchange once(List<ChatMessage> messages) {
        Instant at = Instant.now();
        long start = System.nanoTime();
        String prompt = render(messages);
        try {
            ChatRequest.Builder request = ChatRequest.builder().messages(messages);
            if (options.jsonResponseFormat()) {
                request.responseFormat(ResponseFormat.JSON);
            }
            ChatResponse response = model.chat(request.build());
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            TokenUsage usage = response.tokenUsage();
            String name = response.modelName();
            AiMessage ai = response.aiMessage();
            return new Exchange(at, prompt, ai == null ? null : ai.text(), latency,
                    usage == null ? null : usage.inputTokenCount(), usage == null ? null : usage.outputTokenCount(),
                    name == null || name.isBlank() ? options.modelLabel() : name, null);
        } catch (RuntimeException e) {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            return new Exchange(at, prompt, null, latency, null, null, options.modelLabel(), describe(e));
        }
    }

    /** Builds the record of a finished exchange, hands it to the audit sink and returns it. */
    public LlmCallRecord record(Purpose purpose, int attempt, Exchange x, CallOutcome outcome, List<String> violations) {
        LlmCallRecord r = new LlmCallRecord(x.at(), purpose, attempt, x.model(), x.prompt(), x.response(), x.latency(),
                x.inputTokens(), x.outputTokens(), outcome, violations, x.error());
        try {
            sink.accept(r);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "LLM audit sink failed for a " + purpose + " call: " + e);
        }
        return r;
    }

    static String render(List<ChatMessage> messages) {
        return messages.stream().map(LlmClient::render).collect(Collectors.joining("\n\n"));
    }

    private static String render(ChatMessage m) {
        if (m instanceof SystemMessage s) {
            return "SYSTEM: " + s.text();
        }
        if (m instanceof UserMessage u) {
            return "USER: " + u.singleText();
        }
        if (m instanceof AiMessage a) {
            return "ASSISTANT: " + a.text();
        }
        return m.type() + ": " + m;
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage().length() > 300 ? e.getMessage().substring(0, 300) + "..." : e.getMessage());
        }
        return sb.toString();
    }

    /**
     * One finished round trip.
     *
     * @param response the answer text, or null when the provider failed
     * @param error    the provider failure, or null
     */
    public record Exchange(Instant at, String prompt, String response, Duration latency, Integer inputTokens,
                           Integer outputTokens, String model, String error) {

        public boolean failed() {
            return error != null || response == null;
        }
    }
}
