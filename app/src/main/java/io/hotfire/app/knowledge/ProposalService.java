package io.hotfire.app.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actor;
import io.hotfire.domain.Hashing;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Proposals: submit (compiled and validated at once), shadow on the archive, rollback (a proposal
 * restoring an earlier version, governed the same way), and what the API reads. Their review —
 * approve (activating the next version) or reject — is {@link ProposalReview}. Each step is one
 * transaction with its audit record.
 */
@ApplicationScoped
public class ProposalService {

    static final String SUBMITTED = "SUBMITTED";
    static final String SHADOWING = "SHADOWING";
    static final String SHADOWED = "SHADOWED";
    static final String SHADOW_FAILED = "SHADOW_FAILED";
    static final String MONITORING = "MONITORING";
    /** Was monitor-only; its version was stopped (or superseded by a newer version). It may still be approved or rejected. */
    static final String MONITOR_STOPPED = "MONITOR_STOPPED";
    static final String APPROVED = "APPROVED";
    static final String ACTIVE = "ACTIVE";
    static final String MONITOR = "MONITOR";
    static final String REJECTED = "REJECTED";
    static final String CHANGE = "CHANGE";
    static final String ROLLBACK = "ROLLBACK";
    static final int REASON_MAX = 2000;

    @Inject
    Session session;

    @Inject
    Engines engines;

    @Inject
    KnowledgeCompiler compiler;

    @Inject
    KnowledgeVersions versions;

    @Inject
    ShadowRunner shadows;

    @Inject
    AuditLog audit;

    @Inject
    ObjectMapper json;

    /** The body of a submission: the new text of each named file, why, and optionally the runs to shadow on. */
    public record Submission(String reason, Map<String, String> files, ShadowRunner.Selection shadow) {
    }

    /**
     * A review's body.
     *
     * @param mode approval only: {@code ACTIVE} (default) or {@code MONITOR} — the version runs beside the
     *             active one on live data, its events kept apart, never alarming; a later approval makes it active
     */
    public record Review(String comment, String mode) {
    }

    /** An event of a monitor-only version. */
    public record MonitorEventView(long id, UUID runId, int version, String ruleSetVersion, double t, String type, String code,
            String severity, String sensor, String message, Instant createdAt) {
    }

    /** A rollback request: why, and optionally the runs to shadow the restored version on. */
    public record RollbackRequest(String reason, ShadowRunner.Selection shadow) {
    }

    /** A proposal as the API shows it; {@code files} and {@code shadowResult} only in the detail. */
    public record ProposalView(UUID id, String domain, String kind, int baseVersion, Integer targetVersion, String author,
            String reason, Instant createdAt, List<String> changedFiles, Map<String, String> files, String contentDigest,
            String ruleSetVersion, String status, Shadow shadow, String reviewer, String reviewComment, Instant reviewedAt,
            Integer activatedVersion) {
    }

    /** Shadow progress and outcome. */
    public record Shadow(Object selection, int total, int done, String digest, String error, Instant started, Instant finished,
            Object result) {
    }

    /** A version of a domain. */
    public record VersionView(int version, UUID proposal, String kind, String mode, List<String> files, String contentDigest,
            String ruleSetVersion, String activatedBy, Instant activatedAt, Instant effectiveAt, Instant endedAt, String endedBy) {
    }

    /**
     * The versions of a domain: the active one in the database, the one this instance runs, and the
     * monitor-only version running beside it (database / this instance; null: none).
     */
    /**
     * A domain's versions; {@code loaded}, {@code loadedRuleSet}, {@code loadedMonitor} and
     * {@code compiledHere} (content digests compiled on this instance, so ready to switch to at
     * effective_at without compiling) describe the instance that answers.
     */
    public record Versions(String domain, int active, int loaded, String loadedRuleSet, Integer monitor, Integer loadedMonitor,
            List<VersionView> versions, List<String> compiledHere) {
    }

    public ProposalView submit(String domain, Submission s, Actor actor) {
        requireDomain(domain);
        String reason = reason(s == null ? null : s.reason());
        if (s.files() == null || s.files().isEmpty()) {
            throw ProblemException.badRequest("invalid-field", "Invalid field", "files: name at least one file with its new text")
                    .with("field", "files");
        }
        for (Map.Entry<String, String> f : s.files().entrySet()) {
            KnowledgeCompiler.checkPath(f.getKey());
            if (f.getValue() == null || f.getValue().length() > KnowledgeCompiler.FILE_MAX) {
                throw ProblemException.badRequest("invalid-field", "Invalid field", "files." + f.getKey()
                        + ": the whole new text of the file is required, at most " + KnowledgeCompiler.FILE_MAX + " characters")
                        .with("field", "files").with("file", f.getKey());
            }
        }
        KnowledgeVersions.Active active = QuarkusTransaction.requiringNew().call(() -> versions.active(domain));
        Map<String, String> merged = new TreeMap<>(active.content());
        merged.putAll(s.files());
        String digest = KnowledgeCompiler.digest(merged);
        if (digest.equals(active.digest())) {
            throw ProblemException.badRequest("no-change", "No change", "the files are those of the active version "
                    + active.versionNo() + " of " + domain).with("field", "files");
        }
        // Compiled and validated, and the shadow's selection checked, before anything is stored: a
        // refusal leaves no trace but the 400.
        requireRuns(domain, s.shadow());
        KnowledgeCompiler.Compiled c = compiler.compile(domain, merged);
        UUID id = UUID.randomUUID();
        ProposalView view = QuarkusTransaction.requiringNew().call(() -> {
            ProposalEntity p = new ProposalEntity();
            p.id = id;
            p.domain = domain;
            p.kind = CHANGE;
            p.baseVersion = active.versionNo();
            p.author = actor.subject();
            p.reason = reason;
            p.createdAt = Instant.now();
            p.files = write(new TreeMap<>(s.files()));
            p.content = write(merged);
            p.contentDigest = digest;
            p.ruleSetVersion = c.engine().ruleSetVersion();
            p.status = SUBMITTED;
            session.persist(p);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("proposal", id);
            payload.put("domain", domain);
            payload.put("baseVersion", active.versionNo());
            payload.put("files", fileDigests(s.files()));
            payload.put("contentDigest", digest);
            payload.put("ruleSetVersion", p.ruleSetVersion);
            payload.put("reason", reason);
            audit.append(actor, AuditEntry.of(KnowledgeActions.SUBMIT, "proposal/" + id,
                    "proposal " + id + " for " + domain + ": " + String.join(", ", s.files().keySet()), payload));
            return view(p, false);
        });
        return s.shadow() == null ? view : shadow(domain, id, s.shadow(), actor);
    }

    /** Refuses a shadow selection that finds no stored run (400 naming the field), before a proposal is stored. */
    private void requireRuns(String domain, ShadowRunner.Selection selection) {
        if (selection != null && QuarkusTransaction.requiringNew().call(() -> shadows.select(domain, selection)).isEmpty()) {
            throw ProblemException.badRequest("no-runs", "No runs selected",
                    "no stored run of " + domain + " with frames matches the selection").with("field", "shadow");
        }
    }

    /** Starts (or runs again) the shadow of a proposal not yet reviewed; 202 with its progress. */
    public ProposalView shadow(String domain, UUID id, ShadowRunner.Selection selection, Actor actor) {
        ShadowRunner.Selection sel = selection == null ? ShadowRunner.Selection.newest(null) : selection;
        List<UUID> runs = QuarkusTransaction.requiringNew().call(() -> {
            ProposalEntity p = find(domain, id, true);
            if (!List.of(SUBMITTED, SHADOWED, SHADOW_FAILED).contains(p.status)) {
                throw ProblemException.conflict("invalid-state", "Proposal not open for a shadow",
                        "proposal " + id + " is " + p.status + "; a shadow runs before review, one at a time").with("status", p.status);
            }
            List<UUID> selected = shadows.select(domain, sel);
            if (selected.isEmpty()) {
                throw ProblemException.badRequest("no-runs", "No runs selected",
                        "no stored run of " + domain + " with frames matches the selection").with("field", "shadow");
            }
            p.status = SHADOWING;
            p.shadowSelection = write(sel);
            p.shadowTotal = selected.size();
            p.shadowDone = 0;
            p.shadowResult = null;
            p.shadowDigest = null;
            p.shadowError = null;
            p.shadowStarted = Instant.now();
            p.shadowFinished = null;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("proposal", id);
            payload.put("runs", selected);
            audit.append(actor, AuditEntry.of(KnowledgeActions.SHADOW_START, "proposal/" + id,
                    "shadow of proposal " + id + " started on " + selected.size() + " run(s)", payload));
            return selected;
        });
        shadows.submit(id, runs);
        return get(domain, id, false);
    }

    /** A rollback: a proposal restoring version {@code target}'s content, reviewed like any other. */
    public ProposalView rollback(String domain, int target, RollbackRequest r, Actor actor) {
        requireDomain(domain);
        String reason = reason(r == null ? null : r.reason());
        KnowledgeVersions.Active[] av = QuarkusTransaction.requiringNew().call(() -> new KnowledgeVersions.Active[] {
            versions.active(domain), versions.version(domain, target).orElse(null)});
        KnowledgeVersions.Active active = av[0];
        KnowledgeVersions.Active to = av[1];
        if (to == null) {
            throw ProblemException.notFound("version of " + domain, String.valueOf(target));
        }
        if (to.digest().equals(active.digest())) {
            throw ProblemException.conflict("no-change", "No change",
                    "version " + target + " has the content of the active version " + active.versionNo());
        }
        ShadowRunner.Selection sel = r.shadow() != null ? r.shadow() : ShadowRunner.Selection.newest(20);
        requireRuns(domain, sel);
        KnowledgeCompiler.Compiled c = compiler.compile(domain, to.content());
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            ProposalEntity p = new ProposalEntity();
            p.id = id;
            p.domain = domain;
            p.kind = ROLLBACK;
            p.baseVersion = active.versionNo();
            p.targetVersion = target;
            p.author = actor.subject();
            p.reason = reason;
            p.createdAt = Instant.now();
            p.files = write(new TreeMap<>(to.content()));
            p.content = write(new TreeMap<>(to.content()));
            p.contentDigest = to.digest();
            p.ruleSetVersion = c.engine().ruleSetVersion();
            p.status = SUBMITTED;
            session.persist(p);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("proposal", id);
            payload.put("domain", domain);
            payload.put("from", active.versionNo());
            payload.put("to", target);
            payload.put("contentDigest", to.digest());
            payload.put("reason", reason);
            audit.append(actor, AuditEntry.of(KnowledgeActions.ROLLBACK, "proposal/" + id,
                    "rollback of " + domain + " from version " + active.versionNo() + " to " + target + " proposed", payload));
        });
        return shadow(domain, id, sel, actor);
    }

    public List<ProposalView> list(String domain, String status) {
        requireDomain(domain);
        return QuarkusTransaction.requiringNew().call(() -> session.createSelectionQuery(
                        "from ProposalEntity p where p.domain = :d" + (status == null ? "" : " and p.status = :s")
                                + " order by p.createdAt desc", ProposalEntity.class)
                .setParameter("d", domain)
                .setProperties(status == null ? Map.of() : Map.of("s", status))
                .setMaxResults(500)
                .getResultList().stream().map(p -> view(p, false)).toList());
    }

    public ProposalView get(String domain, UUID id, boolean detail) {
        return QuarkusTransaction.requiringNew().call(() -> view(find(domain, id, false), detail));
    }

    public Versions versions(String domain) {
        requireDomain(domain);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<VersionView> all = session.createSelectionQuery(
                            "from VersionEntity v where v.domain = :d order by v.versionNo desc", VersionEntity.class)
                    .setParameter("d", domain).getResultList().stream()
                    .map(v -> new VersionView(v.versionNo, v.proposalId, v.kind, v.mode, List.copyOf(versions.read(v.content).keySet()),
                            v.contentDigest, v.ruleSetVersion, v.activatedBy, v.activatedAt, v.effectiveAt, v.endedAt, v.endedBy))
                    .toList();
            KnowledgeVersions.Monitoring here = versions.monitoring(domain);
            return new Versions(domain, versions.active(domain).versionNo(), versions.loadedVersion(domain),
                    engines.engine(domain).ruleSetVersion(), versions.monitor(domain).map(KnowledgeVersions.Active::versionNo).orElse(null),
                    here == null ? null : here.versionNo(), all, compiler.cachedDigests(domain));
        });
    }

    /** What monitor-only versions concluded, oldest first (optionally of one run or version). */
    /**
     * Which monitor-only events to list: of a run, a version, a type, from a run time on; after / before an
     * event id (the previous page's last id); oldest (by id, i.e. as recorded) or newest first; at most limit.
     */
    public record MonitorEventQuery(UUID run, Integer version, String type, Double since, Long after, Long before,
            boolean newestFirst, int limit) {
    }

    public List<MonitorEventView> monitorEvents(String domain, MonitorEventQuery q) {
        requireDomain(domain);
        Map<String, Object> params = new java.util.HashMap<>(Map.of("d", domain));
        StringBuilder hql = new StringBuilder("from MonitorEventEntity e where e.domain = :d");
        java.util.function.BiConsumer<String, Object> where = (clause, value) -> {
            if (value != null) {
                hql.append(" and ").append(clause);
                params.put(clause.substring(clause.indexOf(':') + 1), value);
            }
        };
        where.accept("e.runId = :r", q.run());
        where.accept("e.versionNo = :v", q.version());
        where.accept("e.type = :type", q.type());
        where.accept("e.t >= :since", q.since());
        where.accept("e.id > :after", q.after());
        where.accept("e.id < :before", q.before());
        hql.append(q.newestFirst() ? " order by e.id desc" : " order by e.id");
        return QuarkusTransaction.requiringNew().call(() -> session.createSelectionQuery(hql.toString(), MonitorEventEntity.class)
                .setProperties(params)
                .setMaxResults(q.limit())
                .getResultList().stream()
                .map(e -> new MonitorEventView(e.id, e.runId, e.versionNo, e.ruleSetVersion, e.t, e.type, e.code, e.severity, e.sensor,
                        e.message, e.createdAt))
                .toList());
    }

    ProposalEntity find(String domain, UUID id, boolean lock) {
        ProposalEntity p = lock ? session.find(ProposalEntity.class, id, LockModeType.PESSIMISTIC_WRITE)
                : session.find(ProposalEntity.class, id);
        if (p == null || !p.domain.equals(domain)) {
            throw ProblemException.notFound("proposal", String.valueOf(id));
        }
        return p;
    }

    void requireDomain(String domain) {
        if (domain == null || !engines.ids().contains(domain)) {
            throw ProblemException.notFound("domain", String.valueOf(domain)).with("known", engines.ids());
        }
    }

    static String reason(String reason) {
        String r = reason == null ? "" : reason.trim();
        if (r.isEmpty() || r.length() > REASON_MAX) {
            throw ProblemException.badRequest("invalid-field", "Invalid field",
                    "reason: say why, in 1 to " + REASON_MAX + " characters").with("field", "reason");
        }
        return r;
    }

    private static Map<String, String> fileDigests(Map<String, String> files) {
        Map<String, String> d = new TreeMap<>();
        files.forEach((k, v) -> d.put(k, Hashing.sha256Hex(v)));
        return d;
    }

    static boolean isConstraint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException
                    || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object readTree(String s) {
        try {
            return s == null ? null : json.readValue(s, new TypeReference<Object>() { });
        } catch (JsonProcessingException e) {
            return s;
        }
    }

    ProposalView view(ProposalEntity p, boolean detail) {
        Map<String, String> files = versions.read(p.files);
        Shadow shadow = p.shadowStarted == null ? null : new Shadow(readTree(p.shadowSelection), p.shadowTotal, p.shadowDone,
                p.shadowDigest, p.shadowError, p.shadowStarted, p.shadowFinished, detail ? readTree(p.shadowResult) : null);
        return new ProposalView(p.id, p.domain, p.kind, p.baseVersion, p.targetVersion, p.author, p.reason, p.createdAt,
                List.copyOf(files.keySet()), detail ? files : null, p.contentDigest, p.ruleSetVersion, p.status, shadow, p.reviewer,
                p.reviewComment, p.reviewedAt, p.activatedVersion);
    }
}
