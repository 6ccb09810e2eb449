package io.hotfire.app.knowledge;

import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.hotfire.app.knowledge.ProposalService.ProposalView;
import io.hotfire.app.knowledge.ProposalService.Review;
import io.hotfire.app.knowledge.ProposalService.Versions;
import org.hibernate.Session;

/**
 * The review of proposals: approve (by another lead or admin than the author, after the shadow;
 * activates the next version, or runs it monitor-only) or reject, and ending a monitor-only version.
 * Each is one transaction holding the domain's change lock, with its audit records.
 */
@ApplicationScoped
public class ProposalReview {

    @Inject
    Session session;

    @Inject
    ProposalService proposals;

    @Inject
    KnowledgeVersions versions;

    @Inject
    AuditLog audit;

    @Inject
    HotfireConfig config;

    /** Approves (activating the next version) or rejects; never by the author. */
    public ProposalView review(String domain, UUID id, boolean approve, Review review, Actor actor) {
        String comment = review == null || review.comment() == null ? "" : review.comment().trim();
        String mode = review == null || review.mode() == null || review.mode().isBlank() ? ProposalService.ACTIVE
                : review.mode().trim().toUpperCase(java.util.Locale.ROOT);
        if (!approve && review != null && review.mode() != null || !List.of(ProposalService.ACTIVE, ProposalService.MONITOR).contains(mode)) {
            throw ProblemException.badRequest("invalid-field", "Invalid field", "mode: ACTIVE or MONITOR, on approval only")
                    .with("field", "mode");
        }
        if (comment.length() > ProposalService.REASON_MAX) {
            throw ProblemException.badRequest("invalid-field", "Invalid field", "comment: at most " + ProposalService.REASON_MAX + " characters")
                    .with("field", "comment");
        }
        if (approve && comment.isEmpty()) {
            throw ProblemException.badRequest("invalid-field", "Invalid field", "comment: say why the change may go live")
                    .with("field", "comment");
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                lockDomain(domain);
                ProposalEntity p = proposals.find(domain, id, true);
                if (p.author.equals(actor.subject())) {
                    throw new ProblemException(new Problem("own-proposal", "Own proposal", 403,
                            "the author of proposal " + id + " cannot " + (approve ? "approve" : "reject")
                                    + " it: another lead or admin must review it"));
                }
                if (ProposalService.APPROVED.equals(p.status) || ProposalService.REJECTED.equals(p.status)) {
                    throw ProblemException.conflict("already-reviewed", "Already reviewed",
                            "proposal " + id + " was " + p.status.toLowerCase() + " by " + p.reviewer).with("status", p.status);
                }
                p.reviewer = actor.subject();
                p.reviewComment = comment;
                p.reviewedAt = Instant.now();
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("proposal", id);
                payload.put("domain", domain);
                payload.put("comment", comment);
                if (!approve) {
                    if (ProposalService.MONITORING.equals(p.status)) {
                        // Rejecting a monitor-only proposal ends its monitor-only version too.
                        session.createMutationQuery("update VersionEntity v set v.endedAt = :at, v.endedBy = :by"
                                        + " where v.domain = :d and v.versionNo = :n and v.endedAt is null")
                                .setParameter("at", Instant.now()).setParameter("by", actor.subject())
                                .setParameter("d", domain).setParameter("n", p.activatedVersion).executeUpdate();
                        payload.put("endedMonitorVersion", p.activatedVersion);
                    }
                    p.status = ProposalService.REJECTED;
                    audit.append(actor, AuditEntry.of(KnowledgeActions.REJECT, "proposal/" + id, "proposal " + id + " rejected", payload));
                    return proposals.view(p, false);
                }
                if (ProposalService.MONITORING.equals(p.status) && ProposalService.MONITOR.equals(mode)) {
                    throw ProblemException.conflict("already-monitoring", "Already monitor-only",
                            "proposal " + id + " runs monitor-only as version " + p.activatedVersion + "; approve it ACTIVE to make it active")
                            .with("status", p.status);
                }
                if (!List.of(ProposalService.SHADOWED, ProposalService.MONITORING, ProposalService.MONITOR_STOPPED).contains(p.status)) {
                    throw ProblemException.conflict("shadow-not-finished", "Shadow not finished",
                            "proposal " + id + " is " + p.status + ": approval needs its shadow on archived runs to have finished")
                            .with("status", p.status);
                }
                KnowledgeVersions.Active active = versions.active(domain);
                if (active.versionNo() != p.baseVersion) {
                    throw ProblemException.conflict("stale-proposal", "Proposal out of date",
                            "proposal " + id + " was made against version " + p.baseVersion + " of " + domain
                                    + "; version " + active.versionNo() + " is active now. Propose the change again")
                            .with("activeVersion", active.versionNo());
                }
                Instant now = Instant.now();
                VersionEntity v = new VersionEntity();
                v.domain = domain;
                v.versionNo = versions.nextNumber(domain);
                v.mode = mode;
                v.proposalId = id;
                v.kind = p.kind;
                v.content = p.content;
                v.contentDigest = p.contentDigest;
                v.ruleSetVersion = p.ruleSetVersion;
                v.activatedBy = actor.subject();
                v.activatedAt = now;
                v.effectiveAt = now.plus(config.knowledge().switchDelay());
                session.persist(v);
                session.flush(); // the unique (domain, version_no) refuses a concurrent activation here
                // A monitor-only version running until now ends with this one (a newer version, of either mode,
                // supersedes it), and its proposal says so.
                List<Integer> ended = endMonitorVersions(domain, v.versionNo, id, actor, now);
                if (!ended.isEmpty()) {
                    payload.put("endedMonitorVersions", ended);
                }
                p.status = ProposalService.MONITOR.equals(mode) ? ProposalService.MONITORING : ProposalService.APPROVED;
                p.activatedVersion = v.versionNo;
                payload.put("shadowDigest", p.shadowDigest);
                payload.put("mode", mode);
                audit.append(actor, AuditEntry.of(KnowledgeActions.APPROVE, "proposal/" + id, "proposal " + id + " approved", payload));
                Map<String, Object> act = new LinkedHashMap<>();
                act.put("domain", domain);
                act.put("version", v.versionNo);
                act.put("previous", active.versionNo());
                act.put("kind", p.kind);
                act.put("mode", mode);
                act.put("proposal", id);
                act.put("contentDigest", v.contentDigest);
                act.put("ruleSetVersion", v.ruleSetVersion);
                act.put("effectiveAt", v.effectiveAt.toString());
                audit.append(actor, AuditEntry.of(KnowledgeActions.ACTIVATE, "domain/" + domain,
                        domain + " version " + v.versionNo + " activated" + (ProposalService.MONITOR.equals(mode) ? " monitor-only" : "") + (ProposalService.ROLLBACK.equals(p.kind) ? " (rollback to version "
                                + p.targetVersion + ")" : ""), act));
                return proposals.view(p, false);
            });
        } catch (RuntimeException e) {
            if (!ProblemException.inCauses(e) && ProposalService.isConstraint(e)) {
                throw ProblemException.conflict("concurrent-activation", "Concurrent activation",
                        "another version of " + domain + " was activated at the same moment; propose the change again");
            }
            throw e;
        }
    }

    /** Ends the monitor-only version of a domain (it stays in the history); 404 when none runs. */
    public Versions stopMonitor(String domain, Review why, Actor actor) {
        proposals.requireDomain(domain);
        String reason = ProposalService.reason(why == null ? null : why.comment());
        QuarkusTransaction.requiringNew().run(() -> {
            lockDomain(domain);
            KnowledgeVersions.Active m = versions.monitor(domain)
                    .orElseThrow(() -> ProblemException.notFound("monitor-only version of", domain));
            VersionEntity v = session.createSelectionQuery("from VersionEntity v where v.domain = :d and v.versionNo = :n",
                    VersionEntity.class).setParameter("d", domain).setParameter("n", m.versionNo())
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
            v.endedAt = Instant.now();
            v.endedBy = actor.subject();
            monitorStopped(domain, List.of(v.versionNo), null);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("domain", domain);
            payload.put("version", v.versionNo);
            payload.put("comment", reason);
            audit.append(actor, AuditEntry.of(KnowledgeActions.MONITOR_STOP, "domain/" + domain,
                    domain + " monitor-only version " + v.versionNo + " stopped", payload));
        });
        return proposals.versions(domain);
    }

    /**
     * Ends every monitor-only version of the domain older than {@code newVersion} that has not ended, by
     * {@code actor}; their proposals (other than {@code approved}, which takes its review's status) become
     * {@code MONITOR_STOPPED}. The numbers of the versions ended (call under the domain's change lock).
     */
    private List<Integer> endMonitorVersions(String domain, int newVersion, UUID approved, Actor actor, Instant at) {
        List<Integer> running = session.createSelectionQuery("select v.versionNo from VersionEntity v where v.domain = :d"
                        + " and v.mode = 'MONITOR' and v.versionNo < :n and v.endedAt is null", Integer.class)
                .setParameter("d", domain).setParameter("n", newVersion).getResultList();
        if (!running.isEmpty()) {
            session.createMutationQuery("update VersionEntity v set v.endedAt = :at, v.endedBy = :by"
                            + " where v.domain = :d and v.versionNo in :ns and v.endedAt is null")
                    .setParameter("at", at).setParameter("by", actor.subject()).setParameter("d", domain)
                    .setParameter("ns", running).executeUpdate();
            monitorStopped(domain, running, approved);
        }
        return running;
    }

    /** The MONITORING proposals of these monitor-only versions become MONITOR_STOPPED (except {@code except}). */
    private void monitorStopped(String domain, List<Integer> versionNos, UUID except) {
        session.createMutationQuery("update ProposalEntity p set p.status = :stopped where p.domain = :d and p.status = :monitoring"
                        + " and p.activatedVersion in :ns" + (except == null ? "" : " and p.id <> :except"))
                .setParameter("stopped", ProposalService.MONITOR_STOPPED).setParameter("monitoring", ProposalService.MONITORING)
                .setParameter("d", domain).setParameter("ns", versionNos)
                .setProperties(except == null ? Map.of() : Map.of("except", except)).executeUpdate();
    }

    /**
     * Takes the domain's change lock until this transaction ends (V16): reviews and monitor stops of
     * one domain run one after the other, and each reads the active version only once the one
     * before it has committed. The row is made on first use; two instances making it at once is
     * harmless (one insert loses on the primary key and the update then finds the other's row).
     */
    private void lockDomain(String domain) {
        if (bumpLock(domain) == 0) {
            try {
                QuarkusTransaction.requiringNew().run(() -> session.createNativeMutationQuery(
                                "insert into knowledge_domain_lock (domain, changes) values (:d, 0)")
                        .setParameter("d", domain).executeUpdate());
            } catch (RuntimeException e) {
                if (!ProposalService.isConstraint(e)) {
                    throw e;
                }
            }
            if (bumpLock(domain) == 0) {
                throw new IllegalStateException("knowledge_domain_lock row for " + domain + " missing after insert");
            }
        }
    }

    private int bumpLock(String domain) {
        return session.createNativeMutationQuery("update knowledge_domain_lock set changes = changes + 1 where domain = :d")
                .setParameter("d", domain).executeUpdate();
    }
}
