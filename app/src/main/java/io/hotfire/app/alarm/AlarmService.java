package io.hotfire.app.alarm;

import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Actors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * Operator actions on alarms and the alarm reads. Every action locks the alarm row, changes it, and
 * appends its audit record in the same transaction, naming the actor.
 */
@ApplicationScoped
public class AlarmService {

    static final Pattern TAG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.:-]{0,39}");
    static final int MAX_TAGS = 20;

    /** The {@code state} filter values: the four states, plus {@code shelved}, {@code open} (not CLEARED) and {@code all}. */
    public enum StateFilter {
        UNACKNOWLEDGED, ACKNOWLEDGED, RETURNED_UNACKNOWLEDGED, CLEARED, SHELVED, OPEN, ALL;

        public static StateFilter parse(String raw) {
            if (raw == null || raw.isBlank()) {
                return ALL;
            }
            try {
                return valueOf(raw.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                        "state must be one of " + List.of(values()).stream().map(v -> v.name().toLowerCase(Locale.ROOT)).toList()
                                + ", found '" + raw + "'").with("field", "state");
            }
        }
    }

    @Inject
    Session session;

    @Inject
    AuditLog audit;

    @Inject
    Actors actors;

    @Inject
    AlarmViews views;

    // ---- actions --------------------------------------------------------------------------------

    @Transactional
    public AlarmView acknowledge(long id, String comment) {
        return acknowledge(actors.current(), lock(id), comment);
    }

    /**
     * Acknowledges the given alarms (those the operator saw: the console sends the ids it shows, never
     * "whatever is unacknowledged now"), each with its own audit record, in one transaction; alarms
     * no longer acknowledgeable are skipped and named.
     */
    @Transactional
    public AlarmView.BulkAck acknowledgeAll(List<Long> ids, String comment) {
        Actor actor = actors.current();
        List<AlarmView> done = new ArrayList<>();
        Map<Long, String> skipped = new LinkedHashMap<>();
        for (long id : new TreeSet<>(ids)) {
            AlarmEntity a = session.find(AlarmEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
            if (a == null) {
                skipped.put(id, "no such alarm");
                continue;
            }
            if (a.shelved && !a.shelvedAt(now())) {
                a.unshelve();
            }
            if (!AlarmLifecycle.acknowledgeable(a.status())) {
                skipped.put(id, a.state.name() + (a.ackedBy == null ? "" : ", acknowledged by " + a.ackedBy));
                continue;
            }
            done.add(acknowledge(actor, a, comment));
        }
        return new AlarmView.BulkAck(done, skipped);
    }

    private AlarmView acknowledge(Actor actor, AlarmEntity a, String comment) {
        long id = a.id;
        Instant now = now();
        AlarmState before = a.state;
        if (!AlarmLifecycle.acknowledgeable(a.status())) {
            throw ProblemException.conflict("alarm-not-acknowledgeable", "Alarm cannot be acknowledged",
                            "alarm " + id + " is " + a.state + (a.ackedBy == null ? "" : ", acknowledged by " + a.ackedBy + " at " + a.ackedAt))
                    .with("alarmId", id).with("state", a.state.name());
        }
        a.apply(AlarmLifecycle.acknowledge(a.status()));
        a.ackedBy = actor.display();
        a.ackedAt = now;
        a.updatedAt = now;
        if (comment != null) {
            addComment(a, actor, comment, now);
        }
        record(actor, a, AuditActions.ALARM_ACK, "acknowledged (" + before + " -> " + a.state + ")",
                details(a, "stateBefore", before, "stateAfter", a.state, "comment", comment));
        return views.view(a, false);
    }

    @Transactional
    public AlarmView shelve(long id, Shelf.Period period, String reason) {
        Actor actor = actors.current();
        AlarmEntity a = lock(id);
        if (a.latching) {
            throw ProblemException.conflict("alarm-not-shelvable", "Alarm cannot be shelved",
                    "alarm " + id + " reached " + a.notifiedSeverity + ": latching alarms (CRITICAL, SEVERE) cannot be shelved")
                    .with("alarmId", id);
        }
        Instant now = now();
        a.shelved = true;
        a.shelvedBy = actor.display();
        a.shelvedAt = now;
        a.shelvedUntil = period.end(now).orElse(null);
        a.shelveReason = reason;
        a.updatedAt = now;
        record(actor, a, AuditActions.ALARM_SHELVE, "shelved " + period.label() + (reason == null ? "" : ": " + reason),
                details(a, "period", period.label(), "until", a.shelvedUntil, "reason", reason));
        return views.view(a, false);
    }

    @Transactional
    public AlarmView unshelve(long id) {
        Actor actor = actors.current();
        AlarmEntity a = lock(id);
        Instant now = now();
        if (!a.shelvedAt(now)) {
            throw ProblemException.conflict("alarm-not-shelved", "Alarm not shelved", "alarm " + id + " is not shelved")
                    .with("alarmId", id);
        }
        String by = a.shelvedBy;
        Instant until = a.shelvedUntil;
        a.unshelve();
        a.updatedAt = now;
        record(actor, a, AuditActions.ALARM_UNSHELVE, "un-shelved (shelved by " + by + ")",
                details(a, "shelvedBy", by, "shelvedUntil", until, "reason", "operator"));
        return views.view(a, false);
    }

    @Transactional
    public AlarmView assign(long id, String assignee) {
        Actor actor = actors.current();
        AlarmEntity a = lock(id);
        Instant now = now();
        String before = a.assignee;
        a.assignee = assignee;
        a.assignedBy = assignee == null ? null : actor.display();
        a.assignedAt = assignee == null ? null : now;
        a.updatedAt = now;
        record(actor, a, AuditActions.ALARM_ASSIGN, assignee == null ? "unassigned" : "assigned to " + assignee,
                details(a, "assigneeBefore", before, "assignee", assignee));
        return views.view(a, false);
    }

    @Transactional
    public AlarmView comment(long id, String text) {
        Actor actor = actors.current();
        AlarmEntity a = lock(id);
        Instant now = now();
        AlarmCommentEntity c = addComment(a, actor, text, now);
        a.updatedAt = now;
        record(actor, a, AuditActions.ALARM_COMMENT, "comment: " + text, details(a, "commentId", c.id, "text", text));
        return views.view(a, true);
    }

    /** Replaces the alarm's tags (trimmed, distinct, sorted). */
    @Transactional
    public AlarmView tags(long id, List<String> tags) {
        TreeSet<String> clean = new TreeSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i).trim();
            if (!TAG.matcher(t).matches()) {
                throw ProblemException.badRequest("invalid-body", "Invalid body",
                        "tags[" + i + "] must be 1 to 40 letters, digits, spaces or _ . : - (starting with a letter or digit), found '" + t + "'")
                        .with("field", "tags[" + i + "]");
            }
            clean.add(t);
        }
        if (clean.size() > MAX_TAGS) {
            throw ProblemException.badRequest("invalid-body", "Invalid body", "at most " + MAX_TAGS + " tags").with("field", "tags");
        }
        Actor actor = actors.current();
        AlarmEntity a = lock(id);
        List<String> before = views.tags(a.tags);
        a.tags = views.write(new ArrayList<>(clean));
        a.updatedAt = now();
        record(actor, a, AuditActions.ALARM_TAGS, "tags " + clean, details(a, "tagsBefore", before, "tags", clean));
        return views.view(a, false);
    }

    // ---- reads ----------------------------------------------------------------------------------

    @Transactional
    public AlarmView get(long id) {
        AlarmEntity a = session.find(AlarmEntity.class, id);
        if (a == null) {
            throw ProblemException.notFound("alarm", Long.toString(id));
        }
        return views.view(a, true);
    }

    /** Alarms in id order (oldest first), filtered; {@code afterId} pages. */
    @Transactional
    public List<AlarmView> list(UUID runId, StateFilter state, String assignee, String tag, long afterId, int limit) {
        StringBuilder hql = new StringBuilder("from AlarmEntity a where a.id > :after");
        if (runId != null) {
            hql.append(" and a.runId = :run");
        }
        switch (state) {
            case ALL -> { }
            case OPEN -> hql.append(" and a.state <> :cleared");
            case SHELVED -> hql.append(" and a.shelved = true and (a.shelvedUntil is null or a.shelvedUntil > :now)");
            default -> hql.append(" and a.state = :state");
        }
        if (assignee != null) {
            hql.append(" and a.assignee = :assignee");
        }
        if (tag != null) {
            hql.append(" and a.tags like :tag");
        }
        hql.append(" order by a.id");
        SelectionQuery<AlarmEntity> q = session.createSelectionQuery(hql.toString(), AlarmEntity.class)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .setReadOnly(true);
        if (runId != null) {
            q.setParameter("run", runId);
        }
        switch (state) {
            case ALL -> { }
            case OPEN -> q.setParameter("cleared", AlarmState.CLEARED);
            case SHELVED -> q.setParameter("now", now());
            default -> q.setParameter("state", AlarmState.valueOf(state.name()));
        }
        if (assignee != null) {
            q.setParameter("assignee", assignee);
        }
        if (tag != null) {
            q.setParameter("tag", "%" + views.write(tag) + "%");
        }
        return q.getResultList().stream().map(a -> views.view(a, false)).toList();
    }

    /** Unacknowledged alarms not shelved, by severity, and shelves in force; of one run or of all. */
    @Transactional
    public AlarmView.Counts counts(UUID runId) {
        Instant now = now();
        String where = runId == null ? "" : " and a.runId = :run";
        SelectionQuery<Object[]> q = session.createSelectionQuery("select a.severity, count(a) from AlarmEntity a where a.state in (:states)"
                + " and (a.shelved = false or (a.shelvedUntil is not null and a.shelvedUntil <= :now))" + where + " group by a.severity", Object[].class)
                .setParameter("states", List.of(AlarmState.UNACKNOWLEDGED, AlarmState.RETURNED_UNACKNOWLEDGED))
                .setParameter("now", now);
        SelectionQuery<Long> s = session.createSelectionQuery("select count(a) from AlarmEntity a where a.shelved = true"
                + " and (a.shelvedUntil is null or a.shelvedUntil > :now)" + where, Long.class).setParameter("now", now);
        if (runId != null) {
            q.setParameter("run", runId);
            s.setParameter("run", runId);
        }
        Map<String, Long> unacked = new LinkedHashMap<>();
        for (io.hotfire.domain.event.Severity sev : io.hotfire.domain.event.Severity.values()) {
            unacked.put(sev.name(), 0L);
        }
        for (Object[] r : q.getResultList()) {
            unacked.put(((io.hotfire.domain.event.Severity) r[0]).name(), (Long) r[1]);
        }
        return new AlarmView.Counts(unacked, s.getSingleResult());
    }

    /** The notification feed after {@code afterId}, oldest first. */
    @Transactional
    public List<AlarmView.Notification> notifications(UUID runId, long afterId, int limit) {
        String hql = "select n, a, r.testId from AlarmNotificationEntity n join AlarmEntity a on a.id = n.alarmId"
                + " join RunEntity r on r.id = n.runId where n.id > :after"
                + (runId == null ? "" : " and n.runId = :run") + " order by n.id";
        SelectionQuery<Object[]> q = session.createSelectionQuery(hql, Object[].class)
                .setParameter("after", afterId)
                .setMaxResults(limit)
                .setReadOnly(true);
        if (runId != null) {
            q.setParameter("run", runId);
        }
        return q.getResultList().stream().map(r -> {
            AlarmNotificationEntity n = (AlarmNotificationEntity) r[0];
            AlarmEntity a = (AlarmEntity) r[1];
            return new AlarmView.Notification(n.id, a.id, n.runId, (String) r[2], a.alarmKey, a.code, a.sensor, n.reason.name(), n.severity.name(),
                    n.t, n.createdAt);
        }).toList();
    }

    // ---- helpers --------------------------------------------------------------------------------

    private AlarmEntity lock(long id) {
        AlarmEntity a = session.find(AlarmEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null) {
            throw ProblemException.notFound("alarm", Long.toString(id));
        }
        if (a.shelved && !a.shelvedAt(now())) {
            a.unshelve();
        }
        return a;
    }

    private AlarmCommentEntity addComment(AlarmEntity a, Actor actor, String text, Instant now) {
        AlarmCommentEntity c = new AlarmCommentEntity();
        c.alarmId = a.id;
        c.author = actor.display();
        c.body = text;
        c.createdAt = now;
        session.persist(c);
        return c;
    }

    private void record(Actor actor, AlarmEntity a, String action, String what, Map<String, Object> payload) {
        audit.append(actor, new AuditEntry(action, "alarm/" + a.id, a.runId, null,
                "alarm " + a.id + " (" + a.code + " " + AlarmTracker.orDash(a.sensor) + ", " + a.severity + ") " + what, payload));
    }

    private static Map<String, Object> details(AlarmEntity a, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("alarmId", a.id);
        m.put("key", a.alarmKey);
        m.put("code", a.code);
        m.put("sensor", a.sensor);
        m.put("severity", a.severity);
        m.put("state", a.state);
        for (int i = 0; i + 1 < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private static Instant now() {
        return AlarmViews.now();
    }
}
