package io.hotfire.app.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.persistence.IdentityInserts;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/** Writes diagnosis events (in the caller's transaction, by plain JDBC) and reads them back. */
@ApplicationScoped
public class EventStore {

    @Inject
    Session session;

    @Inject
    ObjectMapper json;

    private static final String INSERT = "insert into run_event (run_id, t, type, code, severity, sensor, rules, message, evidence, "
            + "rule_set_version, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** One run's events to append, concluded under one rule-set version. */
    public record Appending(UUID runId, List<Event> events, String ruleSetVersion) {
    }

    /** Writes events in the current transaction, in the order given; returns the rows, ids assigned, in the same order. */
    public List<EventEntity> append(UUID runId, List<Event> events, String ruleSetVersion) {
        return appendAll(List.of(new Appending(runId, events, ruleSetVersion))).get(0);
    }

    /**
     * Writes the events of several runs (a group commit's) in the current transaction, in the order
     * given, with ONE plain JDBC batch on the session's connection; returns each entry's rows, ids
     * assigned, in the same order. The ids come from the table's identity column as before, read back
     * as the batch's generated keys: persisted as entities, each event cost its own round trip to
     * the database (Hibernate cannot batch identity inserts), and twenty live runs whose windows
     * concluded events in the same frame period waited for some hundred of them in a row on the group
     * committer. The rows are written once and never changed, so they need not be managed.
     */
    public List<List<EventEntity>> appendAll(List<Appending> batches) {
        // Microseconds, as both databases keep them: the rows handed on are what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<List<EventEntity>> out = new ArrayList<>(batches.size());
        List<EventEntity> all = new ArrayList<>();
        for (Appending b : batches) {
            List<EventEntity> rows = new ArrayList<>(b.events().size());
            for (Event e : b.events()) {
                EventEntity row = new EventEntity();
                row.runId = b.runId();
                row.t = e.t();
                row.type = e.type().name();
                row.code = e.code();
                row.severity = e.severity().name();
                row.sensor = e.sensor();
                row.rules = write(e.rules());
                row.message = e.message();
                row.evidence = write(e.evidence());
                row.ruleSetVersion = b.ruleSetVersion();
                row.createdAt = now;
                rows.add(row);
            }
            all.addAll(rows);
            out.add(rows);
        }
        insert(all, now.atOffset(ZoneOffset.UTC));
        return out;
    }

    private void insert(List<EventEntity> rows, OffsetDateTime at) {
        IdentityInserts.insert(session, INSERT, rows, "events", (st, r) -> {
            st.setObject(1, r.runId);
            st.setDouble(2, r.t);
            st.setString(3, r.type);
            st.setString(4, r.code);
            st.setString(5, r.severity);
            st.setString(6, r.sensor);
            st.setString(7, r.rules);
            st.setString(8, r.message);
            st.setString(9, r.evidence);
            st.setString(10, r.ruleSetVersion);
            st.setObject(11, at);
        }, (r, id) -> r.id = id);
    }

    /** Events of a run ordered by run time, optionally of one type and from a run time on. */
    public List<EventView> list(UUID runId, EventType type, Double since, int limit) {
        StringBuilder hql = new StringBuilder("from EventEntity e where e.runId = :run");
        if (type != null) {
            hql.append(" and e.type = :type");
        }
        if (since != null) {
            hql.append(" and e.t >= :since");
        }
        hql.append(" order by e.t, e.id");
        SelectionQuery<EventEntity> q = session.createSelectionQuery(hql.toString(), EventEntity.class)
                .setParameter("run", runId)
                .setMaxResults(limit)
                .setReadOnly(true);
        if (type != null) {
            q.setParameter("type", type.name());
        }
        if (since != null) {
            q.setParameter("since", since);
        }
        return q.getResultList().stream().map(this::view).toList();
    }

    public long count(UUID runId) {
        return session.createSelectionQuery("select count(*) from EventEntity e where e.runId = :run", Long.class)
                .setParameter("run", runId)
                .getSingleResult();
    }

    /** The API view of a stored event row. */
    public EventView view(EventEntity e) {
        try {
            return new EventView(e.id, e.runId, e.t, e.type, e.code, e.severity, e.sensor,
                    List.of(json.readValue(e.rules, String[].class)), e.message, json.readTree(e.evidence),
                    e.ruleSetVersion, e.createdAt);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored event " + e.id + " holds malformed JSON", ex);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("event value cannot be written as JSON: " + value, ex);
        }
    }
}
