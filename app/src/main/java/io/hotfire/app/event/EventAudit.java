package io.hotfire.app.event;

import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The audit record of one diagnosis event: action {@code event.<type>} (finding, recommendation,
 * abort, sensor, alarm, clear, route, advice), target {@code event/<id>}, the run, and as payload everything
 * the event rests on (rules, evidence, rule-set version) plus the frames of the batch that produced
 * it. A ROUTE event also fills the record's route: its evidence {@code route}, else its code
 * ({@code IN_DISTRIBUTION} / {@code OUT_OF_DISTRIBUTION}).
 */
public final class EventAudit {

    private EventAudit() {
    }

    public static AuditEntry entry(UUID runId, long eventId, Event e, String ruleSetVersion, long firstSeq, long lastSeq) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("eventId", eventId);
        p.put("t", e.t());
        p.put("type", e.type().name());
        p.put("code", e.code());
        p.put("severity", e.severity().name());
        p.put("sensor", e.sensor());
        p.put("rules", e.rules());
        p.put("message", e.message());
        p.put("evidence", e.evidence());
        p.put("ruleSetVersion", ruleSetVersion);
        p.put("batchFirstSeq", firstSeq);
        p.put("batchLastSeq", lastSeq);
        String route = null;
        if (e.type() == EventType.ROUTE) {
            Object r = e.evidence().get("route");
            route = r != null ? r.toString() : e.code();
        }
        String summary = e.type() + " " + e.code() + (e.sensor() == null ? "" : " " + e.sensor()) + " " + e.severity()
                + " at t=" + e.t() + " s by " + String.join(",", e.rules()) + ": " + e.message();
        return new AuditEntry(AuditActions.event(e.type()), "event/" + eventId, runId, route, summary, p);
    }
}
