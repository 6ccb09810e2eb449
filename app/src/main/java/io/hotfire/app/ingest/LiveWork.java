package io.hotfire.app.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * How much live ingestion is in flight right now: every HTTP frame batch ({@code POST
 * /api/v1/runs/{id}/frames} or {@code /csv}) from its arrival at the HTTP server until its response
 * has ended (authentication, parsing, the group committer's queue and the commit included: a Vert.x
 * route handler ahead of every other), every Kafka poll while it is stored, every console feed batch. Background work that must not slow live
 * ingestion (the knowledge shadow on the archive) waits in {@link #awaitIdle} until nothing is in
 * flight: it yields by construction, whatever the operating system does with thread priorities
 * (Linux ignores Java's without privileges). Gauge {@code hotfire.ingest.in.flight}.
 */
@ApplicationScoped
public class LiveWork implements io.hotfire.app.exec.LiveIdle {

    /** What {@link #begin} returns: closing it ends that piece of live work (try-with-resources). */
    public interface Token extends AutoCloseable {
        @Override
        void close();
    }

    private final AtomicInteger inFlight = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();

    /** The HTTP requests that are live ingestion. */
    static final Pattern INGEST_PATH = Pattern.compile("/api/v1/runs/[^/]+/(frames|csv)");

    @Inject
    void metrics(MeterRegistry registry) {
        registry.gauge("hotfire.ingest.in.flight", Tags.empty(), inFlight);
    }

    /** Counts every frame upload from its arrival until its response has ended (or its connection closed). */
    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            if (rc.request().method() == HttpMethod.POST && INGEST_PATH.matcher(rc.normalizedPath()).matches()) {
                Token request = begin();
                rc.addEndHandler(ended -> request.close());
            }
            rc.next();
        });
    }

    /** {@link System#nanoTime} when live work last began or ended. */
    private volatile long lastActivity = System.nanoTime();

    /** Live work starts; close the token when it is done (committed or refused), exactly once. */
    public Token begin() {
        lastActivity = System.nanoTime();
        inFlight.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            lastActivity = System.nanoTime();
            if (inFlight.decrementAndGet() == 0) {
                lock.lock();
                try {
                    idle.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /** Whether a thread is waiting in {@link #awaitIdle} now (for tests that must close work only once it waits). */
    boolean hasWaiters() {
        lock.lock();
        try {
            return lock.hasWaiters(idle);
        } finally {
            lock.unlock();
        }
    }

    /** Pieces of live work in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * Returns once no live work is in flight (at once if none is).
     *
     * @return whether it had to wait
     * @throws InterruptedException the waiting thread was interrupted (shutdown)
     */
    @Override
    public boolean awaitIdle() throws InterruptedException {
        if (inFlight.get() == 0) {
            return false;
        }
        lock.lock();
        try {
            // The count falls to 0 outside the lock, but its signal is sent under it, so it cannot be
            // lost between this check and the await; the timed await only bounds a missed wake-up's cost.
            while (inFlight.get() > 0) {
                idle.await(100, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
        return true;
    }

    @Override
    public void awaitQuiet(long quietMillis) throws InterruptedException {
        long quiet = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        while (true) {
            awaitIdle();
            long since = System.nanoTime() - lastActivity;
            if (inFlight.get() == 0 && since >= quiet) {
                return;
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(TimeUnit.MILLISECONDS.toNanos(1), quiet - since));
        }
    }
}
