package io.hotfire.app.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/** Writes diagnosis events (in the caller's transaction) and reads them back. */
@ApplicationScoped
public class EventStore {

    @Inject
    Session session;

    @Inject
    ObjectMapper json;

    /** Persists events in the current transaction, in the order given; returns the rows, ids assigned, in the same order. */
    public List<EventEntity> append(UUID runId, List<Event> events, String ruleSetVersion) {
        Instant now = Instant.now();
        List<EventEntity> rows = new ArrayList<>(events.size());
        for (Event e : events) {
            EventEntity row = new EventEntity();
            row.runId = runId;
            row.t = e.t();
            row.type = e.type().name();
            row.code = e.code();
            row.severity = e.severity().name();
            row.sensor = e.sensor();
            row.rules = write(e.rules());
            row.message = e.message();
            row.evidence = write(e.evidence());
            row.ruleSetVersion = ruleSetVersion;
            row.createdAt = now;
            session.persist(row);
            rows.add(row);
        }
        return rows;
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
