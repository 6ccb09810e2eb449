package io.hotfire.app.kafka;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.exec.NamedExecutors;
import io.hotfire.app.ops.OpsMetrics;
import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actor;
import io.hotfire.app.ingest.BatchSource;
import io.hotfire.app.ingest.IngestBatch;
import io.hotfire.app.ingest.Ingestion;
import io.hotfire.app.telemetry.JsonFrameReader;
import io.hotfire.domain.Hashing;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the telemetry topic (enabled by {@code hotfire.kafka.enabled}) through the same
 * ingestion as {@code POST /api/v1/runs/{id}/frames}.
 *
 * <p>One poll's records are grouped by run (the key); each run's frames of the poll go into one
 * {@link Ingestion#ingest} call, and all runs of the poll share one database transaction (frames,
 * events, alarms, audit: one audit chain lock and one commit per poll). If that transaction is
 * refused (a message conflicts with stored frames), it rolls back whole and each run is ingested
 * in its own transaction, {@code hotfire.kafka.workers} in parallel, to isolate the bad message. The method returns, and the batch is acknowledged, only after every run's transaction
 * committed (or its poison messages reached the dead-letter topic and the audit log); the
 * throttled commit strategy commits only acknowledged offsets. A crash in between redelivers
 * records whose frames are already stored: {@link Ingestion} sees them as resends (idempotent per
 * run and seq), so nothing is stored or concluded twice. A run's diagnosis state follows its
 * partition through {@code RunMonitors}: a run this instance has no monitor for, or whose monitor
 * is behind the stored last seq (another instance ingested meanwhile), is rebuilt from the stored
 * frames under the run's row lock.
 *
 * <p>Back-pressure: the worker processes one poll at a time; the connector holds at most
 * {@code max-queue-size-factor} polls and pauses the partitions while it is full.
 */
@ApplicationScoped
public class TelemetryConsumer {

    /** The audit actor of Kafka-driven actions (runs created from Kafka, ingested batches, poison messages). */
    public static final Actor ACTOR = new Actor("system:kafka", "kafka", "hotfire");
    private static final Logger LOG = Logger.getLogger(TelemetryConsumer.class);
    private static final int ATTEMPTS = 5;

    @Inject
    Ingestion ingestion;

    /** A poll is live work while it is stored (background work yields to it). */
    @Inject
    io.hotfire.app.ingest.LiveWork live;

    @Inject
    KafkaRuns runs;

    @Inject
    Engines engines;

    @Inject
    DeadLetters deadLetters;

    @Inject
    OpsMetrics ops;

    @ConfigProperty(name = "hotfire.kafka.workers", defaultValue = "2")
    int workers;

    @Inject
    NamedExecutors executors;

    private volatile ExecutorService pool;

    /** A run's engine never changes: remembered, so a poll costs no extra transaction per run (bounded; cleared when full). */
    private static final int ENGINE_CACHE = 10_000;
    private final Map<UUID, String> engineByRun = new java.util.concurrent.ConcurrentHashMap<>();

    @Incoming("telemetry")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        long startedMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        try (io.hotfire.app.ingest.LiveWork.Token inFlight = live.begin()) {
            consumeLive(records);
        } finally {
            long[] timestamps = new long[records.count()];
            int i = 0;
            for (ConsumerRecord<String, byte[]> r : records) {
                timestamps[i++] = r.timestamp();
            }
            ops.kafkaPoll(timestamps, startedMillis, System.nanoTime() - start);
        }
    }

    private void consumeLive(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        Map<String, List<ConsumerRecord<String, byte[]>>> byRun = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            byRun.computeIfAbsent(r.key() == null ? "" : r.key(), k -> new ArrayList<>()).add(r);
        }
        List<Prepared> prepared = new ArrayList<>();
        for (List<ConsumerRecord<String, byte[]>> run : byRun.values()) {
            Prepared p = prepare(run);
            if (p != null) {
                prepared.add(p);
            }
        }
        if (prepared.isEmpty()) {
            return;
        }
        // Fast path: every run of the poll in one transaction (one audit chain lock, one commit),
        // runs locked in id order (Ingestion#ingestTogether, shared with the HTTP group commit).
        // If anything refuses, it all rolls back and each run is ingested in its own transaction,
        // where a refused message is found and dead-lettered.
        List<IngestBatch> group = prepared.stream()
                .map(p -> new IngestBatch(p.runId(), p.frames(), false, source(p.records())))
                .toList();
        if (ingestion.ingestTogether(group).isPresent()) {
            prepared.forEach(this::lag);
            return;
        }
        LOG.debugf("the poll's single transaction was refused; ingesting its %d runs one by one", prepared.size());
        if (prepared.size() == 1 || workers <= 1) {
            prepared.forEach(this::store);
            return;
        }
        List<Future<?>> pending = new ArrayList<>();
        for (Prepared run : prepared) {
            pending.add(pool().submit(() -> store(run)));
        }
        RuntimeException failure = null;
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** One run's records of a poll that parsed, with their frames. */
    record Prepared(UUID runId, List<ConsumerRecord<String, byte[]>> records, List<Frame> frames, EngineProfile profile) {
    }

    /** All of one run's records of a poll, in offset order, in a transaction of their own. */
    void ingestRun(List<ConsumerRecord<String, byte[]>> records) {
        Prepared run = prepare(records);
        if (run != null) {
            store(run);
        }
    }

    /**
     * Checks a run's records of a poll: the run exists (or is created from the engine header), each
     * value parses against its profile. Poison records are dead-lettered here; null when none is left.
     */
    Prepared prepare(List<ConsumerRecord<String, byte[]>> records) {
        ConsumerRecord<String, byte[]> first = records.get(0);
        UUID runId;
        try {
            runId = UUID.fromString(first.key());
        } catch (RuntimeException e) {
            Problem p = ProblemException.badRequest("invalid-run-key", "Invalid run key",
                    "the message key must be the run id (a UUID), was " + (first.key() == null ? "null" : "'" + first.key() + "'"))
                    .with("field", "key").problem();
            records.forEach(r -> poison(r, p));
            return null;
        }
        EngineProfile profile;
        try {
            profile = profileOf(runId, first);
        } catch (ProblemException e) {
            records.forEach(r -> poison(r, e.problem()));
            return null;
        }
        List<ConsumerRecord<String, byte[]>> good = new ArrayList<>(records.size());
        List<Frame> frames = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                checkEngine(r, profile);
                frames.addAll(parse(r, profile));
                good.add(r);
            } catch (ProblemException e) {
                poison(r, e.problem());
            }
        }
        return good.isEmpty() ? null : new Prepared(runId, good, frames, profile);
    }

    /** Ingests a prepared run in its own transaction; a refused merged batch is retried message by message. */
    void store(Prepared run) {
        try {
            withRetries(() -> ingestion.ingest(run.runId(), run.frames(), false, source(run.records())));
        } catch (ProblemException merged) {
            // One of the messages conflicts with what is stored: ingest them one by one to find it.
            for (ConsumerRecord<String, byte[]> r : run.records()) {
                try {
                    withRetries(() -> ingestion.ingest(run.runId(), parse(r, run.profile()), false, source(List.of(r))));
                } catch (ProblemException e) {
                    poison(r, e.problem());
                }
            }
        }
        lag(run);
    }

    private void lag(Prepared run) {
        long newest = run.records().stream().mapToLong(ConsumerRecord::timestamp).max().orElse(System.currentTimeMillis());
        ops.windowLag(run.runId(), Math.max(0, System.currentTimeMillis() - newest) / 1000.0);
    }

    private EngineProfile profileOf(UUID runId, ConsumerRecord<String, byte[]> first) {
        String known = engineByRun.get(runId);
        if (known != null) {
            return engines.require(known, TelemetryMessages.ENGINE).profile();
        }
        String engine = withRetries(() -> runs.engineOf(runId));
        if (engine == null) {
            String wanted = header(first, TelemetryMessages.ENGINE);
            try {
                withRetries(() -> {
                    runs.create(runId, wanted, header(first, TelemetryMessages.TEST_ID));
                    return null;
                });
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException e) {
                // Another instance created it meanwhile (a duplicate key); anything else fails below.
                LOG.debugf(e, "run %s was not created here", runId);
            }
            engine = withRetries(() -> runs.engineOf(runId));
            if (engine == null) {
                throw new IllegalStateException("run " + runId + " could not be created");
            }
        }
        if (engineByRun.size() >= ENGINE_CACHE) {
            engineByRun.clear();
        }
        engineByRun.put(runId, engine);
        return engines.require(engine, TelemetryMessages.ENGINE).profile();
    }

    private static void checkEngine(ConsumerRecord<String, byte[]> r, EngineProfile profile) {
        String engine = header(r, TelemetryMessages.ENGINE);
        if (engine != null && !engine.equals(profile.id())) {
            throw ProblemException.conflict("engine-mismatch", "Engine mismatch",
                    "the message names engine " + engine + " but run " + r.key() + " is of engine " + profile.id())
                    .with("field", TelemetryMessages.ENGINE);
        }
    }

    private static List<Frame> parse(ConsumerRecord<String, byte[]> r, EngineProfile profile) {
        byte[] value = r.value() == null ? new byte[0] : r.value();
        return new JsonFrameReader(profile).read(new ByteArrayInputStream(value));
    }

    /** Format {@code kafka}, the records' total size and the SHA-256 over their values in offset order; by {@link #ACTOR}. */
    private static BatchSource source(List<ConsumerRecord<String, byte[]>> records) {
        MessageDigest sha = Hashing.sha256();
        long bytes = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            if (r.value() != null) {
                sha.update(r.value());
                bytes += r.value().length;
            }
        }
        return new BatchSource("kafka", bytes, Hashing.hex(sha), ACTOR);
    }

    private void poison(ConsumerRecord<String, byte[]> r, Problem problem) {
        withRetries(() -> {
            deadLetters.send(r, problem);
            return null;
        });
        withRetries(() -> {
            deadLetters.audit(r, problem);
            return null;
        });
    }

    /**
     * Retries what failed for a reason other than the message (database or broker unavailable, a
     * lock timeout); a {@link ProblemException} is the message's fault and is not retried. After
     * the last attempt the exception fails the channel: its offsets stay uncommitted, so another
     * instance takes the partition over and redelivery repeats nothing that was committed.
     */
    private static <T> T withRetries(java.util.function.Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (ProblemException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || isDuplicateRun(e)) {
                    throw e;
                }
                LOG.warnf("Kafka ingestion attempt %d failed, retrying: %s", attempt, e.toString());
                try {
                    Thread.sleep(200L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean isDuplicateRun(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof jakarta.persistence.EntityExistsException) {
                return true;
            }
        }
        return false;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private ExecutorService pool() {
        if (pool == null) {
            synchronized (this) {
                if (pool == null) {
                    // Owned by NamedExecutors (shut down with the application), at most one thread per core.
                    pool = executors.fixed("kafka-worker", workers);
                }
            }
        }
        return pool;
    }

}
