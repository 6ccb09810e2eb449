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

    /** Frames per flush: the JDBC batch size (quarkus.hibernate-orm.*.jdbc.statement-batch-size), keeping the session small. */
    private static final int FLUSH_EVERY = 500;

    @Inject
    Session session;

    @Inject
    RunService runs;

    /**
     * Inserts new frames in JDBC batches, keeping the session small; returns the SHA-256 (hex) over
     * each stored frame's seq, t and values bytes in seq order (recomputable from run_frame).
     */
    public String store(UUID runId, List<Frame> fresh, EngineProfile profile) {
        MessageDigest sha = io.hotfire.domain.Hashing.sha256();
        ByteBuffer head = ByteBuffer.allocate(2 * Long.BYTES);
        int written = 0;
        for (Frame f : fresh) {
            FrameEntity row = new FrameEntity();
            row.runId = runId;
            row.seq = f.seq();
            row.t = f.t();
            row.vals = FrameCodec.encode(f.values());
            row.dead = FrameCodec.deadMask(f.values(), profile.sensors());
            row.checksum = FrameCodec.checksum(f.t(), row.vals);
            sha.update(head.clear().putLong(f.seq()).putLong(Double.doubleToLongBits(f.t())).array());
            sha.update(row.vals);
            session.persist(row);
            if (++written % FLUSH_EVERY == 0) {
                session.flush();
                session.clear();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
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
