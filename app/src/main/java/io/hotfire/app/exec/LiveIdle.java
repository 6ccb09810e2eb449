package io.hotfire.app.exec;

/**
 * Lets background work yield to live work by construction: {@link #awaitIdle} returns only once no
 * live work (telemetry being ingested) is in flight. Implemented by the ingest package's live-work
 * counter; here so that any package can wait on it without depending on ingestion.
 */
public interface LiveIdle {

    /**
     * Returns once no live work is in flight (at once if none is).
     *
     * @return whether it had to wait
     * @throws InterruptedException the waiting thread was interrupted (shutdown)
     */
    boolean awaitIdle() throws InterruptedException;

    /**
     * Returns once no live work has been in flight, nor begun or ended, for {@code quietMillis}: for
     * background work whose steps cannot be interrupted and would delay live work if started between
     * two live requests (a stand at 50 Hz leaves gaps of a few milliseconds, never a quiet second).
     *
     * @throws InterruptedException the waiting thread was interrupted (shutdown)
     */
    void awaitQuiet(long quietMillis) throws InterruptedException;
}
