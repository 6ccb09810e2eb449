package io.hotfire.app.audit;

import java.util.UUID;

/**
 * What to record (the actor and the chain fields are added by {@link AuditLog}).
 *
 * @param action  dotted verb, lower case: {@code run.create}, {@code alarm.ack} ({@link AuditActions})
 * @param target  what it acted on: {@code run/<id>}, {@code alarm/<id>}, {@code engine/<id>}
 * @param runId   the run it concerns, or null (filterable)
 * @param route   the reasoning route it concerns, or null (filterable)
 * @param summary one line for people (at most 1000 characters; longer is cut)
 * @param payload details: a record, map or JsonNode, stored as canonical JSON
 */
public record AuditEntry(String action, String target, UUID runId, String route, String summary, Object payload) {

    public static AuditEntry of(String action, String target, String summary, Object payload) {
        return new AuditEntry(action, target, null, null, summary, payload);
    }

    public AuditEntry run(UUID id) {
        return new AuditEntry(action, target, id, route, summary, payload);
    }

    public AuditEntry route(String name) {
        return new AuditEntry(action, target, runId, name, summary, payload);
    }
}
