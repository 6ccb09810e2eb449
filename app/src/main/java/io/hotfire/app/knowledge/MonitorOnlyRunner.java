package io.hotfire.app.knowledge;

import io.hotfire.app.exec.NamedExecutors;
import io.hotfire.app.ingest.BatchStored;
import io.hotfire.app.ingest.FrameStore;
import io.hotfire.app.persistence.AfterCommit;
import io.hotfire.app.run.RunEntity;
import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.telemetry.Frame;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Monitor-only versions on live data (the staged rollout of the SSME health management system): after
 * each stored batch, on one background thread, the batch's frames are fed to the run's monitor on the
 * domain's monitor-only rules, and what they conclude is stored in {@code knowledge_monitor_event} —
 * never in the run's events, never through the alarm tracker, so it never raises an alarm and never
 * delays the batch (it runs after the commit). A run's monitor-only state is rebuilt from its stored
 * frames when it is new to this instance (bounded: the least recently fed of {@value #MAX_RUNS} runs
 * is dropped first).
 */
@ApplicationScoped
public class MonitorOnlyRunner {

    private static final Logger LOG = Logger.getLogger(MonitorOnlyRunner.class);
    static final int MAX_RUNS = 64;

    @Inject
    Session session;

    @Inject
    KnowledgeVersions versions;

    @Inject
    AfterCommit afterCommit;

    @Inject
    FrameStore frames;

    private ExecutorService pool;

    /** Per run: the monitor-only version it runs, its monitor and the last seq fed. Used on the pool's thread only. */
    private record State(int versionNo, RunMonitor monitor, long lastSeq) {
    }

    private final Map<UUID, State> states = new LinkedHashMap<>(16, 0.75f, true);

    @Inject
    void executors(NamedExecutors executors) {
        pool = executors.fixed("knowledge-monitor", 1);
    }

    /**
     * Fired inside the ingest transaction: with no monitor-only version (the usual case) nothing is
     * registered, so a live batch pays no after-commit hook for it; otherwise the batch is diagnosed
     * once the transaction has committed.
     */
    void stored(@Observes BatchStored batch) {
        if (!versions.anyMonitoring() || batch.frames().isEmpty()) {
            return;
        }
        List<Frame> fresh = List.copyOf(batch.frames());
        afterCommit.run(() -> pool.submit(() -> {
            try {
                feed(batch.runId(), fresh);
            } catch (RuntimeException e) {
                LOG.warnf(e, "monitor-only diagnosis of run %s failed for this batch; its state is rebuilt with the next", batch.runId());
                State s = states.remove(batch.runId());
                if (s != null) {
                    s.monitor().close();
                }
            }
        }));
    }

    private void feed(UUID runId, List<Frame> fresh) {
        String domain = QuarkusTransaction.requiringNew().call(() -> {
            RunEntity r = session.find(RunEntity.class, runId);
            return r == null ? null : r.engine;
        });
        KnowledgeVersions.Monitoring m = domain == null ? null : versions.monitoring(domain);
        State s = states.get(runId);
        if (m == null) {
            if (s != null) {
                states.remove(runId).monitor().close();
            }
            return;
        }
        long first = fresh.get(0).seq();
        if (s == null || s.versionNo() != m.versionNo() || s.lastSeq() >= first) {
            if (s != null) {
                s.monitor().close();
            }
            RunMonitor monitor = m.engine().open(runId.toString());
            double firstT = fresh.get(0).t();
            List<Frame> before = QuarkusTransaction.requiringNew().call(() -> frames.upTo(runId, firstT));
            for (Frame f : before) {
                if (f.seq() < first) {
                    monitor.accept(f); // the run so far: state only, its conclusions were made (or not) before this version ran
                }
            }
            s = new State(m.versionNo(), monitor, first - 1);
        }
        List<Event> concluded = new ArrayList<>();
        for (Frame f : fresh) {
            concluded.addAll(s.monitor().accept(f));
        }
        states.put(runId, new State(s.versionNo(), s.monitor(), fresh.get(fresh.size() - 1).seq()));
        while (states.size() > MAX_RUNS) {
            UUID eldest = states.keySet().iterator().next();
            states.remove(eldest).monitor().close();
        }
        if (concluded.isEmpty()) {
            return;
        }
        String version = s.monitor().ruleSetVersion();
        int versionNo = s.versionNo();
        QuarkusTransaction.requiringNew().run(() -> {
            Instant now = Instant.now();
            for (Event e : concluded) {
                MonitorEventEntity row = new MonitorEventEntity();
                row.runId = runId;
                row.domain = domain;
                row.versionNo = versionNo;
                row.ruleSetVersion = version;
                row.t = e.t();
                row.type = e.type().name();
                row.code = cut(e.code(), 100);
                row.severity = e.severity().name();
                row.sensor = e.sensor();
                row.message = cut(e.message(), 2000);
                row.createdAt = now;
                session.persist(row);
            }
        });
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
