package io.hotfire.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-flight count of live ingestion and the wait for it to fall to zero (conditions, no timing). */
class LiveWorkTest {

    @Test
    void awaitIdleReturnsAtOnceWhenNothingIsInFlight() throws Exception {
        assertThat(new LiveWork().awaitIdle()).isFalse();
    }

    @Test
    void awaitIdleWaitsUntilTheLastPieceOfLiveWorkEnds_aTokenClosedTwiceCountsOnce() throws Exception {
        LiveWork live = new LiveWork();
        LiveWork.Token a = live.begin();
        LiveWork.Token b = live.begin();
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return live.awaitIdle();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // the waiter must be waiting before the last work ends, or it would return at once (false): a
        // condition, not a sleep — the suite runs on loaded machines
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean waiting = false;
        while (!waiting && !waited.isDone() && System.nanoTime() < deadline) {
            waiting = live.hasWaiters();
            if (!waiting) {
                Thread.sleep(5);
            }
        }
        assertThat(waiting).as("the waiter is waiting").isTrue();
        a.close();
        a.close(); // closing again must not end b's work
        assertThat(live.inFlight()).isEqualTo(1);
        assertThat(waited).isNotDone();
        b.close();
        assertThat(waited.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(live.inFlight()).isZero();
    }

    @Test
    void theFrameAndCsvUploadsOfARunAreLiveWork_otherRequestsAreNot() {
        assertThat(LiveWork.INGEST_PATH.matcher("/api/v1/runs/6f1c0d1e-0000-4000-8000-000000000001/frames").matches()).isTrue();
        assertThat(LiveWork.INGEST_PATH.matcher("/api/v1/runs/6f1c0d1e-0000-4000-8000-000000000001/csv").matches()).isTrue();
        assertThat(LiveWork.INGEST_PATH.matcher("/api/v1/runs/6f1c0d1e-0000-4000-8000-000000000001/events").matches()).isFalse();
        assertThat(LiveWork.INGEST_PATH.matcher("/api/v1/runs").matches()).isFalse();
    }

    @Test
    void awaitQuietWaitsForTheWorkToEnd_thenForTheQuietPeriodAfterIt() throws Exception {
        LiveWork live = new LiveWork();
        LiveWork.Token work = live.begin();
        CompletableFuture<Long> quietAt = CompletableFuture.supplyAsync(() -> {
            try {
                live.awaitQuiet(200);
                return System.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!live.hasWaiters() && !quietAt.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(quietAt).as("still waiting while the work is in flight").isNotDone();
        long ended = System.nanoTime();
        work.close();
        // a lower bound only: however loaded the machine, it cannot return before 200 ms of quiet
        assertThat(quietAt.get(60, TimeUnit.SECONDS) - ended).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    }
}
