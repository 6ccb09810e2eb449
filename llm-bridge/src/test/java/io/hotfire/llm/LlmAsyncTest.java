package io.hotfire.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LlmAsyncTest {

    @Test
    void whenEveryWorkerIsBusyAndTheQueueFull_aCallFallsBackAtOnce() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        try (LlmAsync async = TestAsync.bounded(1, 1, Duration.ofSeconds(180))) {
            CompletableFuture<String> first = async.call(c -> await(hold), reason -> "fallback: " + reason);
            CompletableFuture<String> queued = async.call(c -> await(hold), reason -> "fallback: " + reason);
            String third = async.call(c -> await(hold), reason -> "fallback: " + reason).get(60, TimeUnit.SECONDS);

            // "At once": answered while the worker and the queue are still held, not after they drain
            // (a condition, not a stopwatch: the suite must pass on a loaded machine).
            assertThat(third).startsWith("fallback: LLM busy");
            assertThat(first).isNotDone();
            assertThat(queued).isNotDone();
            hold.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo("answer");
            assertThat(queued.get(60, TimeUnit.SECONDS)).isEqualTo("answer");
        }
    }

    @Test
    void aTaskThatThrows_fallsBack_withTheReason() throws Exception {
        try (LlmAsync async = TestAsync.bounded(1, 1, Duration.ofSeconds(5))) {
            String r = async.<String>call(c -> {
                throw new IllegalStateException("boom");
            }, reason -> "fallback: " + reason).get(120, TimeUnit.SECONDS);

            assertThat(r).isEqualTo("fallback: LLM task failed: java.lang.IllegalStateException: boom");
        }
    }

    @Test
    void aTimedOutTask_isToldSoThroughItsCancellation() throws Exception {
        CountDownLatch sawCancel = new CountDownLatch(1);
        try (LlmAsync async = TestAsync.bounded(1, 1, Duration.ofMillis(200))) {
            String r = async.call(c -> {
                try {
                    Thread.sleep(600_000); // far past the deadline, so only the cancellation can end it
                } catch (InterruptedException e) {
                    if (c.cancelled()) {
                        sawCancel.countDown();
                    }
                }
                return "late";
            }, reason -> "fallback: " + reason).get(120, TimeUnit.SECONDS);

            assertThat(r).isEqualTo("fallback: LLM timed out after 200 ms");
            assertThat(sawCancel.await(120, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "answer";
    }
}
