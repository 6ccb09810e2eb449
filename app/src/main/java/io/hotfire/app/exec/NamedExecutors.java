package io.hotfire.app.exec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The one producer of the application's own thread pools: each is named (its threads are
 * {@code hotfire-<name>-<n>}, daemon), sized for the machine (never more threads than cores, the
 * target being 2) and owned here, so every pool is shut down with the application (interrupting
 * what runs, then waiting briefly) rather than by whoever remembered to.
 */
@ApplicationScoped
public class NamedExecutors {

    private static final Logger LOG = Logger.getLogger(NamedExecutors.class);
    private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();

    /** Cores of this machine (at least 1). */
    public static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** A pool of at most {@code threads} threads, capped at the number of cores. */
    public ExecutorService fixed(String name, int threads) {
        return own(Executors.newFixedThreadPool(Math.max(1, Math.min(threads, cores())), factory(name)));
    }

    /**
     * A thread per waiting task, reused when idle: for tasks that mostly sleep (a feed pacing its
     * frames), where a core-sized pool would hold later tasks back behind sleeping ones.
     */
    public ExecutorService perTask(String name) {
        return own(Executors.newCachedThreadPool(factory(name)));
    }

    /** One thread, for work that must run in order (loading, a ticker). */
    public ScheduledExecutorService single(String name) {
        return own(Executors.newSingleThreadScheduledExecutor(factory(name)));
    }

    private <E extends ExecutorService> E own(E pool) {
        pools.add(pool);
        return pool;
    }

    private static ThreadFactory factory(String name) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "hotfire-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void shutdown() {
        pools.forEach(ExecutorService::shutdownNow);
        for (ExecutorService p : pools) {
            try {
                if (!p.awaitTermination(2, TimeUnit.SECONDS)) {
                    LOG.warnf("a pool did not stop within 2 s of shutdown: %s", p);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The task's result; its runtime exception rethrown as it was, anything else wrapped. */
    public static <T> T await(java.util.concurrent.Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a task", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
