package io.hotfire.app.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.CanonicalJson;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actors;
import jakarta.transaction.Transactional;
import io.hotfire.app.run.RunService;
import io.hotfire.app.run.RunView;
import io.hotfire.app.ingest.BatchSource;
import io.hotfire.app.ingest.Ingestion;
import io.hotfire.domain.telemetry.Frame;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * Feeds frames into a new run through the normal ingestion path ({@link Ingestion#ingest}) at a
 * chosen speed, as a test stand would: a simulated run of the digital twin or an uploaded CSV. Each
 * feed is one background thread that posts a batch every 0.1 s of run time (÷ speed) on behalf of
 * the user who started it, so the audit log names that user for every batch. Feeds live in memory:
 * a restart ends them (the frames stored so far stay, as with a stand that stops sending).
 */
@ApplicationScoped
public class Feeds {

    static final double BATCH_SECONDS = 0.1;
    static final double MAX_SPEED = 100;
    private static final int KEEP = 100;
    private static final Logger LOG = Logger.getLogger(Feeds.class);

    /**
     * A feed's progress.
     *
     * @param kind  {@code simulation} or {@code replay}
     * @param state {@code running}, {@code done} or {@code failed} (then {@code error} says why)
     */
    public record FeedView(UUID runId, String kind, String engine, String testId, String description, double speed, int totalFrames,
            long sentFrames, Double t, String state, String error, String startedBy, Instant startedAt) {
    }

    private static final class Feed {
        final UUID runId;
        final String kind;
        final String engine;
        final String testId;
        final String description;
        final double speed;
        final int total;
        /** The frames still to send; dropped when the feed ends, so finished feeds kept for the list cost nothing. */
        volatile List<Frame> frames;
        final String startedBy;
        final Instant startedAt = Instant.now();
        volatile long sent;
        volatile Double t;
        volatile String state = "running";
        volatile String error;
        volatile boolean stop;

        Feed(RunView run, String kind, String description, double speed, List<Frame> frames, String startedBy) {
            this.runId = run.id();
            this.kind = kind;
            this.engine = run.engine();
            this.testId = run.testId();
            this.description = description;
            this.speed = speed;
            this.frames = frames;
            this.total = frames.size();
            this.startedBy = startedBy;
        }

        FeedView view() {
            return new FeedView(runId, kind, engine, testId, description, speed, total, sent, t, state, error, startedBy, startedAt);
        }
    }

    @Inject
    Ingestion ingestion;

    @Inject
    io.hotfire.app.ingest.LiveWork live;

    @Inject
    RunService runs;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    AuditLog audit;

    @Inject
    Actors actors;

    private final Map<UUID, Feed> feeds = new ConcurrentHashMap<>();
    private ExecutorService pool;

    @Inject
    void executors(io.hotfire.app.exec.NamedExecutors executors) {
        pool = executors.perTask("feed");
    }

    void stop(@Observes ShutdownEvent e) {
        feeds.values().forEach(f -> f.stop = true);
        pool.shutdownNow();
    }

    /** Creates the run (audited as run.create by the caller) and starts feeding it. */
    public FeedView start(String engine, String testId, ObjectNode metadata, String kind, String description, double speed,
            List<Frame> frames) {
        if (!(speed > 0) || speed > MAX_SPEED) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "speed must lie in (0, " + MAX_SPEED + "], got " + speed)
                    .with("field", "speed");
        }
        if (frames.isEmpty()) {
            throw ProblemException.badRequest("no-frames", "No frames", "nothing to feed: the run has no frames").with("field", "body");
        }
        SecurityIdentity identity = identities.getIdentity();
        metadata.put("source", "hotfire-console-" + kind);
        metadata.put("speed", speed);
        RunView run = runs.create(engine, testId, metadata);
        Feed feed = new Feed(run, kind, description, speed, List.copyOf(frames), Actors.of(identity).display());
        feeds.put(run.id(), feed);
        prune();
        pool.submit(() -> feed(feed, identity));
        return feed.view();
    }

    public List<FeedView> list() {
        return feeds.values().stream().sorted(Comparator.comparing((Feed f) -> f.startedAt).reversed()).map(Feed::view).toList();
    }

    /** Stops a running feed after its current batch (audited as feed.stop); false if none is running for the run. */
    @Transactional
    public boolean stop(UUID runId) {
        Feed f = feeds.get(runId);
        if (f == null || !"running".equals(f.state)) {
            return false;
        }
        f.stop = true;
        audit.append(actors.current(), AuditEntry.of("feed.stop", "run/" + runId,
                f.kind + " feed of run " + runId + " stopped after " + f.sent + " of " + f.total + " frames",
                CanonicalJson.map("kind", f.kind, "sentFrames", f.sent, "totalFrames", f.total, "startedBy", f.startedBy)).run(runId));
        return true;
    }

    private void prune() {
        if (feeds.size() <= KEEP) {
            return;
        }
        feeds.values().stream().filter(f -> !"running".equals(f.state)).sorted(Comparator.comparing((Feed f) -> f.startedAt))
                .limit(feeds.size() - KEEP).forEach(f -> feeds.remove(f.runId));
    }

    private void feed(Feed feed, SecurityIdentity identity) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            identities.setIdentity(identity);
            List<Frame> frames = feed.frames;
            double t0 = frames.get(0).t();
            double period = frames.size() > 1 ? Math.max(0, frames.get(1).t() - t0) : 0;
            long start = System.nanoTime();
            int from = 0;
            while (from < frames.size() && !feed.stop) {
                double batchEnd = frames.get(from).t() + BATCH_SECONDS - 1e-9;
                int to = from + 1;
                while (to < frames.size() && frames.get(to).t() < batchEnd) {
                    to++;
                }
                // A batch leaves when its last sample has happened (run time ÷ speed after the feed started).
                double due = (frames.get(to - 1).t() - t0 + period) / feed.speed;
                long wait = start + (long) (due * 1e9) - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                List<Frame> batch = new ArrayList<>(frames.subList(from, to));
                try (io.hotfire.app.ingest.LiveWork.Token inFlight = live.begin()) {
                    ingestion.ingest(feed.runId, batch, false, new BatchSource(feed.kind, 0, null));
                }
                feed.sent += batch.size();
                feed.t = batch.get(batch.size() - 1).t();
                from = to;
            }
            feed.state = feed.stop && from < frames.size() ? "stopped" : "done";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            feed.state = "stopped";
        } catch (RuntimeException e) {
            LOG.warnf(e, "feed of run %s failed", feed.runId);
            feed.state = "failed";
            feed.error = e.getMessage();
        } finally {
            feed.frames = List.of();
            request.terminate();
        }
    }
}
