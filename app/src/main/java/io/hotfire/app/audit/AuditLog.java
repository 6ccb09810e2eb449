package io.hotfire.app.audit;

import io.hotfire.app.persistence.AfterCommit;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Actors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Appends to the tamper-evident audit log, in the caller's transaction: the record commits or rolls
 * back with the action it records (a call outside a transaction fails). The chain head row is locked
 * for the rest of the transaction, so appends from concurrent transactions queue up and the chain
 * stays linear; append late in a transaction to keep that wait short.
 *
 * <p>The hook for everything that must leave a trace: {@code audit.append(actors.current(),
 * AuditEntry.of("note.add", "run/" + id, "note on run ...", payload).run(id))}.
 */
@ApplicationScoped
public class AuditLog {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+");
    static final int SUMMARY_MAX = 1000;
    static final int FIELD_MAX = 255;

    @Inject
    Session session;

    @Inject
    Actors actors;

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    AfterCommit afterCommit;

    /** One entry by the current request's actor (the server itself outside a request). */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecordView append(String action, String target, String summary, Object payload) {
        return append(actors.current(), AuditEntry.of(action, target, summary, payload));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecordView append(Actor actor, String action, String target, String summary, Object payload) {
        return append(actor, AuditEntry.of(action, target, summary, payload));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecordView append(Actor actor, AuditEntry entry) {
        return AuditRecordView.of(write(List.of(new Attributed(actor, entry))).get(0));
    }

    /** An entry with its actor, for {@link #appendAll}. */
    public record Attributed(Actor actor, AuditEntry entry) {
    }

    /** Several entries in order, with one lock of the chain head. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Attributed> entries) {
        write(entries);
    }

    private static final String INSERT = "insert into audit_record (seq, recorded_at, actor_subject, actor_name, actor_client, "
            + "action, target, run_id, route, summary, payload, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Locks the chain head, links the entries to it and writes them in one plain JDBC batch on the
     * transaction's connection: records are written once and never read back in the writing transaction,
     * so they need no entity (as Hibernate entities they were a quarter of the group committer's CPU under
     * 20 live runs). The head stays a locked entity; its UPDATE goes out with the transaction's flush.
     */
    private List<AuditRecordEntity> write(List<Attributed> entries) {
        for (Attributed a : entries) {
            check(a);
        }
        AuditChainHead head = session.find(AuditChainHead.class, AuditChainHead.ID, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("the audit chain head row is missing (V4__create_audit_record.sql inserts it)");
        }
        Instant now = AuditHash.storable(Instant.now());
        List<AuditRecordEntity> out = new ArrayList<>(entries.size());
        for (Attributed a : entries) {
            AuditEntry e = a.entry();
            AuditRecordEntity r = new AuditRecordEntity();
            r.seq = head.lastSeq + 1;
            r.recordedAt = now;
            r.actorSubject = cut(a.actor().subject(), FIELD_MAX);
            r.actorName = cut(a.actor().name(), FIELD_MAX);
            r.actorClient = cut(a.actor().client(), FIELD_MAX);
            r.action = e.action();
            r.target = cut(e.target(), FIELD_MAX);
            r.runId = e.runId();
            r.route = cut(e.route(), 64);
            r.summary = cut(e.summary(), SUMMARY_MAX);
            r.payload = CanonicalJson.write(e.payload());
            r.prevHash = head.lastHash;
            r.hash = AuditHash.of(r);
            head.lastSeq = r.seq;
            head.lastHash = r.hash;
            out.add(r);
        }
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        session.doWork(c -> {
            try (PreparedStatement st = c.prepareStatement(INSERT)) {
                for (AuditRecordEntity r : out) {
                    st.setLong(1, r.seq);
                    st.setObject(2, at);
                    st.setString(3, r.actorSubject);
                    st.setString(4, r.actorName);
                    st.setString(5, r.actorClient);
                    st.setString(6, r.action);
                    st.setString(7, r.target);
                    st.setObject(8, r.runId);
                    st.setString(9, r.route);
                    st.setString(10, r.summary);
                    st.setString(11, r.payload);
                    st.setString(12, r.prevHash);
                    st.setString(13, r.hash);
                    st.addBatch();
                }
                st.executeBatch();
            }
        });
        checkpointOnCommit(head.lastSeq, head.lastHash);
        return out;
    }

    /** Hands the transaction's final chain head to the checkpoints once it committed (one synchronization per transaction). */
    private void checkpointOnCommit(long seq, String hash) {
        @SuppressWarnings("unchecked")
        AtomicReference<Object[]> pending = (AtomicReference<Object[]>) afterCommit.resource(AuditCheckpoints.class);
        if (pending != null) {
            pending.set(new Object[] {seq, hash});
            return;
        }
        AtomicReference<Object[]> head = new AtomicReference<>(new Object[] {seq, hash});
        afterCommit.keep(AuditCheckpoints.class, head);
        afterCommit.run(() -> {
            Object[] h = head.get();
            checkpoints.committed((Long) h[0], (String) h[1]);
        });
    }

    private static void check(Attributed a) {
        if (a.actor() == null || a.actor().subject() == null || a.actor().subject().isBlank()) {
            throw new IllegalArgumentException("an audit record needs an actor with a subject");
        }
        AuditEntry e = a.entry();
        if (e.action() == null || e.action().length() > 64 || !ACTION.matcher(e.action()).matches()) {
            throw new IllegalArgumentException("audit action must be dotted lower case like 'alarm.ack', found '" + e.action() + "'");
        }
        if (e.target() == null || e.target().isBlank()) {
            throw new IllegalArgumentException("an audit record needs a target");
        }
        if (e.summary() == null || e.summary().isBlank()) {
            throw new IllegalArgumentException("an audit record needs a summary");
        }
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max - 1) + "…";
    }
}
