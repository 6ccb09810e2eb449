package io.hotfire.llm;

import io.hotfire.domain.concurrent.NamedPools;
import java.time.Duration;

/** What the app builds from its own executors, for tests without a container: the LlmAsync owns and closes its pools. */
public final class TestAsync {

    private TestAsync() {
    }

    /** {@code maxConcurrent} LLM workers, {@code maxQueued} waiting calls, fallbacks on a pool of their own. */
    public static LlmAsync bounded(int maxConcurrent, int maxQueued, Duration timeout) {
        return LlmAsync.owning(NamedPools.bounded("test-llm", maxConcurrent, maxQueued), FALLBACKS,
                NamedPools.single("test-llm-timeout"), timeout);
    }

    private static final java.util.concurrent.ExecutorService FALLBACKS = NamedPools.fixed("test-llm-fallback", 2);
}
