package io.hotfire.app.ops;

import io.hotfire.app.persistence.AfterCommit;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hotfire's own Micrometer meters, exported on {@code /q/metrics} (names in Prometheus form in
 * app/README.md "Operations"). Counts are taken only when the batch's transaction commits, so a
 * rolled-back batch counts nothing.
 */
@ApplicationScoped
public class OpsMetrics {

    /** Timer another part records each LLM call in (tags: {@code provider}, {@code outcome}). */
    public static final String LLM_LATENCY = "hotfire.llm.latency";
    /** Gauge per run (tag {@code run}): seconds from the receipt of a run's newest frame to the commit of its diagnosis. */
    public static final String WINDOW_LAG = "hotfire.window.lag";

    /** Runs with a lag gauge at most; beyond, the oldest gauge is dropped (bounded label cardinality). */
    static final int MAX_LAG_GAUGES = 256;

    private final MeterRegistry registry;
    private final Timer diagnosis;
    private final Counter oodEntries;
    private final Timer kafkaWait;
    private final Timer kafkaPollTime;
    private final io.micrometer.core.instrument.DistributionSummary kafkaPollRecords;
    private final Map<UUID, AtomicLong> lagMicros = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> outOfDistribution = new ConcurrentHashMap<>();

    @Inject
    AfterCommit afterCommit;

    @Inject
    public OpsMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.diagnosis = Timer.builder("hotfire.rules.batch")
                .description("time the run monitor (windows, features, OOD gate, rules) took for one ingested batch")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.oodEntries = Counter.builder("hotfire.ood.entries")
                .description("ROUTE events into OUT_OF_DISTRIBUTION: a run's windows left the validated distribution")
                .register(registry);
        this.kafkaWait = Timer.builder("hotfire.kafka.record.wait")
                .description("a telemetry record's timestamp to the start of its poll's processing")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.kafkaPollTime = Timer.builder("hotfire.kafka.poll.time")
                .description("a telemetry poll's processing, from its start to its records stored and committed")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.kafkaPollRecords = io.micrometer.core.instrument.DistributionSummary.builder("hotfire.kafka.poll.records")
                .description("records per telemetry poll").register(registry);
        registry.gauge("hotfire.ood.runs", Tags.empty(), outOfDistribution,
                m -> m.values().stream().filter(Boolean::booleanValue).count());
    }

    /**
     * One ingested batch, counted when (and only if) the current transaction commits.
     *
     * @param format          json, csv or kafka
     * @param frames          new frames stored
     * @param channels        sensor channels per frame
     * @param concluded       events the diagnosis produced
     * @param diagnosisNanos  time spent in the run monitor for the batch
     */
    public void batch(UUID runId, String format, int frames, int channels, List<Event> concluded, long diagnosisNanos) {
        afterCommit.run(() -> committed(runId, format, frames, channels, concluded, diagnosisNanos));
    }

    void committed(UUID runId, String format, int frames, int channels, List<Event> concluded, long diagnosisNanos) {
        registry.counter("hotfire.ingest.frames", "format", format).increment(frames);
        registry.counter("hotfire.ingest.samples", "format", format).increment((double) frames * channels);
        diagnosis.record(Duration.ofNanos(diagnosisNanos));
        for (Event e : concluded) {
            registry.counter("hotfire.events", "type", e.type().name()).increment();
            if (e.type() == EventType.ROUTE && !Boolean.TRUE.equals(e.evidence().get("restated"))) {
                boolean ood = "OUT_OF_DISTRIBUTION".equals(e.code());
                Boolean was = outOfDistribution.put(runId, ood);
                // An entry, not every ROUTE event while out: the route is restated when what decided it
                // changes (gate, envelope, both) without leaving the distribution in between.
                if (ood && !Boolean.TRUE.equals(was)) {
                    oodEntries.increment();
                }
            }
        }
    }

    /**
     * One poll of the telemetry topic, processed: each record's wait from its timestamp (the producer's clock, or the
     * broker's, as the topic says) to the start of its poll's processing, the processing's time to its end (stored
     * and committed, or refused), and the poll's size. Where a Kafka frame's latency goes (issue #17).
     */
    public void kafkaPoll(long[] recordTimestamps, long startedMillis, long nanos) {
        for (long t : recordTimestamps) {
            kafkaWait.record(Duration.ofMillis(Math.max(0, startedMillis - t)));
        }
        kafkaPollTime.record(Duration.ofNanos(nanos));
        kafkaPollRecords.record(recordTimestamps.length);
    }

    /** Sets a run's window lag (seconds from its newest frame's receipt to the commit of its diagnosis). */
    public void windowLag(UUID runId, double seconds) {
        AtomicLong gauge = lagMicros.computeIfAbsent(runId, id -> {
            if (lagMicros.size() >= MAX_LAG_GAUGES) {
                lagMicros.keySet().stream().findFirst().ifPresent(this::forget);
            }
            AtomicLong value = new AtomicLong();
            registry.gauge(WINDOW_LAG, Tags.of("run", id.toString()), value, v -> v.get() / 1e6);
            return value;
        });
        gauge.set(Math.round(seconds * 1e6));
    }

    private void forget(UUID runId) {
        lagMicros.remove(runId);
        registry.find(WINDOW_LAG).tag("run", runId.toString()).meters().forEach(registry::remove);
    }

    /** The timer of LLM calls, for the LLM bridge: {@code ops.llmLatency("openai", "ok").record(...)}. */
    public Timer llmLatency(String provider, String outcome) {
        return Timer.builder(LLM_LATENCY).tags("provider", provider, "outcome", outcome)
                .description("latency of one LLM call").publishPercentiles(0.5, 0.99).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
