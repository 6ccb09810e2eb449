package io.hotfire.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** An audit record as the API and the exports show it: every stored column, payload as JSON. */
public record AuditRecordView(
        long seq,
        Instant recordedAt,
        String actorSubject,
        String actorName,
        String actorClient,
        String action,
        String target,
        UUID runId,
        String route,
        String summary,
        JsonNode payload,
        String prevHash,
        String hash) {

    static AuditRecordView of(AuditRecordEntity r) {
        return new AuditRecordView(r.seq, r.recordedAt, r.actorSubject, r.actorName, r.actorClient, r.action, r.target,
                r.runId, r.route, r.summary, CanonicalJson.read(r.payload), r.prevHash, r.hash);
    }
}
