package io.hotfire.app.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.app.event.EventEntity;
import io.hotfire.app.event.EventStore;
import io.hotfire.app.ingest.BatchStored;
import io.hotfire.domain.telemetry.Frame;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * In-memory, per-run broadcaster of committed frames and events to the console's live streams.
 *
 * <p>{@link io.hotfire.app.ingest.Ingestion} fires {@link BatchStored} inside its transaction;
 * this observes it only after a successful commit, so a subscriber never sees frames or events
 * that were rolled back. A run's stream gets at most one {@code batch} message per
 * {@value #MIN_SPACING_MS} ms: a commit after a quieter spell goes out at once, while what arrives
 * sooner is coalesced into the next message, so a stand posting many small batches costs the
 * browser at most ten messages a second. Nothing is buffered for runs nobody watches, and
 * nothing survives a restart: a (re)connecting client reads the history from the REST API.
 */
@ApplicationScoped
public class LiveHub {

    static final long MIN_SPACING_MS = 100;
    static final long TICK_MS = 20;
    static final long HEARTBEAT_MS = 15_000;
    private static final Logger LOG = Logger.getLogger(LiveHub.class);

    /** One open stream. {@link #send} returns false once the client has gone. */
    public interface Subscriber {
        boolean send(String name, String json);

        void close();
    }

    private static final class Channel {
        final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
        final List<Frame> frames = new ArrayList<>();
        final List<Object> events = new ArrayList<>();
        volatile long lastSent;
    }

    private record Deadline(Subscriber subscriber, long closeAtMillis) {
    }

    @Inject
    EventStore eventStore;

    @Inject
    ObjectMapper json;

    private final Map<UUID, Channel> channels = new ConcurrentHashMap<>();
    private final List<Deadline> deadlines = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;

    @jakarta.inject.Inject
    io.hotfire.app.exec.NamedExecutors executors;
    private long lastHeartbeat = System.currentTimeMillis();

    @PostConstruct
    void start() {
        ticker = executors.single("live-hub");
        ticker.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent e) {
        ticker.shutdownNow();
        channels.values().forEach(c -> c.subscribers.forEach(Subscriber::close));
    }

    /** Starts sending the run's committed batches to the subscriber; closes it after {@code maxMillis} (null: never). */
    public void subscribe(UUID runId, Subscriber s, Long maxMillis) {
        channels.computeIfAbsent(runId, k -> new Channel()).subscribers.add(s);
        if (maxMillis != null) {
            deadlines.add(new Deadline(s, System.currentTimeMillis() + maxMillis));
        }
    }

    /** Number of open streams of a run. */
    public int subscribers(UUID runId) {
        Channel c = channels.get(runId);
        return c == null ? 0 : c.subscribers.size();
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) BatchStored batch) {
        Channel c = channels.get(batch.runId());
        if (c == null || c.subscribers.isEmpty()) {
            return;
        }
        List<Object> views = new ArrayList<>(batch.events().size());
        for (EventEntity e : batch.events()) {
            views.add(eventStore.view(e));
        }
        synchronized (c) {
            c.frames.addAll(batch.frames());
            c.events.addAll(views);
        }
        if (System.currentTimeMillis() - c.lastSent >= MIN_SPACING_MS) {
            ticker.execute(this::tick);
        }
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            for (Deadline d : deadlines) {
                if (now >= d.closeAtMillis()) {
                    deadlines.remove(d);
                    d.subscriber().close();
                    channels.values().forEach(c -> c.subscribers.remove(d.subscriber()));
                }
            }
            boolean heartbeat = now - lastHeartbeat >= HEARTBEAT_MS;
            if (heartbeat) {
                lastHeartbeat = now;
            }
            for (Map.Entry<UUID, Channel> entry : channels.entrySet()) {
                Channel c = entry.getValue();
                if (c.subscribers.isEmpty()) {
                    channels.remove(entry.getKey(), c);
                    continue;
                }
                if (now - c.lastSent < MIN_SPACING_MS) {
                    continue;
                }
                List<Frame> frames;
                List<Object> events;
                synchronized (c) {
                    frames = new ArrayList<>(c.frames);
                    events = new ArrayList<>(c.events);
                    c.frames.clear();
                    c.events.clear();
                }
                if (frames.isEmpty() && events.isEmpty()) {
                    if (heartbeat) {
                        broadcast(c, "heartbeat", "{\"sentAt\":" + now + "}");
                    }
                    continue;
                }
                c.lastSent = now;
                broadcast(c, "batch", message(frames, events, now));
            }
        } catch (RuntimeException e) {
            LOG.warn("live stream tick failed", e);
        }
    }

    private void broadcast(Channel c, String name, String body) {
        for (Subscriber s : c.subscribers) {
            if (!s.send(name, body)) {
                c.subscribers.remove(s);
            }
        }
    }

    /** {@code {"sentAt", "frames": [[seq, t, v0, v1, ...]] (channel order, null = no reading), "events": [EventView]}}. */
    private String message(List<Frame> frames, List<Object> events, long now) {
        ObjectNode root = json.createObjectNode();
        root.put("sentAt", now);
        ArrayNode rows = root.putArray("frames");
        for (Frame f : frames) {
            ArrayNode row = rows.addArray();
            row.add(f.seq());
            row.add(f.t());
            for (double v : f.values()) {
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    row.addNull();
                } else {
                    row.add(v);
                }
            }
        }
        ArrayNode ev = root.putArray("events");
        events.forEach(e -> ev.add(json.valueToTree(e)));
        return root.toString();
    }
}
