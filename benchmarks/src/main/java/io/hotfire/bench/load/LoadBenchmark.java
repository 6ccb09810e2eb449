package io.hotfire.bench.load;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.TwinDomain;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
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
 *      [startup] [http] [limit] [kafka] [latency] [kafka-latency] [shadow-latency]    (none: all but shadow-latency)
 * </pre>
 * System properties: {@code jar} (app/target/quarkus-app/quarkus-run.jar), {@code domains} (domains),
 * {@code trials} (3), {@code runs} (16), {@code seconds} (latency: 60),
 * {@code archiveRuns} (shadow-latency: 1000), {@code archiveSeconds} (8), {@code pgUrlSuffix} (appended to
 * the JDBC URL), {@code appHeap} (-Xmx of the server, 1g), {@code appJavaOpts} (more server JVM options, e.g. JFR).
 */
public final class LoadBenchmark {

    static final Path WORK = Path.of("benchmarks", "target", "load").toAbsolutePath();
    static final Path JAR = Path.of(System.getProperty("jar", "app/target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
    static final Path DOMAINS = Path.of(System.getProperty("domains", "domains")).toAbsolutePath();
    static final int TRIALS = Integer.getInteger("trials", 3);
    static final int RUNS = Integer.getInteger("runs", 16);
    static final Pattern EVENTS = Pattern.compile("\"events\":(\\d+)");

    static EngineProfile profile;
    static List<Frame> run;

    public static void main(String[] args) throws Exception {
        List<String> what = args.length == 0 ? List.of("startup", "http", "limit", "kafka", "latency", "kafka-latency") : Arrays.asList(args);
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
        if (what.contains("http") || what.contains("limit") || what.contains("kafka") || what.contains("latency") || what.contains("kafka-latency")
                || what.contains("shadow-latency")) {
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(Files.createDirectories(WORK.resolve("pg-bin")).toFile())
                    .setDataDirectory(WORK.resolve("pgdata"))
                    .setCleanDataDirectory(true)
                    // zonky starts PostgreSQL with -F (no fsync) and synchronous_commit=off; a later -c wins, so the
                    // server is durable as in production unless -DpgDurable=false (the figures before 4 Dec 2026 14:40 UTC).
                    .setServerConfig("fsync", Boolean.parseBoolean(System.getProperty("pgDurable", "true")) ? "on" : "off")
                    .setServerConfig("synchronous_commit", Boolean.parseBoolean(System.getProperty("pgDurable", "true")) ? "on" : "off")
                    // pg_xact_commit_timestamp(xmin): when the Kafka phases' rows were committed (LatencyPhases.kafkaLive)
                    .setServerConfig("track_commit_timestamp", "on")
                    .start()) {
                String jdbc = pg.getJdbcUrl("postgres", "postgres") + System.getProperty("pgUrlSuffix", "");
                double http = Double.NaN;
                if (what.contains("http")) {
                    http = httpIngest(pg, jdbc);
                }
                if (what.contains("limit")) {
                    LimitPhase.limit(jdbc, http);
                }
                if (what.contains("kafka")) {
                    kafkaIngest(pg, jdbc);
                }
                if (what.contains("latency")) {
                    LatencyPhases.latency(jdbc);
                }
                if (what.contains("kafka-latency")) {
                    LatencyPhases.kafkaLatency(pg, jdbc);
                }
                if (what.contains("shadow-latency")) {
                    ShadowPhase.shadowLatency(jdbc);
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

    /** @return the median samples/s of the counted trials */
    static double httpIngest(EmbeddedPostgres pg, String jdbc) throws Exception {
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
                ids.add(ServerHttp.createRun(s.port));
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
                            String resp = ServerHttp.post(s.port, "/api/v1/runs/" + ids.get(r) + "/frames", body);
                            frames.addAndGet(ServerHttp.intMember(resp, "accepted"));
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
        return median(rates);
    }

    // ---------------------------------------------------------------------------------------- Kafka ingest

    static void kafkaIngest(EmbeddedPostgres pg, String jdbc) throws Exception {
        int perMessage = Integer.getInteger("perMessage", 50);
        try (Broker broker = Broker.start("bench")) {
            Map<String, String> env = kafkaEnv(broker, jdbc);
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
                    long before = 0; // new runs
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
                    while ((stored = stored(db, ids)) < expected) {
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

    // ---------------------------------------------------------------------------------------- helpers

    static Map<String, String> pgEnv(String jdbc) {
        return Map.of("HOTFIRE_DB_KIND", "postgresql", "HOTFIRE_DB_URL", jdbc,
                "HOTFIRE_DB_USERNAME", "postgres", "HOTFIRE_DB_PASSWORD", "postgres");
    }

    /** Creates the telemetry topic (4 partitions) and its dead-letter topic; the server's environment for them on PostgreSQL. */
    static Map<String, String> kafkaEnv(Broker broker, String jdbc) throws Exception {
        broker.createTopic("hotfire.telemetry", 4);
        broker.createTopic("hotfire.telemetry.dlt", 1);
        Map<String, String> env = new HashMap<>(pgEnv(jdbc));
        env.put("HOTFIRE_KAFKA_ENABLED", "true");
        env.put("HOTFIRE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        return env;
    }

    static long count(Connection db) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select count(*) from run_frame")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Frames stored in these runs: the sum of their run rows' frame_count, which moves in the transaction that
     * stores the frames (a primary-key look-up; a count(*) of run_frame every 100 ms scanned the growing table
     * and took PostgreSQL CPU from the server under test).
     */
    static long stored(Connection db, List<String> runIds) throws Exception {
        try (var st = db.prepareStatement("select coalesce(sum(frame_count), 0) from run where id = any(?::uuid[])")) {
            st.setArray(1, db.createArrayOf("varchar", runIds.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
}
