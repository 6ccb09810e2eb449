package io.hotfire.domain.concurrent;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place where Hotfire builds a thread pool. Every pool's threads are daemons named
 * {@code hotfire-<name>-<n>}, so a thread dump says whose they are. The modules below the app take
 * an {@code Executor} from their caller and never build one; the callers that build one are the
 * app's {@code NamedExecutors} (which owns each pool and shuts it down with the application) and
 * the offline commands, which run without a container and shut their pool down when they end.
 */
public final class NamedPools {

    private NamedPools() {
    }

    /** Cores of this machine (at least 1). */
    public static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** A pool of exactly {@code threads} threads (at least 1) with an unbounded queue. */
    public static ExecutorService fixed(String name, int threads) {
        return Executors.newFixedThreadPool(Math.max(1, threads), threads(name, Thread.NORM_PRIORITY));
    }

    /**
     * {@code threads} threads and room for {@code queued} waiting tasks; a task beyond that is
     * refused at once ({@link java.util.concurrent.RejectedExecutionException}), so the caller can
     * fall back instead of waiting. Idle threads end after 30 s.
     */
    public static ExecutorService bounded(String name, int threads, int queued) {
        int n = Math.max(1, threads);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(Math.max(1, queued)),
                threads(name, Thread.NORM_PRIORITY), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A thread per waiting task, reused when idle: for tasks that mostly wait or loop for their owner's life. */
    public static ExecutorService perTask(String name) {
        return Executors.newCachedThreadPool(threads(name, Thread.NORM_PRIORITY));
    }

    /** One thread, tasks in order, with a schedule (deadlines, tickers); a cancelled task leaves the queue at once. */
    public static ScheduledExecutorService single(String name) {
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, threads(name, Thread.NORM_PRIORITY));
        pool.setRemoveOnCancelPolicy(true);
        return pool;
    }

    /** One thread at the lowest priority, tasks in order: for background work no request waits for. */
    public static ExecutorService background(String name) {
        return Executors.newSingleThreadExecutor(threads(name, Thread.MIN_PRIORITY));
    }

    /** Daemon threads named {@code hotfire-<name>-<n>} at {@code priority}. */
    public static ThreadFactory threads(String name, int priority) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "hotfire-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(priority);
            return t;
        };
    }
}
