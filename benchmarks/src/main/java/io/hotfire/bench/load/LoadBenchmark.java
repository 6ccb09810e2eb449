package io.hotfire.bench.load;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.TwinDomain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load benchmarks of the packaged server (docs/benchmarks.md "Load"): start-up time, sustained
 * ingest over HTTP and over Kafka into PostgreSQL (durable: fsync and synchronous commit on),
 * latency with 20 concurrent live 50 Hz runs, resident memory under that load. It starts a real
 * PostgreSQL (zonky binaries) and a real KRaft broker itself and prints figures; it asserts nothing.
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" io.hotfire.bench.load.LoadBenchmark \
 *      [startup] [http] [kafka] [latency]    (none: all four)
 * </pre>
 * System properties: {@code jar} (app/target/quarkus-app/quarkus-run.jar), {@code domains} (domains),
 * {@code trials} (3), {@code runs} (16), {@code seconds} (latency: 60), {@code pgUrlSuffix} (appended to
 * the JDBC URL), {@code appHeap} (-Xmx of the server, 1g), {@code appJavaOpts} (more server JVM options, e.g. JFR).
 */
public final class LoadBenchmark {

    static final Path WORK = Path.of("benchmarks", "target", "load").toAbsolutePath();
    static final Path JAR = Path.of(System.getProperty("jar", "app/target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    static final Path DOMAINS = Path.of(System.getProperty("domains", "domains")).toAbsolutePath();
    static final int TRIALS = Integer.getInteger("trials", 3);
    static final int RUNS = Integer.getInteger("runs", 16);
    static final String INGEST = "Basic " + Base64.getEncoder().encodeToString("ingest:ingest-dev".getBytes(StandardCharsets.UTF_8));
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final Pattern EVENTS = Pattern.compile("\"events\":(\\d+)");

    private static EngineProfile profile;
    private static List<Frame> run;

    public static void main(String[] args) throws Exception {
        List<String> what = args.length == 0 ? List.of("startup", "http", "kafka", "latency", "kafka-latency") : Arrays.asList(args);
        Files.createDirectories(WORK);
        System.out.printf(Locale.ROOT, "load benchmark: %s; %d cores; load average before: %s%n", what,
                Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).strip());
        TwinDomain twin = TwinDomain.load(DOMAINS, "gg1");
        profile = DomainCatalog.load(DOMAINS).require("gg1").profile();
        run = twin.twin().simulate(Scenario.nominal("load", 120, ThrottleProfile.constant(85, 10)), 7).frames();
        System.out.printf(Locale.ROOT, "telemetry: GG-1 twin, %d frames x %d channels per run%n", run.size(), profile.sensors().size());

        if (what.contains("startup")) {
            startup();
        }
        if (what.contains("http") || what.contains("kafka") || what.contains("latency") || what.contains("kafka-latency")) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Files.createDirectories(WORK.resolve("pg-bin")).toFile())
                    .setDataDirectory(WORK.resolve("pgdata"))
                    .setCleanDataDirectory(true)
                    .start()) {
                String jdbc = pg.getJdbcUrl("postgres", "postgres") + System.getProperty("pgUrlSuffix", "");
                if (what.contains("http")) {
                    httpIngest(pg, jdbc);
                }
                if (what.contains("kafka")) {
                    kafkaIngest(pg, jdbc);
                }
                if (what.contains("latency")) {
                    latency(jdbc);
                }
                if (what.contains("kafka-latency")) {
                    kafkaLatency(pg, jdbc);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    // ---------------------------------------------------------------------------------------- start-up

    static void startup() throws Exception {
        List<Double> toListening = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            Path dir = clean(WORK.resolve("startup-" + i));
            Server s = Server.start(dir, Map.of());
            toListening.add(s.startMillis / 1000.0);
            s.close();
        }
        System.out.printf(Locale.ROOT, "START-UP (default: H2 file, local auth, no broker): process spawn -> 'Listening on': median %.2f s, all %s%n",
                median(toListening), toListening);
    }

    // ---------------------------------------------------------------------------------------- HTTP ingest

    static void httpIngest(EmbeddedPostgres pg, String jdbc) throws Exception {
        Server s = Server.start(clean(WORK.resolve("http")), pgEnv(jdbc));
        int batch = Integer.getInteger("batch", 500);
        int clients = Integer.getInteger("clients", 4);
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < run.size(); i += batch) {
            bodies.add(json(run.subList(i, Math.min(i + batch, run.size()))).getBytes(StandardCharsets.UTF_8));
        }
        List<Double> rates = new ArrayList<>();
        RssSampler rss = new RssSampler(s.process.pid());
        for (int trial = -1; trial < TRIALS; trial++) { // trial -1 warms the server's JIT up and is not counted
            List<String> ids = new ArrayList<>();
            for (int r = 0; r < RUNS; r++) {
                ids.add(createRun(s.port));
            }
            Cpu cpu0 = Cpu.of(s);
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            AtomicLong frames = new AtomicLong();
            for (int c = 0; c < clients; c++) {
                int me = c;
                threads.add(started(() -> {
                    for (byte[] body : bodies) {
                        for (int r = me; r < ids.size(); r += clients) {
                            String resp = post(s.port, "/api/v1/runs/" + ids.get(r) + "/frames", body);
                            frames.addAndGet(intMember(resp, "accepted"));
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double rate = frames.get() * profile.sensors().size() / secs;
            if (trial >= 0) {
                rates.add(rate);
            }
            Cpu used = Cpu.of(s).minus(cpu0);
            System.out.printf(Locale.ROOT, "  http trial %d: %d frames (%d samples) in %.2f s = %.0f samples/s; %s%n",
                    trial, frames.get(), frames.get() * profile.sensors().size(), secs, rate,
                    used.per(frames.get() * profile.sensors().size() / 1e6));
        }
        rss.stop();
        System.out.printf(Locale.ROOT, "HTTP INGEST into PostgreSQL (%d runs, %d clients, %d-frame JSON batches): median %.0f samples/s (%.0f frames/s); server RSS max %.0f MB%n",
                RUNS, clients, batch, median(rates), median(rates) / profile.sensors().size(), rss.maxMb());
        s.close();
    }

    // ---------------------------------------------------------------------------------------- Kafka ingest

    static void kafkaIngest(EmbeddedPostgres pg, String jdbc) throws Exception {
        int perMessage = Integer.getInteger("perMessage", 50);
        try (Broker broker = Broker.start("bench")) {
            broker.createTopic("hotfire.telemetry", 4);
            broker.createTopic("hotfire.telemetry.dlt", 1);
            Map<String, String> env = new HashMap<>(pgEnv(jdbc));
            env.put("HOTFIRE_KAFKA_ENABLED", "true");
            env.put("HOTFIRE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            Server s = Server.start(clean(WORK.resolve("kafka")), env);
            RssSampler rss = new RssSampler(s.process.pid());
            List<byte[]> bodies = new ArrayList<>();
            for (int i = 0; i < run.size(); i += perMessage) {
                bodies.add(json(run.subList(i, Math.min(i + perMessage, run.size()))).getBytes(StandardCharsets.UTF_8));
            }
            List<Double> rates = new ArrayList<>();
            java.util.Properties p = new java.util.Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.BATCH_SIZE_CONFIG, 1 << 20);
            p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
                    Connection db = pg.getPostgresDatabase().getConnection()) {
                for (int trial = -1; trial < TRIALS; trial++) { // trial -1 warms up and is not counted
                    long before = count(db);
                    long expected = before + (long) RUNS * run.size();
                    List<String> ids = new ArrayList<>();
                    for (int r = 0; r < RUNS; r++) {
                        ids.add(UUID.randomUUID().toString());
                    }
                    Cpu cpu0 = Cpu.of(s);
                    long t0 = System.nanoTime();
                    for (byte[] body : bodies) {
                        for (String id : ids) {
                            ProducerRecord<String, byte[]> rec = new ProducerRecord<>("hotfire.telemetry", id, body);
                            rec.headers().add("hotfire-engine", "gg1".getBytes(StandardCharsets.UTF_8));
                            producer.send(rec);
                        }
                    }
                    producer.flush();
                    double produced = (System.nanoTime() - t0) / 1e9;
                    long stored;
                    while ((stored = count(db)) < expected) {
                        Thread.sleep(100);
                        if (!s.process.isAlive()) {
                            throw new IllegalStateException("server died; see " + s.dir.resolve("out.log"));
                        }
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    double rate = (stored - before) * (double) profile.sensors().size() / secs;
                    if (trial >= 0) {
                        rates.add(rate);
                    }
                    Cpu used = Cpu.of(s).minus(cpu0);
                    System.out.printf(Locale.ROOT, "  kafka trial %d: %d frames produced in %.2f s, all stored after %.2f s = %.0f samples/s; %s%n",
                            trial, stored - before, produced, secs, rate, used.per((stored - before) * profile.sensors().size() / 1e6));
                }
            }
            rss.stop();
            System.out.printf(Locale.ROOT, "KAFKA INGEST into PostgreSQL (%d runs, %d-frame messages, 4 partitions, one instance): median %.0f samples/s (%.0f frames/s); server RSS max %.0f MB%n",
                    RUNS, perMessage, median(rates), median(rates) / profile.sensors().size(), rss.maxMb());
            s.close();
        }
    }

    // ---------------------------------------------------------------------------------------- latency

    static void latency(String jdbc) throws Exception {
        int liveRuns = Integer.getInteger("liveRuns", 20);
        int seconds = Integer.getInteger("seconds", 60);
        Server s = Server.start(clean(WORK.resolve("latency")), pgEnv(jdbc));
        List<Frame> frames = liveFrames(seconds);
        List<byte[]> bodies = frames.stream().map(f -> json(List.of(f)).getBytes(StandardCharsets.UTF_8)).toList();
        warmUp(s);
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < liveRuns; r++) {
            ids.add(createRun(s.port));
        }
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        RssSampler rss = new RssSampler(s.process.pid());
        CountDownLatch done = new CountDownLatch(liveRuns);
        AtomicBoolean failed = new AtomicBoolean();
        long start = System.nanoTime() + 200_000_000L;
        for (int r = 0; r < liveRuns; r++) {
            String id = ids.get(r);
            long offset = r * 1_000_000L; // spread the runs over the 20 ms period
            started(() -> {
                try {
                    for (int i = 0; i < bodies.size(); i++) {
                        long due = start + offset + i * 20_000_000L;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        long t0 = System.nanoTime();
                        String resp = post(s.port, "/api/v1/runs/" + id + "/frames", bodies.get(i));
                        long t1 = System.nanoTime();
                        samples.add(new long[] {t1 - t0, intMember(resp, "events"), t0 - due});
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
        rss.stop();
        if (failed.get()) {
            throw new IllegalStateException("a live run failed");
        }
        List<Double> all = new ArrayList<>();
        List<Double> withEvents = new ArrayList<>();
        List<Double> late = new ArrayList<>();
        for (long[] x : samples) {
            all.add(x[0] / 1e6);
            late.add(Math.max(0, x[2]) / 1e6);
            if (x[1] > 0) {
                withEvents.add(x[0] / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "LATENCY, %d live runs at 50 Hz over HTTP (one frame per request, PostgreSQL, %d s): %d frames, %d of them concluded events%n",
                liveRuns, seconds, all.size(), withEvents.size());
        System.out.printf(Locale.ROOT, "  frame that concluded an event -> response after its commit: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                pct(withEvents, 50), pct(withEvents, 90), pct(withEvents, 99), pct(withEvents, 100));
        System.out.printf(Locale.ROOT, "  every frame: p50 %.1f ms, p99 %.1f ms; sender behind schedule: p50 %.1f ms, p99 %.1f ms%n",
                pct(all, 50), pct(all, 99), pct(late, 50), pct(late, 99));
        System.out.printf(Locale.ROOT, "  server RSS under this load: median %.0f MB, max %.0f MB%n", rss.medianMb(), rss.maxMb());
        groupCommitMetrics(s.port);
        s.close();
    }

    /** What the server's group committer did (batches per group transaction, refused groups), from /q/metrics. */
    static void groupCommitMetrics(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> m = new java.util.TreeMap<>();
        r.body().lines().filter(l -> l.startsWith("hotfire_ingest_group_")).forEach(l -> {
            int sp = l.lastIndexOf(' ');
            m.put(l.substring(0, sp), l.substring(sp + 1));
        });
        double groups = Double.parseDouble(m.getOrDefault("hotfire_ingest_group_batches_count", "0"));
        double batches = Double.parseDouble(m.getOrDefault("hotfire_ingest_group_batches_sum", "0"));
        double seconds = Double.parseDouble(m.getOrDefault("hotfire_ingest_group_time_seconds_sum", "0"));
        System.out.printf(Locale.ROOT, "  group commit: %.0f groups for %.0f batches (%.1f per group, max %s), %s refused, mean %.1f ms per group%n",
                groups, batches, groups == 0 ? 0 : batches / groups, m.getOrDefault("hotfire_ingest_group_batches_max", "-"),
                m.getOrDefault("hotfire_ingest_group_refused_total", "0"), groups == 0 ? 0 : 1000 * seconds / groups);
    }

    /** The twin run with the vibration channel swinging across its warning line every 2 s from 5 s: ALARM and CLEAR events all run long. */
    static List<Frame> liveFrames(int seconds) {
        int vib = profile.sensorIds().indexOf("VIB_RMS");
        List<Frame> frames = new ArrayList<>();
        for (Frame f : run.subList(0, Math.min(run.size(), seconds * 50))) {
            double[] v = f.values().clone();
            if (f.t() > 5) {
                v[vib] = 9 + 3 * Math.sin(Math.PI * f.t());
            }
            frames.add(new Frame(f.seq(), f.t(), v));
        }
        return frames;
    }

    /**
     * 20 live runs at 50 Hz over Kafka, one frame per message. Latency of an event = its stored
     * created_at (taken in the transaction that commits it) minus the send time of the frame that
     * closed its window (seq = t x 50), both on this machine's clock.
     */
    static void kafkaLatency(EmbeddedPostgres pg, String jdbc) throws Exception {
        int liveRuns = Integer.getInteger("liveRuns", 20);
        int seconds = Integer.getInteger("seconds", 60);
        List<Frame> frames = liveFrames(seconds);
        List<byte[]> bodies = frames.stream().map(f -> json(List.of(f)).getBytes(StandardCharsets.UTF_8)).toList();
        try (Broker broker = Broker.start("live")) {
            broker.createTopic("hotfire.telemetry", 4);
            broker.createTopic("hotfire.telemetry.dlt", 1);
            Map<String, String> env = new HashMap<>(pgEnv(jdbc));
            env.put("HOTFIRE_KAFKA_ENABLED", "true");
            env.put("HOTFIRE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            env.put("HOTFIRE_KAFKA_MAX_POLL_RECORDS", System.getProperty("maxPoll", "500"));
            Server s = Server.start(clean(WORK.resolve("kafka-latency")), env);
            warmUp(s);
            RssSampler rss = new RssSampler(s.process.pid());
            java.util.Properties p = new java.util.Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            List<String> ids = new ArrayList<>();
            for (int r = 0; r < liveRuns; r++) {
                ids.add(UUID.randomUUID().toString());
            }
            long[][] sentAt = new long[liveRuns][bodies.size()];
            long behind = 0;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
                long start = System.currentTimeMillis() + 200;
                for (int i = 0; i < bodies.size(); i++) {
                    long due = start + i * 20L;
                    long wait = due - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    } else {
                        behind = Math.max(behind, -wait);
                    }
                    for (int r = 0; r < liveRuns; r++) {
                        ProducerRecord<String, byte[]> rec = new ProducerRecord<>("hotfire.telemetry", ids.get(r), bodies.get(i));
                        rec.headers().add("hotfire-engine", "gg1".getBytes(StandardCharsets.UTF_8));
                        sentAt[r][i] = System.currentTimeMillis();
                        producer.send(rec);
                    }
                }
                producer.flush();
            }
            long expected = (long) liveRuns * bodies.size();
            List<Double> latencies = new ArrayList<>();
            try (Connection db = pg.getPostgresDatabase().getConnection()) {
                long deadline = System.currentTimeMillis() + 300_000;
                while (count(db) < expected && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                for (int r = 0; r < liveRuns; r++) {
                    try (var st = db.prepareStatement("select t, created_at from run_event where run_id = ?::uuid")) {
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
            }
            rss.stop();
            System.out.printf(Locale.ROOT, "KAFKA LATENCY, %d live runs at 50 Hz, one frame per message (%d s, PostgreSQL, one instance): %d events%n",
                    liveRuns, seconds, latencies.size());
            System.out.printf(Locale.ROOT, "  frame that closed the window (sent) -> event stored: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; producer at most %d ms behind schedule%n",
                    pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), pct(latencies, 100), behind);
            System.out.printf(Locale.ROOT, "  server RSS under this load: median %.0f MB, max %.0f MB%n", rss.medianMb(), rss.maxMb());
            s.close();
        }
    }

    /** Warms the server's JIT (Drools, Hibernate, JSON) up with 4 runs of bulk ingest over HTTP before a latency measurement. */
    static void warmUp(Server s) {
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < run.size(); i += 500) {
            bodies.add(json(run.subList(i, Math.min(i + 500, run.size()))).getBytes(StandardCharsets.UTF_8));
        }
        for (int r = 0; r < 4; r++) {
            String id = createRun(s.port);
            bodies.forEach(b -> post(s.port, "/api/v1/runs/" + id + "/frames", b));
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    static Map<String, String> pgEnv(String jdbc) {
        return Map.of("HOTFIRE_DB_KIND", "postgresql", "HOTFIRE_DB_URL", jdbc,
                "HOTFIRE_DB_USERNAME", "postgres", "HOTFIRE_DB_PASSWORD", "postgres");
    }

    static long count(Connection db) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select count(*) from run_frame")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String createRun(int port) {
        String resp = send(port, "/api/v1/runs", "{\"engine\":\"gg1\",\"testId\":\"LOAD\"}".getBytes(StandardCharsets.UTF_8), 201);
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(resp);
        if (!m.find()) {
            throw new IllegalStateException(resp);
        }
        return m.group(1);
    }

    static String post(int port, String path, byte[] body) {
        return send(port, path, body, 200);
    }

    static String send(int port, String path, byte[] body, int status) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json").header("Authorization", INGEST)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != status) {
                throw new IllegalStateException(path + " -> " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int intMember(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    static String json(List<Frame> frames) {
        StringBuilder b = new StringBuilder(frames.size() * 700).append("{\"frames\":[");
        List<String> ids = profile.sensorIds();
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            b.append(i == 0 ? "" : ",").append("{\"seq\":").append(f.seq()).append(",\"t\":").append(f.t()).append(",\"values\":{");
            for (int s = 0; s < ids.size(); s++) {
                double v = f.values()[s];
                b.append(s == 0 ? "" : ",").append('"').append(ids.get(s)).append("\":").append(Double.isNaN(v) ? "null" : Double.toString(v));
            }
            b.append("}}");
        }
        return b.append("]}").toString();
    }

    /** CPU seconds used so far by a process and its descendants (Linux /proc via ProcessHandle). */
    static double cpu(ProcessHandle p) {
        double total = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        return total + p.descendants().mapToDouble(d -> d.info().totalCpuDuration().map(x -> x.toNanos() / 1e9).orElse(0.0)).sum();
    }

    /** The PostgreSQL postmaster of the benchmark's data directory (its backends are its children). */
    static ProcessHandle postmaster() {
        String data = WORK.resolve("pgdata").toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(data)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no postmaster for " + data));
    }

    /** CPU seconds of server, PostgreSQL and this harness between two snapshots. */
    record Cpu(double server, double postgres, double harness) {
        static Cpu of(Server s) {
            double self = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            return new Cpu(cpu(s.process.toHandle()), cpu(postmaster()), self);
        }

        Cpu minus(Cpu o) {
            return new Cpu(server - o.server, postgres - o.postgres, harness - o.harness);
        }

        String per(double millionSamples) {
            return String.format(Locale.ROOT, "CPU per million samples: server %.2f s, PostgreSQL %.2f s, load generator %.2f s",
                    server / millionSamples, postgres / millionSamples, harness / millionSamples);
        }
    }

    static Thread started(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static double median(List<Double> xs) {
        return pct(xs, 50);
    }

    static double pct(List<Double> xs, double p) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    static Path clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    /** The packaged server as a child process; start-up time is spawn to "Listening on". */
    static final class Server implements AutoCloseable {
        final Process process;
        final int port;
        final Path dir;
        final long startMillis;

        private Server(Process process, int port, Path dir, long startMillis) {
            this.process = process;
            this.port = port;
            this.dir = dir;
            this.startMillis = startMillis;
        }

        static Server start(Path dir, Map<String, String> env) throws Exception {
            int port = Broker.freePort();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + System.getProperty("appHeap", "1g"), "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp"))));
            String extra = System.getProperty("appJavaOpts", "");
            if (!extra.isBlank()) {
                // e.g. -DappJavaOpts=-XX:StartFlightRecording=filename=app.jfr,settings=profile to profile the server
                cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-jar", JAR.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("out.log").toFile());
            pb.environment().put("HOTFIRE_DOMAINS_DIR", DOMAINS.toString());
            pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            Path log = dir.resolve("out.log");
            while (true) {
                String out = Files.exists(log) ? Files.readString(log) : "";
                if (out.contains("Listening on")) {
                    return new Server(p, port, dir, (System.nanoTime() - t0) / 1_000_000);
                }
                if (!p.isAlive() || out.contains("Failed to start")) {
                    throw new IllegalStateException("server did not start:\n" + out);
                }
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** VmRSS of a process every 250 ms. */
    static final class RssSampler {
        private final List<Double> mb = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;

        RssSampler(long pid) {
            thread = started(() -> {
                Path status = Path.of("/proc", Long.toString(pid), "status");
                while (!stop.get()) {
                    try {
                        for (String line : Files.readAllLines(status)) {
                            if (line.startsWith("VmRSS:")) {
                                mb.add(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                            }
                        }
                        Thread.sleep(250);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException {
            stop.set(true);
            thread.join();
        }

        double maxMb() {
            return mb.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        double medianMb() {
            return median(new ArrayList<>(mb));
        }
    }
}
