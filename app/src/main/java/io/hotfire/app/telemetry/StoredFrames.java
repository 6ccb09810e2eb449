package io.hotfire.app.telemetry;

import io.hotfire.app.run.RunEntity;
import io.hotfire.app.run.RunService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/** Reads stored frames back, decoded against the run's channel list. */
@ApplicationScoped
public class StoredFrames {

    @Inject
    Session session;

    @Inject
    RunService runs;

    /** Frames with seq at or above {@code fromSeq}, in seq order. */
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
