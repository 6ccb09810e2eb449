package io.hotfire.app.alarm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.CanonicalJson;
import io.hotfire.app.event.EventEntity;
import io.hotfire.app.persistence.IdentityInserts;
import io.hotfire.app.security.Actor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.Severity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
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

    /** One run's new events, in order, each with its stored row. */
    public record Applying(UUID runId, List<Event> events, List<EventEntity> stored) {
    }

    /**
     * @param events the batch's events in order, each with its stored row
     * @return audit entries for what the lifecycle did on its own (a shelf ended by an escalation)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<AuditLog.Attributed> apply(UUID runId, List<Event> events, List<EventEntity> stored) {
        return applyAll(List.of(new Applying(runId, events, stored))).get(0);
    }

    /**
     * {@link #apply} for several runs (a group commit's, in its run-id order) in a fixed handful of
     * statements whatever their number: their alarms read and locked in one, new alarms written in one
     * JDBC batch (their ids read back as generated keys), notifications in another, changed alarms in
     * one flush. One statement per run, alarm and notice cost twenty live runs whose alarms rose in the
     * same frame period some two hundred round trips in a row on the group committer.
     *
     * @return each run's audit entries, in the order given
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<List<AuditLog.Attributed>> applyAll(List<Applying> runs) {
        Map<UUID, Map<String, AlarmEntity>> alarms = load(runs);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Set<UUID> withAlarms = null;
        List<AlarmEntity> created = new ArrayList<>();
        List<Notice> notices = new ArrayList<>();
        boolean changed = false;
        List<List<AuditLog.Attributed>> out = new ArrayList<>(runs.size());
        for (Applying run : runs) {
            List<AuditLog.Attributed> audit = new ArrayList<>();
            out.add(audit);
            Map<String, AlarmEntity> mine = alarms.computeIfAbsent(run.runId(), k -> new HashMap<>());
            for (int i = 0; i < run.events().size(); i++) {
                Event e = run.events().get(i);
                Optional<AlarmKeys.Effect> effect = AlarmKeys.of(e);
                if (effect.isEmpty()) {
                    continue;
                }
                AlarmKeys.Effect f = effect.get();
                String key = cut(f.key());
                EventEntity row = run.stored().get(i);
                AlarmEntity a = mine.get(key);
                if (a == null && !f.raises()) {
                    continue;
                }
                boolean raisedNow = a == null;
                if (raisedNow) {
                    if (withAlarms == null) {
                        withAlarms = runsWithAlarms(runs);
                    }
                    a = create(run.runId(), key, e, row, now);
                    a.firstOut = withAlarms.add(run.runId());
                    created.add(a);
                    mine.put(key, a);
                } else {
                    changed = true;
                }
                follow(a, raisedNow, f, e, row, now, audit, notices);
            }
        }
        insert(created);
        insertNotices(notices, now);
        if (changed) {
            session.flush();
        }
        return out;
    }

    /**
     * One event's effect on its alarm (loaded and locked, or {@code raisedNow}: created for this event);
     * a notice is added to {@code notices}.
     */
    private void follow(AlarmEntity a, boolean raisedNow, AlarmKeys.Effect f, Event e, EventEntity row, Instant now,
            List<AuditLog.Attributed> audit, List<Notice> notices) {
        if (!f.raises()) {
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
            return;
        }
        AlarmLifecycle.Step step;
        if (raisedNow) {
            a.members = write(Map.of(f.member(), e.severity()));
            step = AlarmLifecycle.raise(e.severity());
            a.apply(step.status());
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
            return;
        }
        if (a.shelvedAt(now)) {
            if (step.notice() != AlarmLifecycle.Notice.ESCALATED) {
                return;
            }
            String until = a.shelvedUntil == null ? "until un-shelved" : a.shelvedUntil.toString();
            String by = a.shelvedBy;
            a.unshelve();
            audit.add(new AuditLog.Attributed(Actor.ALARMS, new AuditEntry(AuditActions.ALARM_UNSHELVE, "alarm/" + a.id, a.runId, null,
                    "alarm " + a.id + " (" + a.code + " " + orDash(a.sensor) + ") un-shelved: escalated to " + a.severity,
                    CanonicalJson.map("alarmId", a.id, "key", a.alarmKey, "reason", "escalated", "severity", a.severity,
                            "shelvedBy", by, "shelvedUntil", until, "eventId", row.id))));
        }
        notices.add(new Notice(a, step.notice(), a.severity, e.t()));
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

    /** The alarms the runs' events name, by run and key, read and locked in one statement (in run and key order). */
    private Map<UUID, Map<String, AlarmEntity>> load(List<Applying> runs) {
        Set<UUID> ids = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Applying run : runs) {
            for (Event e : run.events()) {
                AlarmKeys.of(e).ifPresent(f -> {
                    ids.add(run.runId());
                    keys.add(cut(f.key()));
                });
            }
        }
        Map<UUID, Map<String, AlarmEntity>> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        // Native SQL: an HQL "in :keys" is translated again for every list length, and this runs for every group
        // that concludes events. A key of one run may lock the same key's alarm of another run of the group: all
        // are this transaction's runs, whose rows it holds locked already.
        session.createNativeQuery("select * from alarm where run_id in (:runs) and alarm_key in (:keys) order by run_id, alarm_key for update",
                        AlarmEntity.class)
                .addSynchronizedEntityClass(AlarmEntity.class)
                .setParameter("runs", ids)
                .setParameter("keys", keys)
                .getResultList()
                .forEach(a -> out.computeIfAbsent(a.runId, k -> new HashMap<>()).put(a.alarmKey, a));
        return out;
    }

    /** Those of the runs that have an alarm already (the first alarm of a run is its first-out). */
    private Set<UUID> runsWithAlarms(List<Applying> runs) {
        Set<UUID> ids = new LinkedHashSet<>();
        runs.forEach(r -> ids.add(r.runId()));
        return new java.util.HashSet<>(session.createNativeQuery("select distinct run_id from alarm where run_id in (:runs)", UUID.class)
                .setParameter("runs", ids)
                .getResultList());
    }

    private static final String INSERT = "insert into alarm (run_id, alarm_key, source, code, sensor, message, severity, notified_severity, "
            + "latching, state, condition_active, occurrences, raised_t, last_t, cleared_t, last_event_id, created_at, updated_at, shelved, "
            + "tags, members, first_out) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Writes new alarms in one JDBC batch on the transaction's connection and sets their ids from the
     * identity column (as a persist did, one statement each). They are not managed: written once here,
     * after everything this transaction does to them.
     */
    private void insert(List<AlarmEntity> created) {
        IdentityInserts.insert(session, INSERT, created, "alarms", (st, a) -> {
            int i = 0;
            st.setObject(++i, a.runId);
            st.setString(++i, a.alarmKey);
            st.setString(++i, a.source);
            st.setString(++i, a.code);
            st.setString(++i, a.sensor);
            st.setString(++i, a.message);
            st.setString(++i, a.severity.name());
            st.setString(++i, a.notifiedSeverity.name());
            st.setBoolean(++i, a.latching);
            st.setString(++i, a.state.name());
            st.setBoolean(++i, a.conditionActive);
            st.setInt(++i, a.occurrences);
            st.setDouble(++i, a.raisedT);
            st.setDouble(++i, a.lastT);
            st.setObject(++i, a.clearedT, Types.DOUBLE);
            st.setObject(++i, a.lastEventId, Types.BIGINT);
            st.setObject(++i, a.createdAt.atOffset(ZoneOffset.UTC));
            st.setObject(++i, a.updatedAt.atOffset(ZoneOffset.UTC));
            st.setBoolean(++i, a.shelved);
            st.setString(++i, a.tags);
            st.setString(++i, a.members);
            st.setBoolean(++i, a.firstOut);
        }, (a, id) -> a.id = id);
    }

    /** A notice for the feed: the alarm, why, and its severity when it was given. */
    private record Notice(AlarmEntity alarm, AlarmLifecycle.Notice reason, Severity severity, double t) {
    }

    /** Writes the feed's rows in one JDBC batch, in the order the notices were given (after their alarms have ids). */
    private void insertNotices(List<Notice> notices, Instant now) {
        if (notices.isEmpty()) {
            return;
        }
        session.doWork(c -> {
            try (PreparedStatement st = c.prepareStatement(
                    "insert into alarm_notification (alarm_id, run_id, reason, severity, t, created_at) values (?, ?, ?, ?, ?, ?)")) {
                for (Notice n : notices) {
                    st.setLong(1, n.alarm().id);
                    st.setObject(2, n.alarm().runId);
                    st.setString(3, n.reason().name());
                    st.setString(4, n.severity().name());
                    st.setDouble(5, n.t());
                    st.setObject(6, now.atOffset(ZoneOffset.UTC));
                    st.addBatch();
                }
                st.executeBatch();
            }
        });
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

    private static String cut(String key) {
        return key.length() <= KEY_MAX ? key : key.substring(0, KEY_MAX);
    }

    static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
