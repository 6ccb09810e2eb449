package io.hotfire.app.exec;

import io.hotfire.domain.concurrent.NamedPools;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one producer of the application's own thread pools: each is named (its threads are
 * {@code hotfire-<name>-<n>}, daemon, built by domain-model's {@link NamedPools}, the one factory
 * the offline commands use too), sized for the machine (never more threads than cores, the target
 * being 2, except for {@link #loops} whose threads wait) and owned here, so every pool is shut down
 * with the application (interrupting what runs, then waiting briefly) rather than by whoever
 * remembered to. The modules below the app never build a pool: they are handed one from here.
 */
@ApplicationScoped
public class NamedExecutors {

    private static final Logger LOG = Logger.getLogger(NamedExecutors.class);
    private final List<ExecutorService> pools = new CopyOnWriteArrayList<>();
    /** Pools of loops that their owner ends: shut down without interrupting (a commit in progress must finish). */
    private final List<ExecutorService> loops = new CopyOnWriteArrayList<>();

    /** Cores of this machine (at least 1). */
    public static int cores() {
        return NamedPools.cores();
    }

    /** A pool of at most {@code threads} threads, capped at the number of cores. */
    public ExecutorService fixed(String name, int threads) {
        return own(NamedPools.fixed(name, Math.min(threads, cores())));
    }

    /**
     * {@code threads} threads and {@code queued} waiting tasks; beyond that a task is refused at
     * once, so its caller falls back rather than waits. Not capped at the cores: for tasks that
     * wait on another service (an LLM call), whose configured concurrency is the bound.
     */
    public ExecutorService bounded(String name, int threads, int queued) {
        return own(NamedPools.bounded(name, threads, queued));
    }

    /**
     * A thread per waiting task, reused when idle: for tasks that mostly sleep (a feed pacing its
     * frames), where a core-sized pool would hold later tasks back behind sleeping ones.
     */
    public ExecutorService perTask(String name) {
        return own(NamedPools.perTask(name));
    }

    /** One thread, for work that must run in order (loading, a ticker). */
    public ScheduledExecutorService single(String name) {
        return own(NamedPools.single(name));
    }

    /** One thread at the lowest priority, tasks in order, for work no request waits for (loading a model, training). */
    public ExecutorService background(String name) {
        return own(NamedPools.background(name));
    }

    /**
     * A thread for each long-running loop submitted (a commit lane), however many cores: the loops
     * mostly wait on their queue. Their owner ends them (it stops admitting work, drains, and waits
     * for each loop); at shutdown this pool only stops taking new loops and never interrupts one,
     * since an interrupted commit could lose what its callers were about to be told is stored.
     */
    public ExecutorService loops(String name) {
        ExecutorService pool = NamedPools.perTask(name);
        loops.add(pool);
        return pool;
    }

    private <E extends ExecutorService> E own(E pool) {
        pools.add(pool);
        return pool;
    }

    @PreDestroy
    void shutdown() {
        loops.forEach(ExecutorService::shutdown);
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

    /** Waits for every task that is not null to end, ignoring how it ended (their outcome no longer matters). */
    public static void awaitQuietly(Iterable<? extends java.util.concurrent.Future<?>> tasks) {
        for (java.util.concurrent.Future<?> f : tasks) {
            if (f == null) {
                continue;
            }
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                // ended: that is all the caller needs
            }
        }
    }
}
