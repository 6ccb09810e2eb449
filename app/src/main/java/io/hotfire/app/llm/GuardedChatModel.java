package io.hotfire.app.llm;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * The configured provider behind a circuit breaker: after half of four calls fail, calls fail at
 * once for 30 s (the bridge records them as provider errors and answers offline) instead of
 * hammering a broken endpoint. Deadlines and bounded concurrency are {@code LlmAsync}'s; the
 * provider's own HTTP timeout is the same {@code hotfire.llm.timeout}.
 */
@ApplicationScoped
@Typed(GuardedChatModel.class)
public class GuardedChatModel implements ChatModel {

    @Inject
    ChatModel delegate;

    @Override
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public ChatResponse chat(ChatRequest request) {
        return delegate.chat(request);
    }
}
