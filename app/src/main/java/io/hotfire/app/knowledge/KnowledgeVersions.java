package io.hotfire.app.knowledge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.exec.NamedExecutors;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * The active knowledge version of every domain, read from {@code knowledge_version} (the highest
 * number; none = version 0, the shipped folder), and this instance's switch to it: every
 * {@code hotfire.knowledge.poll} this instance reads the newest row of each domain and, once its
 * {@code effective_at} has come, compiles its content (or takes it from the cache) and swaps the
 * engine's rules ({@link Engines#replaceRules}). No restart; runs pick the new rules up at their next
 * batch ({@link io.hotfire.app.ingest.RuleSetSwitch}). Instances share nothing but the database: each
 * compiles a new version as soon as it reads it (before its {@code effective_at}; the switch delay
 * leaves time for that) and schedules the swap at {@code effective_at} itself, so instances switch at
 * the same instant of their clocks rather than a poll period apart.
 */
@ApplicationScoped
public class KnowledgeVersions {

    private static final Logger LOG = Logger.getLogger(KnowledgeVersions.class);
    static final TypeReference<TreeMap<String, String>> FILES = new TypeReference<>() {
    };

    @Inject
    Session session;

    @Inject
    Engines engines;

    @Inject
    KnowledgeCompiler compiler;

    @Inject
    ObjectMapper json;

    @Inject
    NamedExecutors executors;

    @Inject
    HotfireConfig config;

    @Inject
    io.hotfire.app.audit.AuditLog audit;

    /** What a domain runs on: version number, content (files replacing the shipped ones) and its digest. */
    public record Active(String domain, int versionNo, Map<String, String> content, String digest, String ruleSetVersion,
            Instant effectiveAt) {
    }

    /** The version this instance runs, per domain (absent: version 0 as loaded at start-up). */
    private final Map<String, Active> loaded = new ConcurrentHashMap<>();
    /** The monitor-only version this instance runs, per domain. */
    private final Map<String, Monitoring> monitoring = new ConcurrentHashMap<>();
    /** Content digests that failed to compile here: not retried every poll. */
    private final Map<String, String> failed = new ConcurrentHashMap<>();
    /** The version whose swap is scheduled, per domain (compiled, waiting for its effective_at). */
    private final Map<String, Integer> scheduled = new ConcurrentHashMap<>();
    /** This instance in the audit records of its switches: pid@host. */
    static final String INSTANCE = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
    /** Swaps rules at the effective instant; never blocked by a poll or a compile. */
    private ScheduledExecutorService switcher;
    /** Compiles proposals whose shadow finished, ahead of their approval, at low priority. */
    private ScheduledExecutorService precompiler;
    /** Content digests handed to the precompiler (bounded: cleared when large). */
    private final Set<String> precompiled = ConcurrentHashMap.newKeySet();

    private volatile boolean stopping;

    void stop(@Observes io.quarkus.runtime.ShutdownEvent ignored) {
        stopping = true;
    }

    void start(@Observes StartupEvent ignored) {
        try {
            poll(true);
        } catch (RuntimeException e) {
            LOG.error("reading the active knowledge versions at start-up failed; the shipped domain folders stay in use", e);
        }
        switcher = executors.single("knowledge-switch");
        precompiler = executors.single("knowledge-precompile");
        long every = Math.max(50, config.knowledge().poll().toMillis());
        executors.single("knowledge-poll").scheduleWithFixedDelay(() -> {
            if (stopping) {
                return;
            }
            try {
                poll(false);
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.warn("polling the knowledge versions failed; trying again", e);
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** The active version of a domain in the database (call inside a transaction). */
    public Active active(String domain) {
        List<VersionEntity> rows = session.createSelectionQuery(
                        "from VersionEntity v where v.domain = :d and v.mode = 'ACTIVE' order by v.versionNo desc", VersionEntity.class)
                .setParameter("d", domain).setMaxResults(1).getResultList();
        if (rows.isEmpty()) {
            return new Active(domain, 0, Map.of(), KnowledgeCompiler.digest(Map.of()), engines.shippedRuleSetVersion(domain),
                    Instant.EPOCH);
        }
        return of(rows.get(0));
    }

    /**
     * The monitor-only version running beside the active one: the newest MONITOR version, newer than
     * the active version and not ended; or empty (call inside a transaction).
     */
    public Optional<Active> monitor(String domain) {
        int active = active(domain).versionNo();
        return session.createSelectionQuery("from VersionEntity v where v.domain = :d and v.mode = 'MONITOR' and v.versionNo > :a"
                        + " and v.endedAt is null order by v.versionNo desc", VersionEntity.class)
                .setParameter("d", domain).setParameter("a", active).setMaxResults(1).getResultList().stream().findFirst().map(this::of);
    }

    /** The number the next version of a domain gets, whatever its mode (call inside a transaction). */
    public int nextNumber(String domain) {
        Integer max = session.createSelectionQuery("select max(v.versionNo) from VersionEntity v where v.domain = :d", Integer.class)
                .setParameter("d", domain).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    /** Whether any domain runs a monitor-only version on this instance. */
    public boolean anyMonitoring() {
        return !monitoring.isEmpty();
    }

    /** The monitor-only engine this instance runs beside a domain's active one, or null. */
    public Monitoring monitoring(String domain) {
        return monitoring.get(domain);
    }

    /** A monitor-only version compiled on this instance. */
    public record Monitoring(int versionNo, io.hotfire.pipeline.DiagnosisEngine engine) {
    }

    /** The content of version {@code no} of a domain (0: the shipped folder), or empty. */
    public Optional<Active> version(String domain, int no) {
        if (no == 0) {
            return Optional.of(new Active(domain, 0, Map.of(), KnowledgeCompiler.digest(Map.of()),
                    engines.shippedRuleSetVersion(domain), Instant.EPOCH));
        }
        return session.createSelectionQuery("from VersionEntity v where v.domain = :d and v.versionNo = :n", VersionEntity.class)
                .setParameter("d", domain).setParameter("n", no).getResultList().stream().findFirst().map(this::of);
    }

    /** The version number this instance runs for a domain. */
    public int loadedVersion(String domain) {
        Active a = loaded.get(domain);
        return a == null ? 0 : a.versionNo();
    }

    Active of(VersionEntity v) {
        return new Active(v.domain, v.versionNo, read(v.content), v.contentDigest, v.ruleSetVersion, v.effectiveAt);
    }

    Map<String, String> read(String content) {
        try {
            return json.readValue(content, FILES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored knowledge content is not JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Proposals ready for approval (shadow finished) are compiled ahead here, whichever instance made
     * them: when one is approved, every instance has its rules ready and swaps at effective_at.
     */
    private void precompileReviewable() {
        List<Object[]> ready = QuarkusTransaction.requiringNew().call(() -> session.createSelectionQuery(
                        "select p.domain, p.contentDigest from ProposalEntity p where p.status in ('SHADOWED', 'MONITORING')"
                                + " order by p.createdAt desc", Object[].class)
                .setMaxResults(2).getResultList());
        for (Object[] r : ready) {
            String domain = (String) r[0];
            String digest = (String) r[1];
            if (!engines.ids().contains(domain) || compiler.cached(domain, digest) || digest.equals(failed.get(domain))) {
                continue;
            }
            if (precompiled.size() > 100) {
                precompiled.clear();
            }
            if (!precompiled.add(domain + "/" + digest)) {
                continue;
            }
            precompiler.execute(() -> {
                Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
                try {
                    String content = QuarkusTransaction.requiringNew().call(() -> session.createSelectionQuery(
                                    "select p.content from ProposalEntity p where p.domain = :d and p.contentDigest = :c", String.class)
                            .setParameter("d", domain).setParameter("c", digest).setMaxResults(1).getSingleResult());
                    long t0 = System.nanoTime();
                    compiler.compile(domain, read(content), false);
                    LOG.infof("domain %s: proposal content %s compiled ahead of its review (%d ms)", domain, digest.substring(0, 12),
                            (System.nanoTime() - t0) / 1_000_000);
                } catch (RuntimeException e) {
                    LOG.debugf(e, "compiling proposal content %s of %s ahead failed; it is compiled when activated", digest, domain);
                }
            });
        }
    }

    /** Reads the newest version of every domain and switches to those that are due. */
    void poll(boolean atStart) {
        List<Active> newest = QuarkusTransaction.requiringNew().call(() -> engines.ids().stream().map(this::active).toList());
        Map<String, Optional<Active>> beside = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Optional<Active>> m = new java.util.HashMap<>();
            engines.ids().forEach(d -> m.put(d, monitor(d)));
            return m;
        });
        beside.forEach((domain, m) -> {
            Monitoring now = monitoring.get(domain);
            if (m.isEmpty()) {
                if (now != null) {
                    monitoring.remove(domain);
                    LOG.infof("domain %s: monitor-only version %d ended", domain, now.versionNo());
                }
            } else if ((now == null || now.versionNo() != m.get().versionNo()) && !m.get().digest().equals(failed.get(domain))
                    && (atStart || !Instant.now().isBefore(m.get().effectiveAt()))) {
                try {
                    monitoring.put(domain, new Monitoring(m.get().versionNo(), compiler.compile(domain, m.get().content(), false).engine()));
                    LOG.infof("domain %s: version %d runs monitor-only beside the active one", domain, m.get().versionNo());
                } catch (RuntimeException e) {
                    failed.put(domain, m.get().digest());
                    LOG.errorf(e, "monitor-only version %d of %s does not compile on this instance", m.get().versionNo(), domain);
                }
            }
        });
        for (Active a : newest) {
            Active current = loaded.get(a.domain());
            int running = current == null ? 0 : current.versionNo();
            if (running == a.versionNo() || a.digest().equals(failed.get(a.domain()))
                    || Integer.valueOf(a.versionNo()).equals(scheduled.get(a.domain()))) {
                continue;
            }
            // Compile ahead (cached by digest), then swap at effective_at on the switch thread.
            KnowledgeCompiler.Compiled c = compileOrMark(a);
            if (c == null) {
                continue;
            }
            if (atStart) {
                switchTo(a, c); // before serving: at once
                continue;
            }
            scheduled.put(a.domain(), a.versionNo());
            long wait = Math.max(0, java.time.Duration.between(Instant.now(), a.effectiveAt()).toNanos());
            switcher.schedule(() -> switchWhenDue(a, c), wait, TimeUnit.NANOSECONDS);
        }
        if (!atStart) {
            try {
                precompileReviewable();
            } catch (RuntimeException e) {
                LOG.warnf(e, "reading the proposals to compile ahead failed; trying again at the next poll");
            }
        }
    }

    private KnowledgeCompiler.Compiled compileOrMark(Active a) {
        try {
            return compiler.compile(a.domain(), a.content(), false);
        } catch (RuntimeException e) {
            failed.put(a.domain(), a.digest());
            LOG.errorf(e, "knowledge version %d of %s does not compile on this instance; it keeps version %d", a.versionNo(),
                    a.domain(), loadedVersion(a.domain()));
            return null;
        }
    }

    /** The scheduled swap; skipped when a newer version was scheduled meanwhile. */
    private void switchWhenDue(Active a, KnowledgeCompiler.Compiled c) {
        if (stopping || !scheduled.remove(a.domain(), a.versionNo())) {
            return;
        }
        try {
            switchTo(a, c);
        } catch (RuntimeException e) {
            LOG.errorf(e, "switching %s to version %d failed", a.domain(), a.versionNo());
        }
    }

    private void switchTo(Active a, KnowledgeCompiler.Compiled c) {
        engines.replaceRules(a.domain(), c.engine());
        Instant switchedAt = Instant.now();
        loaded.put(a.domain(), a);
        try {
            // Which rules this instance runs from now on (the start-up ruleset.load names the shipped ones), and
            // from which instant: the two-instance test measures the skew between instances from switchedAt.
            Map<String, Object> payload = new java.util.LinkedHashMap<>();
            payload.put("domain", a.domain());
            payload.put("version", a.versionNo());
            payload.put("ruleSetVersion", c.engine().ruleSetVersion());
            payload.put("contentDigest", a.digest());
            payload.put("instance", INSTANCE);
            payload.put("effectiveAt", a.effectiveAt().toString());
            payload.put("switchedAt", switchedAt.toString());
            payload.put("lateMillis", Math.max(0, java.time.Duration.between(a.effectiveAt(), switchedAt).toMillis()));
            QuarkusTransaction.requiringNew().run(() -> audit.append(io.hotfire.app.security.Actor.SYSTEM,
                    io.hotfire.app.audit.AuditEntry.of(KnowledgeActions.LOAD, "domain/" + a.domain(),
                            a.domain() + " runs knowledge version " + a.versionNo() + " on this instance", payload)));
        } catch (RuntimeException e) {
            LOG.warnf(e, "the switch of %s to version %d could not be audited", a.domain(), a.versionNo());
        }
        LOG.infof("domain %s now runs knowledge version %d (rule set %s)", a.domain(), a.versionNo(), c.engine().ruleSetVersion());
    }
}
