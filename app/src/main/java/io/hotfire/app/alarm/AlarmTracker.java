package io.hotfire.app.alarm;

import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.CanonicalJson;
import io.hotfire.app.event.EventEntity;
import io.hotfire.app.security.Actor;
import io.hotfire.domain.event.Event;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Keeps a run's alarms in step with its diagnosis events, in the ingest transaction: raises new
 * alarms, re-raises, escalates, de-escalates and clears them ({@link AlarmLifecycle}), and writes
 * the notification feed. Operator state (acknowledgement, shelf, assignee, tags) is kept.
 */
@ApplicationScoped
public class AlarmTracker {

    static final int KEY_MAX = 200;

    @Inject
    Session session;

    /**
     * @param events the batch's events in order, each with its stored row
     * @return audit entries for what the lifecycle did on its own (a shelf ended by an escalation)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditLog.Attributed> apply(UUID runId, List<Event> events, List<EventEntity> stored) {
        List<AuditLog.Attributed> audit = new ArrayList<>();
        Map<String, AlarmEntity> alarms = load(runId, events);
        Instant now = Instant.now();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            Optional<AlarmKeys.Effect> effect = AlarmKeys.of(e);
            if (effect.isEmpty()) {
                continue;
            }
            String key = cut(effect.get().key());
            EventEntity row = stored.get(i);
            AlarmEntity a = alarms.get(key);
            if (!effect.get().raises()) {
                if (a != null) {
                    a.apply(AlarmLifecycle.clear(a.status()));
                    a.clearedT = e.t();
                    touch(a, e, row, now);
                }
                continue;
            }
            AlarmLifecycle.Step step;
            if (a == null) {
                a = create(runId, key, e, row, now);
                step = AlarmLifecycle.raise(e.severity());
                a.apply(step.status());
                touch(a, e, row, now);
                session.persist(a);
                alarms.put(key, a);
            } else {
                step = AlarmLifecycle.condition(a.status(), e.severity());
                a.apply(step.status());
                if (step.notice() == AlarmLifecycle.Notice.RAISED) {
                    a.raisedT = e.t();
                    a.clearedT = null;
                    a.ackedBy = null;
                    a.ackedAt = null;
                } else if (step.notice() == AlarmLifecycle.Notice.ESCALATED) {
                    a.ackedBy = null;
                    a.ackedAt = null;
                }
            }
            a.message = e.message();
            touch(a, e, row, now);
            if (step.notice() == null) {
                continue;
            }
            if (a.shelvedAt(now)) {
                if (step.notice() != AlarmLifecycle.Notice.ESCALATED) {
                    continue;
                }
                String until = a.shelvedUntil == null ? "until un-shelved" : a.shelvedUntil.toString();
                String by = a.shelvedBy;
                a.unshelve();
                audit.add(new AuditLog.Attributed(Actor.ALARMS, new AuditEntry(AuditActions.ALARM_UNSHELVE, "alarm/" + a.id, runId, null,
                        "alarm " + a.id + " (" + a.code + " " + orDash(a.sensor) + ") un-shelved: escalated to " + a.severity,
                        CanonicalJson.map("alarmId", a.id, "key", a.alarmKey, "reason", "escalated", "severity", a.severity,
                                "shelvedBy", by, "shelvedUntil", until, "eventId", row.id))));
            }
            notify(a, step.notice(), e.t(), now);
        }
        session.flush();
        return audit;
    }

    private Map<String, AlarmEntity> load(UUID runId, List<Event> events) {
        Set<String> keys = new LinkedHashSet<>();
        for (Event e : events) {
            AlarmKeys.of(e).ifPresent(f -> keys.add(cut(f.key())));
        }
        Map<String, AlarmEntity> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        session.createSelectionQuery("from AlarmEntity a where a.runId = :run and a.alarmKey in :keys", AlarmEntity.class)
                .setParameter("run", runId)
                .setParameter("keys", keys)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .forEach(a -> out.put(a.alarmKey, a));
        return out;
    }

    private static AlarmEntity create(UUID runId, String key, Event e, EventEntity row, Instant now) {
        AlarmEntity a = new AlarmEntity();
        a.runId = runId;
        a.alarmKey = key;
        a.source = e.type().name();
        a.code = e.code();
        a.sensor = e.sensor();
        a.raisedT = e.t();
        a.message = e.message();
        a.createdAt = now;
        a.tags = "[]";
        return a;
    }

    private static void touch(AlarmEntity a, Event e, EventEntity row, Instant now) {
        a.lastT = e.t();
        a.lastEventId = row.id;
        a.updatedAt = now;
    }

    private void notify(AlarmEntity a, AlarmLifecycle.Notice notice, double t, Instant now) {
        AlarmNotificationEntity n = new AlarmNotificationEntity();
        n.alarmId = a.id;
        n.runId = a.runId;
        n.reason = notice;
        n.severity = a.severity;
        n.t = t;
        n.createdAt = now;
        session.persist(n);
    }

    private static String cut(String key) {
        return key.length() <= KEY_MAX ? key : key.substring(0, KEY_MAX);
    }

    static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
