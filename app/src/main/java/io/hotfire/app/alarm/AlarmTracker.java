package io.hotfire.app.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.CanonicalJson;
import io.hotfire.app.event.EventEntity;
import io.hotfire.app.security.Actor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Keeps a run's alarms in step with its diagnosis events, in the ingest transaction: one alarm per
 * condition ({@link AlarmKeys}); raises new alarms, re-raises, escalates, de-escalates and clears
 * them ({@link AlarmLifecycle}) as their members come and go, marks the run's first-out alarm, and
 * writes the notification feed. Operator state (acknowledgement, shelf, assignee, tags) is kept.
 */
@ApplicationScoped
public class AlarmTracker {

    static final int KEY_MAX = 200;

    @Inject
    Session session;

    @Inject
    ObjectMapper json;

    /**
     * @param events the batch's events in order, each with its stored row
     * @return audit entries for what the lifecycle did on its own (a shelf ended by an escalation)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditLog.Attributed> apply(UUID runId, List<Event> events, List<EventEntity> stored) {
        List<AuditLog.Attributed> audit = new ArrayList<>();
        Map<String, AlarmEntity> alarms = load(runId, events);
        Instant now = Instant.now();
        Boolean runHasAlarms = null;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            Optional<AlarmKeys.Effect> effect = AlarmKeys.of(e);
            if (effect.isEmpty()) {
                continue;
            }
            AlarmKeys.Effect f = effect.get();
            String key = cut(f.key());
            EventEntity row = stored.get(i);
            AlarmEntity a = alarms.get(key);
            if (!f.raises()) {
                if (a != null) {
                    Map<String, Severity> members = members(a);
                    members.remove(f.member());
                    if (members.keySet().stream().anyMatch(k -> !AlarmKeys.ABORT_MEMBER.equals(k))) {
                        // Another member still holds the condition: its severity follows the highest one left (silent).
                        a.apply(AlarmLifecycle.condition(a.status(), shown(a, members)).status());
                    } else {
                        a.apply(AlarmLifecycle.clear(a.status()));
                        a.clearedT = e.t();
                    }
                    a.members = write(members);
                    touch(a, e, row, now);
                }
                continue;
            }
            AlarmLifecycle.Step step;
            if (a == null) {
                if (runHasAlarms == null) {
                    runHasAlarms = session.createSelectionQuery("select count(a) from AlarmEntity a where a.runId = :run", Long.class)
                            .setParameter("run", runId).getSingleResult() > 0;
                }
                a = create(runId, key, e, row, now);
                a.firstOut = !runHasAlarms;
                runHasAlarms = true;
                a.members = write(Map.of(f.member(), e.severity()));
                step = AlarmLifecycle.raise(e.severity());
                a.apply(step.status());
                touch(a, e, row, now);
                session.persist(a);
                alarms.put(key, a);
            } else {
                Map<String, Severity> members = members(a);
                if (a.state == AlarmState.CLEARED) {
                    members.clear(); // a new occurrence: what latched the last one (an abort) is acknowledged and over
                }
                members.put(f.member(), e.severity());
                a.members = write(members);
                Severity effective = shown(a, members);
                step = AlarmLifecycle.condition(a.status(), effective);
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
                if (e.severity().compareTo(effective) >= 0) {
                    // The event names the condition's worst member now: the alarm shows its code and words.
                    a.code = e.code();
                    a.source = e.type().name();
                }
            }
            if (e.severity().compareTo(a.severity) >= 0) {
                a.message = e.message();
            }
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

    private Map<String, Severity> members(AlarmEntity a) {
        try {
            Map<String, Severity> m = new TreeMap<>();
            if (a.members != null) {
                json.readValue(a.members, new TypeReference<Map<String, Severity>>() { }).forEach(m::put);
            }
            return m;
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("alarm " + a.id + " members are not a JSON object: " + a.members, ex);
        }
    }

    private String write(Map<String, Severity> members) {
        try {
            return json.writeValueAsString(new TreeMap<>(members));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write alarm members " + members, ex);
        }
    }

    /**
     * The severity an alarm shows: the highest of its members, but a latched alarm nobody has
     * acknowledged keeps the severity it announced (a redline that dropped back to the warning band
     * is still the CRITICAL alarm the operator must see).
     */
    private static Severity shown(AlarmEntity a, Map<String, Severity> members) {
        Severity h = highest(members);
        return a.latching && a.state == AlarmState.UNACKNOWLEDGED && a.notifiedSeverity.compareTo(h) > 0 ? a.notifiedSeverity : h;
    }

    private static Severity highest(Map<String, Severity> members) {
        return members.values().stream().max(Comparator.naturalOrder()).orElse(Severity.WATCH);
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
        // Native SQL: an HQL "in :keys" is translated again for every list length, and this runs for every batch
        // that concludes events (under 20 live runs whose alarms rise together, serially on the group committer).
        session.createNativeQuery("select * from alarm where run_id = :run and alarm_key in (:keys) for update", AlarmEntity.class)
                .addSynchronizedEntityClass(AlarmEntity.class)
                .setParameter("run", runId)
                .setParameter("keys", keys)
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
