package io.hotfire.bench.load;

import static io.hotfire.bench.load.LoadBenchmark.WORK;
import static io.hotfire.bench.load.LoadBenchmark.clean;
import static io.hotfire.bench.load.LoadBenchmark.json;
import static io.hotfire.bench.load.LoadBenchmark.kafkaEnv;
import static io.hotfire.bench.load.LoadBenchmark.pct;
import static io.hotfire.bench.load.LoadBenchmark.pgEnv;
import static io.hotfire.bench.load.LoadBenchmark.started;

import io.hotfire.domain.telemetry.Frame;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The latency phases of the {@link LoadBenchmark}: 20 live 50 Hz runs over HTTP (one frame per
 * request) and over Kafka (one frame per message), each measured from the frame that closes a
 * window to its committed response (HTTP) or its batch's and its events' commit (Kafka), with the
 * server's memory and group commits.
 */
final class LatencyPhases {

    private LatencyPhases() {
    }

    /**
     * Seconds of the same live load run first and not counted ({@code -DwarmSeconds}, default 30): the
     * bulk warm-up does not take the one-frame-per-request path, and on two cores the JIT compiling that
     * path took ~40 % of the server's CPU during the first live minute (async-profiler, 4 Dec 2026).
     * 0 measures the cold server, as before that date.
     */
    static int warmSeconds() {
        return Integer.getInteger("warmSeconds", 30);
    }

    static void latency(String jdbc) throws Exception {
        int liveRuns = Integer.getInteger("liveRuns", 20);
        int seconds = Integer.getInteger("seconds", 60);
        int trials = Integer.getInteger("liveTrials", 3);
        Server s = Server.start(clean(WORK.resolve("latency")), pgEnv(jdbc));
        warmUp(s);
        if (warmSeconds() > 0) {
            Live w = live(s, liveRuns, warmSeconds());
            System.out.printf(Locale.ROOT, "LATENCY warm-up (%d s, not counted): event frames p99 %.1f ms; every frame p50 %.1f ms; senders behind p50 %.1f ms%n",
                    warmSeconds(), w.p99(), w.allP50(), w.lateP50());
        }
        List<Live> results = new ArrayList<>();
        RssSampler rss = new RssSampler(s.process.pid());
        for (int t = 1; t <= trials; t++) {
            Live live = live(s, liveRuns, seconds);
            results.add(live);
            System.out.printf(Locale.ROOT, "LATENCY trial %d of %d, %d live runs at 50 Hz over HTTP (one frame per request, %s client, runs %d ms apart, PostgreSQL, %d s): %d frames, %d of them concluded events%n",
                    t, trials, liveRuns, RAW_CLIENT ? "raw-socket" : "JDK", OFFSET_NANOS / 1_000_000, seconds, live.frames(), live.withEvents());
            System.out.printf(Locale.ROOT, "  frame that concluded an event -> response after its commit: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    live.p50(), live.p90(), live.p99(), live.max());
            System.out.printf(Locale.ROOT, "  frame that closed a window (%d, diagnosed by the rules) -> response after its commit: p50 %.1f ms, p99 %.1f ms%n",
                    live.closing(), live.closingP50(), live.closingP99());
            System.out.printf(Locale.ROOT, "  every frame: p50 %.1f ms, p99 %.1f ms; sender behind schedule: p50 %.1f ms, p99 %.1f ms%n",
                    live.allP50(), live.allP99(), live.lateP50(), live.lateP99());
        }
        rss.stop();
        if (trials > 1) {
            System.out.printf(Locale.ROOT, "LATENCY median of %d trials: event frames p50 %.1f ms, p90 %.1f ms, p99 %.1f ms; window-closing frames p50 %.1f ms, p99 %.1f ms; every frame p50 %.1f ms, p99 %.1f ms; senders behind p50 %.1f ms%n",
                    trials, median(results, Live::p50), median(results, Live::p90), median(results, Live::p99),
                    median(results, Live::closingP50), median(results, Live::closingP99),
                    median(results, Live::allP50), median(results, Live::allP99), median(results, Live::lateP50));
        }
        System.out.printf(Locale.ROOT, "  server RSS under this load: median %.0f MB, max %.0f MB%n", rss.medianMb(), rss.maxMb());
        ServerMetrics.groupCommit(s.port);
        s.close();
    }

    static double median(List<Live> results, java.util.function.ToDoubleFunction<Live> figure) {
        return pct(results.stream().map(figure::applyAsDouble).toList(), 50);
    }

    /**
     * What one live measurement gave: latency (ms) of the requests whose frame concluded an event
     * (p50, p90, p99, max), of every request (p50, p99), how late the senders sent (p50, p99), and of the
     * requests whose frame closed a window (how many, p50, p99): #17's measure, of which the event frames are the
     * heaviest few.
     */
    record Live(int frames, int withEvents, double p50, double p90, double p99, double max, double allP50, double allP99,
            double lateP50, double lateP99, int closing, double closingP50, double closingP99) {
    }

    /**
     * {@code -Dclient=raw}: the live senders use {@link RawHttp} (one kept-alive socket each) instead of the JDK's
     * HTTP client, which costs the shared two cores ~0.25 core at this load.
     */
    static final boolean RAW_CLIENT = "raw".equals(System.getProperty("client", "jdk"));

    /** Start offset between consecutive live runs ({@code -DoffsetMs}, default 1). */
    static final long OFFSET_NANOS = Long.getLong("offsetMs", 1) * 1_000_000L;

    /**
     * {@code liveRuns} new runs, one thread each, one frame per POST every 20 ms (50 Hz) for {@code seconds}:
     * the latency of each request from its send to the response after its commit.
     */
    static Live live(Server s, int liveRuns, int seconds) throws Exception {
        List<Frame> frames = liveFrames(seconds);
        List<byte[]> bodies = frames.stream().map(f -> json(List.of(f)).getBytes(StandardCharsets.UTF_8)).toList();
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < liveRuns; r++) {
            ids.add(ServerHttp.createRun(s.port));
        }
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(liveRuns);
        AtomicBoolean failed = new AtomicBoolean();
        long start = System.nanoTime() + 200_000_000L;
        for (int r = 0; r < liveRuns; r++) {
            String id = ids.get(r);
            // By default the runs start 1 ms apart, so all 20 close their 100 ms windows (and, with the same telemetry,
            // raise their alarms) within one 20 ms frame period: a worst case. -DoffsetMs=5 spreads them over the window.
            long offset = r * OFFSET_NANOS;
            started(() -> {
                try (RawHttp raw = RAW_CLIENT ? new RawHttp(s.port) : null) {
                    String path = "/api/v1/runs/" + id + "/frames";
                    for (int i = 0; i < bodies.size(); i++) {
                        long due = start + offset + i * 20_000_000L;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        long t0 = System.nanoTime();
                        String resp = raw != null ? raw.post(path, bodies.get(i)) : ServerHttp.post(s.port, path, bodies.get(i));
                        long t1 = System.nanoTime();
                        samples.add(new long[] {t1 - t0, ServerHttp.intMember(resp, "events"), t0 - due, closesWindow(i) ? 1 : 0});
                    }
                } catch (Exception e) {
                    failed.set(true);
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        if (failed.get()) {
            throw new IllegalStateException("a live run failed");
        }
        List<Double> all = new ArrayList<>();
        List<Double> withEvents = new ArrayList<>();
        List<Double> late = new ArrayList<>();
        List<Double> closing = new ArrayList<>();
        for (long[] x : samples) {
            all.add(x[0] / 1e6);
            if (x[3] == 1) {
                closing.add(x[0] / 1e6);
            }
            late.add(Math.max(0, x[2]) / 1e6);
            if (x[1] > 0) {
                withEvents.add(x[0] / 1e6);
            }
        }
        return new Live(all.size(), withEvents.size(), pct(withEvents, 50), pct(withEvents, 90), pct(withEvents, 99),
                pct(withEvents, 100), pct(all, 50), pct(all, 99), pct(late, 50), pct(late, 99), closing.size(), pct(closing, 50), pct(closing, 99));
    }

    /**
     * Whether the {@code i}-th frame of a run (from its first, none missing) closes a diagnosis window: the profile's
     * windows are {@code size} frames long and a new one closes every {@code step} frames once the first is full
     * (WindowBuilder), so every window-closing frame is diagnosed by the rules, whether or not it concludes an event.
     */
    static boolean closesWindow(int i) {
        int size = LoadBenchmark.profile.windows().size();
        int step = LoadBenchmark.profile.windows().step();
        return i >= size - 1 && (i - (size - 1)) % step == 0;
    }

    /** The twin run with the vibration channel swinging across its warning line every 2 s from 5 s: ALARM and CLEAR events all run long. */
    static List<Frame> liveFrames(int seconds) {
        return io.hotfire.bench.Runs.vibrationSwinging(LoadBenchmark.run.subList(0, Math.min(LoadBenchmark.run.size(), seconds * 50)),
                LoadBenchmark.profile.sensorIds().indexOf("VIB_RMS"));
    }

    /**
     * 20 live runs at 50 Hz over Kafka, one frame per message, started {@code -DoffsetMs} apart as the HTTP
     * senders are. Two measures from the send of a frame, both on this machine's clock: each event's commit
     * (its frame is the one that closed the window, seq = t x 50), and each window-closing frame's commit (its
     * batch's audit record). There is no response to time: PostgreSQL's commit timestamp stands for it.
     */
    static void kafkaLatency(EmbeddedPostgres pg, String jdbc) throws Exception {
        int liveRuns = Integer.getInteger("liveRuns", 20);
        int seconds = Integer.getInteger("seconds", 60);
        int trials = Integer.getInteger("liveTrials", 3);
        try (Broker broker = Broker.start("live")) {
            Map<String, String> env = kafkaEnv(broker, jdbc);
            env.put("HOTFIRE_KAFKA_MAX_POLL_RECORDS", System.getProperty("maxPoll", "500"));
            Server s = Server.start(clean(WORK.resolve("kafka-latency")), env);
            warmUp(s);
            if (warmSeconds() > 0) {
                KafkaLive w = kafkaLive(broker, pg, liveRuns, warmSeconds());
                System.out.printf(Locale.ROOT, "KAFKA LATENCY warm-up (%d s, not counted): p99 %.1f ms%n", warmSeconds(), pct(w.latencies(), 99));
            }
            RssSampler rss = new RssSampler(s.process.pid());
            List<Double> p50 = new ArrayList<>();
            List<Double> p90 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            List<Double> closingP50 = new ArrayList<>();
            List<Double> closingP99 = new ArrayList<>();
            for (int t = 1; t <= trials; t++) {
                KafkaLive k = kafkaLive(broker, pg, liveRuns, seconds);
                List<Double> latencies = k.latencies();
                p50.add(pct(latencies, 50));
                p90.add(pct(latencies, 90));
                p99.add(pct(latencies, 99));
                closingP50.add(pct(k.closing(), 50));
                closingP99.add(pct(k.closing(), 99));
                System.out.printf(Locale.ROOT, "KAFKA LATENCY trial %d of %d, %d live runs at 50 Hz, one frame per message (%d s, PostgreSQL, one instance): %d events%n",
                        t, trials, liveRuns, seconds, latencies.size());
                System.out.printf(Locale.ROOT, "  frame that concluded an event (sent) -> event committed: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; producer at most %d ms behind schedule%n",
                        pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100), k.behindMillis());
                System.out.printf(Locale.ROOT, "  window-closing frame (sent) -> its batch committed: %d frames, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        k.closing().size(), pct(k.closing(), 50), pct(k.closing(), 99), pct(k.closing(), 100));
                ServerMetrics.kafka(s.port);
            }
            rss.stop();
            if (trials > 1) {
                System.out.printf(Locale.ROOT, "KAFKA LATENCY median of %d trials: event frames p50 %.1f ms, p90 %.1f ms, p99 %.1f ms; window-closing frames p50 %.1f ms, p99 %.1f ms%n",
                        trials, pct(p50, 50), pct(p90, 50), pct(p99, 50), pct(closingP50, 50), pct(closingP99, 50));
            }
            System.out.printf(Locale.ROOT, "  server RSS under this load: median %.0f MB, max %.0f MB%n", rss.medianMb(), rss.maxMb());
            s.close();
        }
    }

    /** One Kafka live measurement: the events' and the window-closing frames' latencies (ms), and how far the producer fell behind its schedule. */
    record KafkaLive(List<Double> latencies, List<Double> closing, long behindMillis) {
    }

    /**
     * {@code liveRuns} new runs produced at 50 Hz for {@code seconds}, one frame per message; waits
     * until every frame is stored, then reads each event's latency and each window-closing frame's.
     */
    static KafkaLive kafkaLive(Broker broker, EmbeddedPostgres pg, int liveRuns, int seconds) throws Exception {
        List<Frame> frames = liveFrames(seconds);
        List<byte[]> bodies = frames.stream().map(f -> json(List.of(f)).getBytes(StandardCharsets.UTF_8)).toList();
        java.util.Properties p = new java.util.Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < liveRuns; r++) {
            ids.add(UUID.randomUUID().toString());
        }
        long[][] sentAt = new long[liveRuns][bodies.size()];
        long behind = 0;
        try (Connection db = pg.getPostgresDatabase().getConnection()) {
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                // Run r's frame i is due at start + r * offset + i * 20 ms, as the HTTP senders' (-DoffsetMs, default 1):
                // one producer thread sends them in order of their due times.
                long offset = OFFSET_NANOS / 1_000_000L;
                long[] due = new long[liveRuns * bodies.size()];
                for (int r = 0; r < liveRuns; r++) {
                    for (int i = 0; i < bodies.size(); i++) {
                        due[r * bodies.size() + i] = r * offset + i * 20L;
                    }
                }
                Integer[] order = new Integer[due.length];
                Arrays.setAll(order, j -> j);
                Arrays.sort(order, Comparator.comparingLong((Integer j) -> due[j]).thenComparingInt(j -> j));
                long start = System.currentTimeMillis() + 200;
                for (int j : order) {
                    int r = j / bodies.size();
                    int i = j % bodies.size();
                    long wait = start + due[j] - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    } else {
                        behind = Math.max(behind, -wait);
                    }
                    ProducerRecord<String, byte[]> rec = new ProducerRecord<>("hotfire.telemetry", ids.get(r), bodies.get(i));
                    rec.headers().add("hotfire-engine", "gg1".getBytes(StandardCharsets.UTF_8));
                    sentAt[r][i] = System.currentTimeMillis();
                    producer.send(rec);
                }
                producer.flush();
            }
            long expected = (long) liveRuns * bodies.size();
            List<Double> latencies = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 300_000;
            while (LoadBenchmark.stored(db, ids) < expected && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            for (int r = 0; r < liveRuns; r++) {
                try (var st = db.prepareStatement("select t, pg_xact_commit_timestamp(xmin) from run_event where run_id = ?::uuid")) {
                    st.setString(1, ids.get(r));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            int seq = (int) Math.round(rs.getDouble(1) * 50);
                            long created = rs.getTimestamp(2).getTime();
                            if (seq >= 0 && seq < bodies.size()) {
                                latencies.add((double) (created - sentAt[r][seq]));
                            }
                        }
                    }
                }
            }
            // The window-closing frames: the commit of each one's batch (its audit record's transaction) against the
            // frame's send time. A commit timestamp is taken as the commit record is written, before its WAL flush.
            List<Double> closing = new ArrayList<>();
            for (int r = 0; r < liveRuns; r++) {
                try (var st = db.prepareStatement("select payload::jsonb ->> 'firstSeq', payload::jsonb ->> 'lastSeq', pg_xact_commit_timestamp(xmin) from audit_record"
                        + " where run_id = ?::uuid and action = 'ingest.batch'")) {
                    st.setString(1, ids.get(r));
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            if (rs.getString(1) == null) {
                                continue; // a resend: nothing stored
                            }
                            long recorded = rs.getTimestamp(3).getTime();
                            for (long seq = Long.parseLong(rs.getString(1)); seq <= Long.parseLong(rs.getString(2)); seq++) {
                                if (seq < bodies.size() && closesWindow((int) seq)) {
                                    closing.add((double) (recorded - sentAt[r][(int) seq]));
                                }
                            }
                        }
                    }
                }
            }
            return new KafkaLive(latencies, closing, behind);
        }
    }

    /** Warms the server's JIT (Drools, Hibernate, JSON) up with 4 runs of bulk ingest over HTTP before a latency measurement. */
    static void warmUp(Server s) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < LoadBenchmark.run.size(); i += 500) {
            bodies.add(json(LoadBenchmark.run.subList(i, Math.min(i + 500, LoadBenchmark.run.size()))).getBytes(StandardCharsets.UTF_8));
        }
        for (int r = 0; r < 4; r++) {
            String id = ServerHttp.createRun(s.port);
            bodies.forEach(b -> ServerHttp.post(s.port, "/api/v1/runs/" + id + "/frames", b));
        }
    }
}
