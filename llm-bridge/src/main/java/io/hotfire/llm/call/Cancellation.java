package io.hotfire.llm.call;

/**
 * Set by the caller when it has stopped waiting (timeout); an LLM call that finishes afterwards
 * is recorded as {@link CallOutcome#TIMED_OUT} and its answer is not used.
 */
public final class Cancellation {

    /** For synchronous callers that never give up. */
    public static final Cancellation NONE = new Cancellation(false);

    private final boolean cancellable;
    private volatile boolean cancelled;

    private Cancellation(boolean cancellable) {
        this.cancellable = cancellable;
    }

    public static Cancellation create() {
        return new Cancellation(true);
    }

    public void cancel() {
        if (cancellable) {
            cancelled = true;
        }
    }

    public boolean cancelled() {
        return cancelled;
    }
}
