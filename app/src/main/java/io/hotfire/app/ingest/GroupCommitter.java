package io.hotfire.app.ingest;

import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.exec.NamedExecutors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit for HTTP telemetry batches (issue #9): the batches that wait at one moment are
 * ingested in ONE transaction ({@link Ingestion#ingestTogether}: one audit chain head lock, one
 * commit, the chain still hash-linked in order) instead of one transaction each, which serialised
 * on the chain head lock.
 *
 * <p>Design: {@code committers} lanes, each a bounded queue and one loop on a thread of the
 * application's {@code group-commit} pool ({@link NamedExecutors#loops}, never interrupted); a run's batches always go
 * to the same lane (by run id), so they are ingested in the order they were submitted. A lane's
 * thread takes every batch waiting, forms a group of at most {@code max-batches} batches and
 * {@code max-frames} frames with at most one batch per run (later batches of a run wait for the next
 * group, keeping their order), and ingests it. When the group's transaction is refused, it rolled
 * back whole and each batch is ingested in a transaction of its own, so a bad batch gets its own
 * problem (409, 404...) and the others are stored. Each request waits for its batch's outcome: it is
 * answered only after its data is committed (or refused). Lanes run their groups concurrently; they
 * cannot deadlock, since a group locks its runs in run-id order, then their alarms, then the chain
 * head, as a single batch does, and two lanes never share a run.
 *
 * <p>Back-pressure: a full lane queue is answered at once with 503 and Retry-After
 * ({@link IngestBusyException}); nothing of that batch was stored, so the sender resends it.
 */
@ApplicationScoped
public class GroupCommitter {

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);
    /** Seconds a sender is asked to wait when the queue is full. */
    static final int RETRY_AFTER_SECONDS = 1;

    @Inject
    Ingestion ingestion;

    @Inject
    HotfireConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    NamedExecutors executors;

    /** Runs each lane's loop on a thread of its own; the lanes are ended by {@link #stop}, not by the pool. */
    private ExecutorService laneThreads;

    /** Batches per group transaction (1 = a lone batch, ingested as before). */
    private DistributionSummary groupSize;
    /** Group transactions refused and split into one transaction per batch. */
    private Counter refused;
    /** Wall time of a group: its transaction(s), from the lane taking it to the last request completed. */
    private Timer groupTime;
    /** How long a batch waited in its lane (behind the group in progress) before its own group began. */
    private Timer waitTime;
    /** From a batch's submission to its commit, for the batches that concluded events (the ones an operator waits for). */
    private Timer concludingTime;

    private Lane[] lanes;
    private volatile boolean running = true;
    /** Submitters check {@link #running} and enqueue under the read lock; {@link #stop} clears it under the write lock,
     *  so once a lane has seen it cleared, nothing more can enter its queue. */
    private final java.util.concurrent.locks.ReadWriteLock admission = new java.util.concurrent.locks.ReentrantReadWriteLock();

    /** A submitted batch and the request waiting for it. */
    private record Pending(IngestBatch batch, CompletableFuture<IngestResult> outcome, long submittedNanos) {
    }

    @PostConstruct
    void start() {
        groupSize = DistributionSummary.builder("hotfire.ingest.group.batches")
                .description("HTTP batches committed per group transaction").register(registry);
        refused = Counter.builder("hotfire.ingest.group.refused")
                .description("group transactions refused and retried one transaction per batch").register(registry);
        groupTime = Timer.builder("hotfire.ingest.group.time")
                .description("time to ingest and commit one group").publishPercentiles(0.5, 0.99).register(registry);
        concludingTime = Timer.builder("hotfire.ingest.concluding.time")
                .description("submission to commit of a batch that concluded events").publishPercentiles(0.5, 0.99).register(registry);
        waitTime = Timer.builder("hotfire.ingest.group.wait")
                .description("time a batch waited in its lane before its group began").publishPercentiles(0.5, 0.99).register(registry);
        HotfireConfig.GroupCommit c = config.ingest().groupCommit();
        lanes = new Lane[Math.max(1, c.committers())];
        laneThreads = executors.loops("group-commit");
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new Lane(i, Math.max(1, c.queueCapacity()), Math.max(1, c.maxBatches()), Math.max(1, c.maxFrames()));
        }
    }

    /**
     * Ingests the batch in a group transaction and returns its result once committed; a refused
     * batch throws what {@link Ingestion#ingest} would have thrown for it alone. With group commit
     * off, or for a batch of more than {@code direct-above-frames} frames, ingests on the caller's
     * thread in a transaction of its own.
     *
     * @throws IngestBusyException the lane's queue is full (nothing stored)
     */
    public IngestResult ingest(IngestBatch batch) {
        HotfireConfig.GroupCommit c = config.ingest().groupCommit();
        if (!c.enabled() || batch.frames().size() > c.directAboveFrames()) {
            return ingestion.ingest(batch.runId(), batch.frames(), batch.numberAfterLast(), batch.source());
        }
        Pending p = new Pending(batch, new CompletableFuture<>(), System.nanoTime());
        Lane lane = lanes[Math.floorMod(batch.runId().hashCode(), lanes.length)];
        boolean queued;
        admission.readLock().lock();
        try {
            queued = running && lane.queue.offer(p);
        } finally {
            admission.readLock().unlock();
        }
        if (!queued) {
            throw new IngestBusyException(lane.queue.remainingCapacity() == 0
                    ? "the ingest queue is full (" + lane.capacity + " batches waiting); resend after " + RETRY_AFTER_SECONDS + " s"
                    : "the server is shutting down; resend the batch", RETRY_AFTER_SECONDS);
        }
        try {
            lane.ensureStarted();
        } catch (RejectedExecutionException e) { // the application's pools are shutting down: the lane cannot start
            if (lane.queue.remove(p)) {
                throw new IngestBusyException("the server is shutting down; resend the batch", RETRY_AFTER_SECONDS);
            }
        }
        try {
            // Not interruptible on purpose: once queued, the batch is committed or refused, and the
            // request must say which. The lane completes every future it takes (see Lane#run).
            return p.outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        admission.writeLock().lock();
        try {
            running = false;
        } finally {
            admission.writeLock().unlock();
        }
        for (Lane lane : lanes) {
            lane.stop();
        }
    }

    private final class Lane implements Runnable {

        final BlockingQueue<Pending> queue;
        final int capacity;
        final int maxBatches;
        final int maxFrames;
        final String name;
        /** Taken from the queue but not yet in a group (a later batch of a run already in the group). */
        private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
        private Future<?> loop;

        Lane(int index, int capacity, int maxBatches, int maxFrames) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.capacity = capacity;
            this.maxBatches = maxBatches;
            this.maxFrames = maxFrames;
            this.name = "group-commit lane " + index;
        }

        synchronized void ensureStarted() {
            if (loop == null) {
                loop = laneThreads.submit(this);
            }
        }

        synchronized void stop() {
            if (loop == null) {
                return;
            }
            try {
                loop.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warnf(e, "%s did not end cleanly within 30 s of shutdown", name);
            }
        }

        @Override
        public void run() {
            while (true) {
                List<Pending> group;
                try {
                    if (waiting.isEmpty()) {
                        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            // Stopped and empty: nothing can be queued any more (admission), so nothing is left waiting.
                            if (!running && queue.isEmpty()) {
                                return;
                            }
                            continue;
                        }
                        waiting.add(first);
                    }
                    queue.drainTo(waiting);
                    group = nextGroup();
                } catch (InterruptedException e) {
                    failAll(new IngestBusyException("the server is shutting down; resend the batch", RETRY_AFTER_SECONDS));
                    return;
                }
                try {
                    commit(group);
                } catch (Throwable e) {
                    LOG.error("group commit failed unexpectedly", e);
                    for (Pending p : group) {
                        p.outcome.completeExceptionally(e); // no-op for those already completed
                    }
                }
            }
        }

        /** The oldest waiting batch of each run, in arrival order, within the group's limits. */
        private List<Pending> nextGroup() {
            List<Pending> group = new ArrayList<>();
            Set<java.util.UUID> seen = new HashSet<>();
            long frames = 0;
            for (Iterator<Pending> it = waiting.iterator(); it.hasNext() && group.size() < maxBatches; ) {
                Pending p = it.next();
                if (!seen.add(p.batch.runId())) {
                    continue; // a later batch of a run seen in this pass: keep its order
                }
                int size = p.batch.frames().size();
                if (!group.isEmpty() && frames + size > maxFrames) {
                    continue; // too big for this group; its run is now "seen", so its later batches wait too
                }
                frames += size;
                group.add(p);
                it.remove();
            }
            return group;
        }

        private void commit(List<Pending> group) {
            long now = System.nanoTime();
            for (Pending p : group) {
                waitTime.record(now - p.submittedNanos(), TimeUnit.NANOSECONDS);
            }
            groupSize.record(group.size());
            groupTime.record(() -> commitTimed(group));
            long done = System.nanoTime();
            for (Pending p : group) {
                IngestResult r = p.outcome().isDone() && !p.outcome().isCompletedExceptionally() ? p.outcome().join() : null;
                if (r != null && r.events() > 0) {
                    concludingTime.record(done - p.submittedNanos(), TimeUnit.NANOSECONDS);
                }
            }
        }

        private void commitTimed(List<Pending> group) {
            if (group.size() > 1) {
                Optional<List<IngestResult>> together = ingestion.ingestTogether(group.stream().map(Pending::batch).toList());
                if (together.isPresent()) {
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).outcome.complete(together.get().get(i));
                    }
                    return;
                }
                refused.increment();
                LOG.debugf("group of %d batches refused; ingesting them one by one", group.size());
            }
            for (Pending p : group) {
                IngestBatch b = p.batch;
                try {
                    p.outcome.complete(ingestion.ingest(b.runId(), b.frames(), b.numberAfterLast(), b.source()));
                } catch (RuntimeException e) {
                    p.outcome.completeExceptionally(e);
                }
            }
        }

        private void failAll(RuntimeException e) {
            waiting.forEach(p -> p.outcome.completeExceptionally(e));
            waiting.clear();
            Pending p;
            while ((p = queue.poll()) != null) {
                p.outcome.completeExceptionally(e);
            }
        }
    }
}
