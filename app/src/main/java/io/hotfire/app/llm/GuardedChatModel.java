package io.hotfire.app.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The configured OpenAI-compatible provider behind a circuit breaker (SmallRye Fault Tolerance).
 * The breaker watches a rolling window of the last {@value #WINDOW} calls and opens when at least
 * half of them failed, not on two failures; after 30 s it lets probes through half-open and closes
 * again after {@value #PROBES} successful ones. An open breaker fails at once (the bridge records
 * a provider error and answers offline).
 *
 * <p>The provider client is built here with {@code maxRetries(0)}: the one transport retry is
 * {@code LlmClient}'s, which never retries after the caller's deadline ({@code LlmAsync}). The
 * provider's own HTTP timeout is a backstop at 1.5 × {@code hotfire.llm.timeout}: equal to the
 * deadline, the two raced, and on a loaded machine a caller was sometimes told "provider failed
 * (ProcessingException)" instead of "timed out". The deadline decides what the caller is told; the
 * backstop only frees the worker of a call nobody waits for.
 */
@ApplicationScoped
@Typed(GuardedChatModel.class)
public class GuardedChatModel implements ChatModel {

    /** Calls in the breaker's rolling window. */
    static final int WINDOW = 20;
    /** Successful half-open probes that close the breaker again. */
    static final int PROBES = 2;

    @Inject
    LlmConfig config;

    private volatile ChatModel delegate;

    @Override
    @CircuitBreaker(requestVolumeThreshold = WINDOW, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            successThreshold = PROBES)
    public ChatResponse chat(ChatRequest request) {
        return delegate().chat(request);
    }

    private ChatModel delegate() {
        ChatModel d = delegate;
        if (d == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = OpenAiChatModel.builder()
                            .baseUrl(config.baseUrl())
                            .apiKey(ConfigProvider.getConfig().getOptionalValue("quarkus.langchain4j.openai.api-key", String.class)
                                    .orElse("not-set"))
                            .modelName(config.model())
                            .temperature(0.0)
                            .timeout(httpTimeout(config.timeout()))
                            .maxRetries(0)
                            .build();
                }
                d = delegate;
            }
        }
        return d;
    }

    /** The HTTP client's own timeout: past the caller's deadline, so that the deadline always decides first. */
    static Duration httpTimeout(Duration deadline) {
        return deadline.plus(deadline.dividedBy(2));
    }
}
