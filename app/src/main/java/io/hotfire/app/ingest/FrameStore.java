package io.hotfire.app.ingest;

import io.hotfire.app.run.RunEntity;
import io.hotfire.app.run.RunService;
import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * The stored frames of runs ({@code run_frame}): written by ingestion, read back for resend checks,
 * for rebuilding a run's monitor, for the frames API and for why-not. Every method works in the
 * caller's transaction unless it says otherwise.
 */
@ApplicationScoped
public class FrameStore {

    /** Rows per JDBC batch (one multi-row INSERT on PostgreSQL with reWriteBatchedInserts). */
    private static final int BATCH_ROWS = 500;

    private static final String INSERT = "insert into run_frame (run_id, seq, t, vals, dead, checksum) values (?, ?, ?, ?, ?, ?)";

    @Inject
    Session session;

    @Inject
    RunService runs;

    /** A new frame laid out as its {@code run_frame} row ({@link FrameCodec}), not yet written. */
    public record Row(UUID runId, long seq, double t, byte[] vals, byte[] dead, long checksum) {
    }

    /**
     * Lays new frames out as rows, appended to {@code into} for {@link #insert}; returns the SHA-256
     * (hex) over each frame's seq, t and values bytes in seq order (recomputable from run_frame).
     */
    public String encode(UUID runId, List<Frame> fresh, EngineProfile profile, List<Row> into) {
        MessageDigest sha = io.hotfire.domain.Hashing.sha256();
        ByteBuffer head = ByteBuffer.allocate(2 * Long.BYTES);
        for (Frame f : fresh) {
            byte[] vals = FrameCodec.encode(f.values());
            into.add(new Row(runId, f.seq(), f.t(), vals, FrameCodec.deadMask(f.values(), profile.sensors()),
                    FrameCodec.checksum(f.t(), vals)));
            sha.update(head.clear().putLong(f.seq()).putLong(Double.doubleToLongBits(f.t())).array());
            sha.update(vals);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Writes rows in the current transaction with plain JDBC batches on the session's connection: no
     * entity objects, so the persistence context stays small and a flush has no frames to check, and
     * a group commit's frames of all its runs go in one statement. A duplicate key fails the
     * transaction as a flushed entity would (Hibernate's converted {@code ConstraintViolationException}).
     */
    public void insert(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        session.doWork(c -> {
            try (PreparedStatement st = c.prepareStatement(INSERT)) {
                int pending = 0;
                for (Row r : rows) {
                    st.setObject(1, r.runId());
                    st.setLong(2, r.seq());
                    st.setDouble(3, r.t());
                    st.setBytes(4, r.vals());
                    st.setBytes(5, r.dead());
                    st.setLong(6, r.checksum());
                    st.addBatch();
                    if (++pending == BATCH_ROWS) {
                        st.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    st.executeBatch();
                }
            }
        });
    }

    /** The checksums of the run's stored frames with seq in {@code [lo, hi]}, by seq. */
    public Map<Long, Long> checksums(UUID runId, long lo, long hi) {
        Map<Long, Long> stored = new HashMap<>();
        session.createSelectionQuery(
                        "select f.seq, f.checksum from FrameEntity f where f.runId = :run and f.seq between :lo and :hi", Object[].class)
                .setParameter("run", runId)
                .setParameter("lo", lo)
                .setParameter("hi", hi)
                .getResultList()
                .forEach(r -> stored.put((Long) r[0], (Long) r[1]));
        return stored;
    }

    /** Feeds a fresh monitor every stored frame of the run, in seq order, a page at a time. */
    public void replayInto(UUID runId, RunMonitor monitor) {
        long after = -1;
        int page = 2_000;
        while (true) {
            List<Object[]> rows = session.createSelectionQuery(
                            "select f.seq, f.t, f.vals from FrameEntity f where f.runId = :run and f.seq > :after order by f.seq",
                            Object[].class)
                    .setParameter("run", runId)
                    .setParameter("after", after)
                    .setMaxResults(page)
                    .getResultList();
            for (Object[] r : rows) {
                after = (Long) r[0];
                monitor.accept(new Frame(after, (Double) r[1], FrameCodec.decode((byte[]) r[2])));
            }
            if (rows.size() < page) {
                return;
            }
        }
    }

    /** The run's frames up to run time {@code t}, in seq order (what a why-not question replays). */
    public List<Frame> upTo(UUID runId, double t) {
        return session.createSelectionQuery(
                        "from FrameEntity f where f.runId = :run and f.t <= :t order by f.seq", FrameEntity.class)
                .setParameter("run", runId)
                .setParameter("t", t)
                .setReadOnly(true)
                .getResultList()
                .stream()
                .map(f -> new Frame(f.seq, f.t, FrameCodec.decode(f.vals)))
                .toList();
    }

    /** Frames with seq at or above {@code fromSeq}, in seq order, decoded against the run's channel list. */
    @Transactional
    public List<FrameView> list(UUID runId, long fromSeq, int limit) {
        RunEntity run = runs.require(runId);
        List<String> channels = RunService.channels(run);
        return session.createSelectionQuery(
                        "from FrameEntity f where f.runId = :run and f.seq >= :from order by f.seq", FrameEntity.class)
                .setParameter("run", runId)
                .setParameter("from", fromSeq)
                .setMaxResults(limit)
                .setReadOnly(true)
                .getResultList()
                .stream()
                .map(f -> view(f, channels))
                .toList();
    }

    public long count(UUID runId) {
        return session.createSelectionQuery("select count(*) from FrameEntity f where f.runId = :run", Long.class)
                .setParameter("run", runId)
                .getSingleResult();
    }

    private static FrameView view(FrameEntity f, List<String> channels) {
        double[] values = FrameCodec.decode(f.vals);
        Map<String, Double> byId = new LinkedHashMap<>();
        List<String> dead = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            byId.put(channels.get(i), Double.isNaN(values[i]) ? null : values[i]);
            if (FrameCodec.isDead(f.dead, i)) {
                dead.add(channels.get(i));
            }
        }
        return new FrameView(f.seq, f.t, byId, dead);
    }
}
