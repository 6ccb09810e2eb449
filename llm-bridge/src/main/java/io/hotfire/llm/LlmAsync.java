package io.hotfire.llm;

import io.hotfire.llm.call.Cancellation;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.explain.Explanation;
import io.hotfire.llm.explain.ExplanationService;
import io.hotfire.llm.hypothesis.HypothesisResult;
import io.hotfire.llm.hypothesis.HypothesisService;
import io.hotfire.llm.intake.IntakeResult;
import io.hotfire.llm.intake.IntakeService;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs LLM work off the caller's thread with a deadline, so that diagnosis latency never waits
 * on a model: every method returns at once with a future that completes with the LLM's answer,
 * or, when the timeout passes, the pool is full or the call fails, with the offline answer
 * (offline intake, template explanation, no hypotheses) and the reason. On timeout the worker
 * is interrupted and the late call, when it ends, is recorded as {@code TIMED_OUT}.
 *
 * <p>The app may instead wrap the synchronous services with SmallRye Fault Tolerance
 * ({@code @Timeout}, {@code @Fallback}, {@code @Bulkhead}, {@code @CircuitBreaker}); this class is
 * the framework-free equivalent and what the tests exercise.
 */
public final class LlmAsync implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LlmAsync.class.getName());

    private final ExecutorService llmPool;
    private final Executor fallbackExecutor;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final boolean owning;

    /**
     * The caller owns the executors (this class builds none and shuts none down).
     *
     * @param llmPool          runs the LLM calls; bound it to bound concurrency (a rejected task falls back at once)
     * @param fallbackExecutor runs fallbacks (offline intake takes a few milliseconds per clause)
     * @param timer            fires the deadlines (one thread is plenty)
     * @param timeout          longest a caller waits for the LLM
     */
    public LlmAsync(ExecutorService llmPool, Executor fallbackExecutor, ScheduledExecutorService timer, Duration timeout) {
        this(llmPool, fallbackExecutor, timer, timeout, false);
    }

    private LlmAsync(ExecutorService llmPool, Executor fallbackExecutor, ScheduledExecutorService timer, Duration timeout,
            boolean owning) {
        this.llmPool = Objects.requireNonNull(llmPool, "llmPool");
        this.fallbackExecutor = Objects.requireNonNull(fallbackExecutor, "fallbackExecutor");
        this.timer = Objects.requireNonNull(timer, "timer");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.owning = owning;
    }

    /**
     * As the constructor, but {@link #close} shuts the given {@code llmPool} and {@code timer}
     * down: for a caller without a container (a test, a command) that built them for this alone.
     */
    public static LlmAsync owning(ExecutorService llmPool, Executor fallbackExecutor, ScheduledExecutorService timer,
            Duration timeout) {
        return new LlmAsync(llmPool, fallbackExecutor, timer, timeout, true);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Intake; on timeout or failure the offline extractor's observations. */
    public CompletableFuture<IntakeResult> extract(IntakeService intake, String note, Optional<Double> runTime) {
        if (!intake.usesLlm()) {
            return CompletableFuture.supplyAsync(() -> intake.extract(note, runTime), fallbackExecutor);
        }
        return call(c -> intake.extract(note, runTime, c), reason -> intake.extractOffline(note, runTime, reason));
    }

    /** Explanation; on timeout or failure the template's. */
    public CompletableFuture<Explanation> explain(ExplanationService explainer, Diagnosis d) {
        if (!explainer.usesLlm()) {
            return CompletableFuture.supplyAsync(() -> explainer.explain(d), fallbackExecutor);
        }
        return call(c -> explainer.explain(d, c), reason -> explainer.template(d, reason));
    }

    /** Hypotheses; out of distribution completed at once without any call; on timeout or failure none. */
    public CompletableFuture<HypothesisResult> hypotheses(HypothesisService service, Diagnosis d, Collection<String> catalogue) {
        if (!d.inDistribution()) {
            return CompletableFuture.completedFuture(HypothesisResult.suppressed(d.route().isPresent()));
        }
        return call(c -> service.hypotheses(d, catalogue, c), HypothesisResult::failed);
    }

    /**
     * The general form: {@code task} runs on the LLM pool with a {@link Cancellation} it must
     * honour; {@code fallback} turns a reason into the answer used instead.
     */
    public <T> CompletableFuture<T> call(Function<Cancellation, T> task, Function<String, T> fallback) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Cancellation cancellation = Cancellation.create();
        Future<?> running;
        try {
            running = llmPool.submit(() -> {
                try {
                    T value = task.apply(cancellation);
                    if (!cancellation.cancelled()) {
                        result.complete(value);
                    }
                } catch (CancellationException e) {
                    // the caller already has its fallback
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.WARNING, "LLM task failed; using the fallback", e);
                    fallBack(result, fallback, "LLM task failed: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            fallBack(result, fallback, "LLM busy: no worker free and the queue is full");
            return result;
        }
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (!result.isDone()) {
                cancellation.cancel();
                running.cancel(true);
                fallBack(result, fallback, "LLM timed out after " + timeout.toMillis() + " ms");
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((v, e) -> deadline.cancel(false));
        return result;
    }

    private <T> void fallBack(CompletableFuture<T> result, Function<String, T> fallback, String reason) {
        try {
            fallbackExecutor.execute(() -> {
                try {
                    result.complete(fallback.apply(reason));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
    }

    /** Shuts the LLM pool and the timer down if this instance was made {@link #owning} them; else nothing. */
    @Override
    public void close() {
        if (owning) {
            timer.shutdownNow();
            llmPool.shutdownNow();
        }
    }
}
