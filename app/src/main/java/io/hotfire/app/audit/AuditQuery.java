package io.hotfire.app.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/** Reads the audit log: filtered pages in seq order. */
@ApplicationScoped
public class AuditQuery {

    @Inject
    Session session;

    /** Records matching the filter with seq above {@code afterSeq} and at most {@code upToSeq}, oldest first. */
    @Transactional
    public List<AuditRecordEntity> page(AuditFilter f, long afterSeq, Long upToSeq, int limit) {
        return select(f, afterSeq, upToSeq, limit, false);
    }

    /** Newest first: the matching records with seq below {@code beforeSeq} (all when null), at most {@code limit}. */
    public List<AuditRecordEntity> newest(AuditFilter f, Long beforeSeq, int limit) {
        return select(f, -1, beforeSeq == null ? null : beforeSeq - 1, limit, true);
    }

    private List<AuditRecordEntity> select(AuditFilter f, long afterSeq, Long upToSeq, int limit, boolean newestFirst) {
        StringBuilder hql = new StringBuilder("from AuditRecordEntity r where r.seq > :after");
        if (upToSeq != null) {
            hql.append(" and r.seq <= :upTo");
        }
        if (f.from() != null) {
            hql.append(" and r.recordedAt >= :from");
        }
        if (f.to() != null) {
            hql.append(" and r.recordedAt < :to");
        }
        if (f.actor() != null) {
            hql.append(" and (r.actorSubject = :actor or r.actorName = :actor)");
        }
        if (f.action() != null) {
            hql.append(f.action().endsWith("*") ? " and r.action like :action escape '!'" : " and r.action = :action");
        }
        if (f.runId() != null) {
            hql.append(" and r.runId = :run");
        }
        if (f.route() != null) {
            hql.append(" and r.route = :route");
        }
        if (f.target() != null) {
            hql.append(" and r.target = :target");
        }
        hql.append(newestFirst ? " order by r.seq desc" : " order by r.seq");
        SelectionQuery<AuditRecordEntity> q = session.createSelectionQuery(hql.toString(), AuditRecordEntity.class)
                .setParameter("after", afterSeq)
                .setMaxResults(limit)
                .setReadOnly(true);
        if (upToSeq != null) {
            q.setParameter("upTo", upToSeq);
        }
        if (f.from() != null) {
            q.setParameter("from", f.from());
        }
        if (f.to() != null) {
            q.setParameter("to", f.to());
        }
        if (f.actor() != null) {
            q.setParameter("actor", f.actor());
        }
        if (f.action() != null) {
            String a = f.action();
            q.setParameter("action", a.endsWith("*")
                    ? a.substring(0, a.length() - 1).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
                    : a);
        }
        if (f.runId() != null) {
            q.setParameter("run", f.runId());
        }
        if (f.route() != null) {
            q.setParameter("route", f.route());
        }
        if (f.target() != null) {
            q.setParameter("target", f.target());
        }
        List<AuditRecordEntity> rows = q.getResultList();
        rows.forEach(session::detach);
        return rows;
    }

    /** The chain head: seq and hash of the newest record (0 and 64 zeros when empty). */
    @Transactional
    public AuditChainHead head() {
        AuditChainHead h = session.find(AuditChainHead.class, AuditChainHead.ID);
        session.detach(h);
        return h;
    }
}
