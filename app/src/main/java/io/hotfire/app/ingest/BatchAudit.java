package io.hotfire.app.ingest;

import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.security.Actor;
import java.util.LinkedHashMap;
import java.util.Map;

/** The audit record of an ingested batch: counts, seq range and the checksums of body and stored frames. */
final class BatchAudit {

    private BatchAudit() {
    }

    /** The audit record of a batch, by the batch's actor (the request's, unless the source names one). */
    static AuditLog.Attributed batchRecord(IngestResult r, int received, Long firstSeq, String framesSha256, String ruleSetVersion,
            BatchSource source, Actor current) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("format", source.format());
        p.put("bodyBytes", source.bodyBytes());
        p.put("bodySha256", source.bodySha256());
        p.put("received", received);
        p.put("accepted", r.accepted());
        p.put("duplicates", r.duplicates());
        p.put("firstSeq", firstSeq);
        p.put("lastSeq", r.accepted() == 0 ? null : r.lastSeq());
        p.put("framesSha256", framesSha256);
        p.put("frameCount", r.frameCount());
        p.put("events", r.events());
        p.put("ruleSetVersion", ruleSetVersion);
        String summary = r.accepted() == 0
                ? source.format() + " batch of " + received + " frames: all already stored"
                : source.format() + " batch: " + r.accepted() + " frames stored (seq " + firstSeq + ".." + r.lastSeq() + "), "
                        + r.duplicates() + " resent, " + r.events() + " events";
        Actor actor = source.actor() != null ? source.actor() : current;
        return new AuditLog.Attributed(actor, new AuditEntry(AuditActions.INGEST_BATCH, "run/" + r.runId(), r.runId(), null, summary, p));
    }
}
