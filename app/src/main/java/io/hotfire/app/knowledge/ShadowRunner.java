package io.hotfire.app.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.exec.NamedExecutors;
import io.hotfire.app.ingest.FrameStore;
import io.hotfire.app.ingest.LiveWork;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunEntity;
import io.hotfire.app.security.Actor;
import io.hotfire.domain.Hashing;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.pipeline.ShadowDiff;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The shadow of a proposal on the archive: every selected stored run is replayed from its frames with
 * the rules the proposal was made against and with the proposal's, and what differs — findings,
 * sensor findings, alarms, aborts and recommendations gained, lost or moved in time — is kept per run
 * ({@link ShadowDiff}, the same comparison as {@code hotfire shadow}).
 *
 * <p>One background worker replays one run at a time, and it yields to live work by construction:
 * before it reads a run's frames, and after every {@value #YIELD_EVERY} frames it replays, it waits
 * until no live ingestion is in flight ({@link LiveWork#awaitIdle}: HTTP batches queued or being
 * committed, Kafka polls being stored). So live ingestion never waits for more than one such chunk
 * of replay (a few milliseconds of CPU), and a shadow started during sustained live ingestion makes
 * its progress in the gaps, or after the live runs end. (Its thread also runs at the lowest Java
 * priority, which Linux ignores without privileges: the waiting is what yields.) Progress is written
 * after every run; the finished result's SHA-256 goes into the audit chain. Metrics:
 * {@code hotfire.knowledge.shadow.yield} (each wait for live work, and how long it took).
 */
@ApplicationScoped
public class ShadowRunner {

    private static final Logger LOG = Logger.getLogger(ShadowRunner.class);
    /** Who the shadow's audit record is by. */
    static final Actor SHADOW = new Actor("system:knowledge-shadow", "knowledge-shadow", "hotfire");
    /** Frames replayed (through one rule set) between two checks for live work. */
    static final int YIELD_EVERY = 50;
    /** What is not a conclusion of the rules: clears, the learned route and its verdicts. */
    static final Set<EventType> NOT_COMPARED = Set.of(EventType.CLEAR, EventType.ROUTE, EventType.ADVICE, EventType.DIAGNOSIS);

    @Inject
    Session session;

    @Inject
    KnowledgeCompiler compiler;

    @Inject
    KnowledgeVersions versions;

    @Inject
    FrameStore frames;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    @Inject
    HotfireConfig config;

    @Inject
    io.hotfire.app.domain.Engines engines;

    @Inject
    TwinEvaluation evaluation;

    @Inject
    LiveWork liveWork;

    private ExecutorService pool;
    private Timer yields;
    /** The shadow worker is waiting for live work to finish right now. */
    private volatile boolean waitingForLive;

    @Inject
    void executors(NamedExecutors executors, MeterRegistry registry) {
        pool = executors.fixed("knowledge-shadow", 1);
        yields = Timer.builder("hotfire.knowledge.shadow.yield")
                .description("waits of the knowledge shadow for live ingestion to finish").register(registry);
    }

    /** Whether the shadow worker is waiting for live ingestion right now (it yields; tests and diagnostics). */
    public boolean waitingForLive() {
        return waitingForLive;
    }

    /**
     * Which archived runs to replay: given ids, else the domain's runs (of a unit, created in a date
     * range, whose stored events hold a FINDING of code {@code finding}), newest first, at most {@code limit}.
     */
    public record Selection(List<UUID> runIds, String unit, Instant from, Instant to, Integer limit, String finding) {

        /** Every run of the domain with frames, newest first, at most {@code limit} (null: the configured maximum). */
        public static Selection newest(Integer limit) {
            return new Selection(null, null, null, null, limit, null);
        }
    }

    /**
     * The finding code of a selection, checked: a code some rule of the domain's active version can
     * conclude, or one a stored run of the domain holds; else 400 naming the field (call inside a transaction).
     */
    private String finding(String domain, Selection s) {
        if (s.finding() == null || s.finding().isBlank()) {
            return null;
        }
        String code = s.finding().trim();
        boolean known = engines.engine(domain).rules().stream().anyMatch(r -> r.faultCodes().contains(code))
                || !session.createSelectionQuery("select e.id from EventEntity e, RunEntity r where e.runId = r.id and r.engine = :d"
                        + " and e.type = 'FINDING' and e.code = :c", Long.class)
                .setParameter("d", domain).setParameter("c", code).setMaxResults(1).getResultList().isEmpty();
        if (!known) {
            throw ProblemException.badRequest("invalid-field", "Invalid field", "finding: '" + code + "' is no finding code of "
                    + domain + " (neither a rule's fault code nor in a stored run)").with("field", "finding");
        }
        return code;
    }

    /** The run ids a selection names, in the domain (call inside a transaction). */
    List<UUID> select(String domain, Selection s) {
        int max = config.knowledge().shadowMaxRuns();
        int limit = s.limit() == null ? max : Math.max(1, Math.min(s.limit(), max));
        StringBuilder q = new StringBuilder("select r.id from RunEntity r where r.engine = :d and r.frameCount > 0");
        if (s.runIds() != null && !s.runIds().isEmpty()) {
            q.append(" and r.id in :ids");
        }
        if (s.unit() != null && !s.unit().isBlank()) {
            q.append(" and r.unitSerial = :unit");
        }
        if (s.from() != null) {
            q.append(" and r.createdAt >= :from");
        }
        if (s.to() != null) {
            q.append(" and r.createdAt < :to");
        }
        String finding = finding(domain, s);
        if (finding != null) {
            q.append(" and exists (select 1 from EventEntity e where e.runId = r.id and e.type = 'FINDING' and e.code = :finding)");
        }
        q.append(" order by r.createdAt desc, r.id");
        var query = session.createSelectionQuery(q.toString(), UUID.class).setParameter("d", domain);
        if (s.runIds() != null && !s.runIds().isEmpty()) {
            query.setParameter("ids", s.runIds());
        }
        if (s.unit() != null && !s.unit().isBlank()) {
            query.setParameter("unit", s.unit().trim());
        }
        if (s.from() != null) {
            query.setParameter("from", s.from());
        }
        if (s.to() != null) {
            query.setParameter("to", s.to());
        }
        if (finding != null) {
            query.setParameter("finding", finding);
        }
        return query.setMaxResults(limit).getResultList();
    }

    /** Starts the shadow of a proposal already marked SHADOWING with its runs (after that transaction committed). */
    void submit(UUID proposalId, List<UUID> runs) {
        pool.submit(() -> {
            Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
            try {
                run(proposalId, runs);
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "shadow of proposal %s failed", proposalId);
                fail(proposalId, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    private void run(UUID proposalId, List<UUID> runs) {
        ProposalEntity p = QuarkusTransaction.requiringNew().call(() -> session.find(ProposalEntity.class, proposalId));
        KnowledgeVersions.Active base = QuarkusTransaction.requiringNew().call(() -> versions.version(p.domain, p.baseVersion))
                .orElseThrow(() -> new IllegalStateException("base version " + p.baseVersion + " of " + p.domain + " is gone"));
        DiagnosisEngine live = compiler.compile(p.domain, base.content(), false).engine();
        DiagnosisEngine candidate = compiler.compile(p.domain, versions.read(p.content), false).engine();
        double tolerance = config.knowledge().shadowTolerance();
        List<Map<String, Object>> perRun = new ArrayList<>();
        int changed = 0;
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("GAINED", 0, "LOST", 0, "MOVED", 0));
        long frameCount = 0;
        for (int i = 0; i < runs.size(); i++) {
            UUID runId = runs.get(i);
            pauseForLive();
            Object[] loaded = QuarkusTransaction.requiringNew().call(() -> {
                RunEntity r = session.find(RunEntity.class, runId);
                return new Object[] {r, r == null ? List.<Frame>of() : frames.upTo(runId, Double.MAX_VALUE)};
            });
            RunEntity r = (RunEntity) loaded[0];
            @SuppressWarnings("unchecked")
            List<Frame> fs = (List<Frame>) loaded[1];
            if (r == null) {
                continue;
            }
            frameCount += fs.size();
            Map<String, Double> a = ShadowDiff.firstTimes(live, runId.toString(), yielding(fs), NOT_COMPARED);
            Map<String, Double> b = ShadowDiff.firstTimes(candidate, runId.toString(), yielding(fs), NOT_COMPARED);
            List<ShadowDiff.Change> changes = ShadowDiff.diff(a, b, tolerance);
            if (!changes.isEmpty()) {
                changed++;
            }
            changes.forEach(c -> counts.merge(c.kind().name(), 1, Integer::sum));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("runId", runId);
            one.put("testId", r.testId);
            one.put("unit", r.unitSerial);
            one.put("createdAt", r.createdAt.toString());
            one.put("frames", fs.size());
            one.put("link", "/console/#/run/" + runId);
            one.put("changes", changes);
            perRun.add(one);
            int done = i + 1;
            QuarkusTransaction.requiringNew().run(() -> session.createMutationQuery(
                            "update ProposalEntity p set p.shadowDone = :done where p.id = :id and p.status = 'SHADOWING'")
                    .setParameter("done", done).setParameter("id", proposalId).executeUpdate());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("domain", p.domain);
        result.put("evaluation", evaluate(p.domain, live, candidate));
        result.put("baseVersion", p.baseVersion);
        result.put("baseRuleSet", live.ruleSetVersion());
        result.put("candidateRuleSet", candidate.ruleSetVersion());
        result.put("contentDigest", p.contentDigest);
        result.put("tolerance", tolerance);
        result.put("runs", runs.size());
        result.put("frames", frameCount);
        result.put("changedRuns", changed);
        result.put("changes", counts);
        result.put("perRun", perRun);
        String text;
        try {
            text = json.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String digest = Hashing.sha256Hex(text);
        int finalChanged = changed;
        QuarkusTransaction.requiringNew().run(() -> {
            int updated = session.createMutationQuery("update ProposalEntity p set p.status = 'SHADOWED', p.shadowResult = :r,"
                            + " p.shadowDigest = :d, p.shadowFinished = :at, p.shadowDone = :done where p.id = :id and p.status = 'SHADOWING'")
                    .setParameter("r", text).setParameter("d", digest).setParameter("at", Instant.now())
                    .setParameter("done", runs.size()).setParameter("id", proposalId).executeUpdate();
            if (updated == 1) {
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("proposal", proposalId);
                payload.put("domain", p.domain);
                payload.put("shadowDigest", digest);
                payload.put("runs", runs.size());
                payload.put("changedRuns", finalChanged);
                payload.put("changes", counts);
                payload.put("baseRuleSet", live.ruleSetVersion());
                payload.put("candidateRuleSet", candidate.ruleSetVersion());
                if (result.get("evaluation") instanceof Map<?, ?> ev && ev.get("before") instanceof Map<?, ?> b
                        && ev.get("after") instanceof Map<?, ?> a) {
                    payload.put("twinMacroF1", java.util.Arrays.asList(b.get("macroF1"), a.get("macroF1")));
                }
                audit.append(SHADOW, AuditEntry.of(KnowledgeActions.SHADOW, "proposal/" + proposalId,
                        "shadow of proposal " + proposalId + " on " + runs.size() + " run(s): " + finalChanged + " changed", payload));
            }
        });
    }

    /**
     * The twin test set's figures under both rule sets (part of the result and so of its digest); a
     * domain without a twin says so, and a failure here is reported in the result, not as a failed shadow.
     */
    private Object evaluate(String domain, DiagnosisEngine live, DiagnosisEngine candidate) {
        pauseForLive();
        try {
            return evaluation.compare(domain, live, candidate, this::yielding)
                    .<Object>map(m -> m).orElse(Map.of("skipped", "domain " + domain + " has no digital twin (twin/)"));
        } catch (RuntimeException e) {
            LOG.warnf(e, "the twin evaluation of %s failed; the shadow result says so", domain);
            return Map.of("error", e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()));
        }
    }

    private void fail(UUID proposalId, String why) {
        try {
            String detail = why.length() > 1900 ? why.substring(0, 1900) : why;
            QuarkusTransaction.requiringNew().run(() -> session.createMutationQuery(
                            "update ProposalEntity p set p.status = 'SHADOW_FAILED', p.shadowError = :e, p.shadowFinished = :at"
                                    + " where p.id = :id and p.status = 'SHADOWING'")
                    .setParameter("e", detail).setParameter("at", Instant.now()).setParameter("id", proposalId).executeUpdate());
        } catch (RuntimeException e) {
            LOG.errorf(e, "recording the failure of the shadow of %s failed", proposalId);
        }
    }

    /** Waits while live ingestion is in flight: the shadow never competes with it for more than one chunk. */
    private void pauseForLive() {
        if (liveWork.inFlight() == 0) {
            return;
        }
        long t0 = System.nanoTime();
        waitingForLive = true;
        try {
            liveWork.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("shadow interrupted (shutdown)", e);
        } finally {
            waitingForLive = false;
            yields.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
        }
    }

    /** The frames, waiting for live ingestion every {@value #YIELD_EVERY}. */
    private Iterable<Frame> yielding(List<Frame> fs) {
        return () -> new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < fs.size();
            }

            @Override
            public Frame next() {
                if (++i % YIELD_EVERY == 0) {
                    pauseForLive();
                }
                return fs.get(i - 1);
            }
        };
    }
}
