package io.hotfire.bench.load;

import static io.hotfire.bench.load.LoadBenchmark.RUNS;
import static io.hotfire.bench.load.LoadBenchmark.TRIALS;
import static io.hotfire.bench.load.LoadBenchmark.WORK;
import static io.hotfire.bench.load.LoadBenchmark.clean;
import static io.hotfire.bench.load.LoadBenchmark.median;
import static io.hotfire.bench.load.LoadBenchmark.pgEnv;
import static io.hotfire.bench.load.LoadBenchmark.profile;
import static io.hotfire.bench.load.LoadBenchmark.run;
import static io.hotfire.bench.load.LoadBenchmark.started;

import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.telemetry.Frame;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The {@code limit} phase of the {@link LoadBenchmark}: what the same PostgreSQL takes when the same
 * frames are written with nothing else — the {@code http} phase's runs, clients and batches, each
 * batch one {@code COPY run_frame FROM STDIN} and one durable commit (synchronous_commit on) on the
 * client's own JDBC connection, rows byte for byte as the server stores them (values, dead mask,
 * checksum), no HTTP, no JSON, no rules, no audit, no run row update. Hotfire's HTTP ingest is
 * printed as a ratio of it when {@code http} ran in the same invocation.
 */
final class LimitPhase {

    private LimitPhase() {
    }

    static void limit(String jdbc, double httpMedian) throws Exception {
        int batch = Integer.getInteger("batch", 500);
        int clients = Integer.getInteger("clients", 4);
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "postgres");
        props.setProperty("options", "-c synchronous_commit=on");
        ensureSchema(jdbc, props);
        List<Double> rates = new ArrayList<>();
        for (int trial = -1; trial < TRIALS; trial++) { // trial -1 warms up and is not counted, as in http
            List<UUID> ids = createRuns(jdbc, props);
            // Connections opened before and closed after the CPU snapshots: a backend's CPU leaves the count when it exits.
            List<Connection> connections = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Connection db = DriverManager.getConnection(jdbc, props);
                db.setAutoCommit(false);
                connections.add(db);
            }
            double pg0 = postgresCpu();
            long t0 = System.nanoTime();
            AtomicLong frames = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int c = 0; c < clients; c++) {
                int me = c;
                threads.add(started(() -> {
                    try {
                        Connection db = connections.get(me);
                        CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
                        for (int i = 0; i < run.size(); i += batch) {
                            List<Frame> slice = run.subList(i, Math.min(i + batch, run.size()));
                            for (int r = me; r < ids.size(); r += clients) {
                                byte[] text = copyText(ids.get(r), slice, profile.sensors());
                                frames.addAndGet(copy.copyIn("COPY run_frame (run_id, seq, t, vals, dead, checksum) FROM STDIN",
                                        new ByteArrayInputStream(text)));
                                db.commit();
                            }
                        }
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double pgCpu = postgresCpu() - pg0;
            for (Connection db : connections) {
                db.close();
            }
            double samples = frames.get() * (double) profile.sensors().size();
            double rate = samples / secs;
            if (trial >= 0) {
                rates.add(rate);
            }
            System.out.printf(Locale.ROOT, "  limit trial %d: %d frames (%.0f samples) in %.2f s = %.0f samples/s; PostgreSQL CPU %.2f s per million samples%n",
                    trial, frames.get(), samples, secs, rate, pgCpu / (samples / 1e6));
        }
        double limit = median(rates);
        System.out.printf(Locale.ROOT, "LIMIT: bare JDBC COPY into run_frame (%d runs, %d clients, %d-frame batches, one durable commit per batch, no rules): median %.0f samples/s (%.0f frames/s)%n",
                RUNS, clients, batch, limit, limit / profile.sensors().size());
        if (!Double.isNaN(httpMedian)) {
            System.out.printf(Locale.ROOT, "  Hotfire HTTP ingest / limit = %.0f / %.0f = %.2f (target >= 0.5)%n", httpMedian, limit, httpMedian / limit);
        } else {
            System.out.println("  (run `http limit` in one invocation for Hotfire's ratio to this limit)");
        }
    }

    /** The schema is Flyway's: if no server has migrated this database yet, start one and stop it. */
    private static void ensureSchema(String jdbc, Properties props) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, props);
                ResultSet rs = db.getMetaData().getTables(null, null, "run_frame", null)) {
            if (rs.next()) {
                return;
            }
        }
        Server.start(clean(WORK.resolve("limit-migrate")), pgEnv(jdbc)).close();
    }

    /** RUNS run rows as the server creates them (not timed, as creating runs is not in http's figure). */
    private static List<UUID> createRuns(String jdbc, Properties props) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc, props);
                PreparedStatement st = db.prepareStatement(
                        "insert into run (id, engine, metadata, channels, created_at, frame_count) values (?, 'gg1', '{}', ?, ?, 0)")) {
            for (int r = 0; r < RUNS; r++) {
                UUID id = UUID.randomUUID();
                st.setObject(1, id);
                st.setString(2, String.join(",", profile.sensorIds()));
                st.setObject(3, OffsetDateTime.now());
                st.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    /** The batch as COPY text: the row the server's FrameStore writes (FrameCodec's layout), bytea in hex. */
    static byte[] copyText(UUID runId, List<Frame> frames, List<SensorSpec> sensors) throws Exception {
        StringBuilder b = new StringBuilder(frames.size() * (sensors.size() * 16 + 100));
        HexFormat hex = HexFormat.of();
        for (Frame f : frames) {
            double[] v = f.values();
            ByteBuffer vals = ByteBuffer.allocate(v.length * Double.BYTES);
            byte[] dead = new byte[(v.length + 7) / 8];
            for (int i = 0; i < v.length; i++) {
                vals.putLong(Double.doubleToLongBits(v[i]));
                if (sensors.get(i).isDead(v[i])) {
                    dead[i >>> 3] |= (byte) (1 << (i & 7));
                }
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(Double.BYTES).putLong(Double.doubleToLongBits(f.t())).array());
            sha.update(vals.array());
            long checksum = ByteBuffer.wrap(sha.digest()).getLong();
            b.append(runId).append('\t').append(f.seq()).append('\t').append(f.t())
                    .append("\t\\\\x").append(hex.formatHex(vals.array()))
                    .append("\t\\\\x").append(hex.formatHex(dead))
                    .append('\t').append(checksum).append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double postgresCpu() {
        String data = WORK.resolve("pgdata").toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(data)).orElse(false))
                .findFirst()
                .map(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)
                        + p.descendants().mapToDouble(d -> d.info().totalCpuDuration().map(x -> x.toNanos() / 1e9).orElse(0.0)).sum())
                .orElse(0.0);
    }
}
