package io.hotfire.app.ingest;

import io.hotfire.app.config.HotfireConfig;
import io.hotfire.domain.diagnosis.RunMonitor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The in-memory diagnosis state of recently fed runs, bounded by {@code hotfire.monitors.max-active}
 * (least recently fed dropped first; a dropped run is rebuilt from its stored frames when fed again).
 *
 * <p>A monitor is <em>taken out</em> for the length of one ingest transaction and put back only
 * if that transaction commits, so a monitor is never used by two threads, never evicted while in
 * use, and never kept after it consumed frames that were rolled back.
 */
@ApplicationScoped
public class RunMonitors implements io.hotfire.app.ops.ActiveMonitors {

    private static final Logger LOG = Logger.getLogger(RunMonitors.class);

    /** A monitor and the seq of the last frame it consumed (null: none yet). */
    public record Held(RunMonitor monitor, Long lastSeq) {
    }

    private int maxActive;
    private final Map<UUID, Held> idle = new LinkedHashMap<>(16, 0.75f, true);

    @Inject
    public RunMonitors(HotfireConfig config) {
        this(config.monitors().maxActive());
    }

    RunMonitors(int maxActive) {
        this.maxActive = Math.max(maxActive, 0);
    }

    /** Removes and returns the idle monitor of a run, or null. */
    public synchronized Held take(UUID runId) {
        return idle.remove(runId);
    }

    /** Keeps a monitor for the next batch of its run, dropping the least recently fed beyond the bound. */
    public void putBack(UUID runId, Held held) {
        List<RunMonitor> evicted = new ArrayList<>();
        synchronized (this) {
            Held previous = idle.put(runId, held);
            if (previous != null && previous.monitor() != held.monitor()) {
                evicted.add(previous.monitor());
            }
            Iterator<Map.Entry<UUID, Held>> it = idle.entrySet().iterator();
            while (idle.size() > maxActive && it.hasNext()) {
                evicted.add(it.next().getValue().monitor());
                it.remove();
            }
        }
        evicted.forEach(RunMonitors::close);
    }

    @Override
    public synchronized int size() {
        return idle.size();
    }

    static void close(RunMonitor m) {
        try {
            m.close();
        } catch (RuntimeException e) {
            LOG.warn("closing a run monitor failed", e);
        }
    }

    @PreDestroy
    public synchronized void closeAll() {
        idle.values().forEach(h -> close(h.monitor()));
        idle.clear();
    }
}
