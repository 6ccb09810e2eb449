package io.hotfire.app.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hotfire.domain.Hashing;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The hash of an audit record: SHA-256 (lower-case hex) over its canonical form, a JSON array of
 * every stored column in a fixed order, ending with the previous record's hash:
 *
 * <pre>["hotfire-audit-v1", seq, "recorded_at (ISO-8601, UTC)", actor_subject, actor_name,
 *  actor_client, action, target, run_id, route, summary, payload, prev_hash]</pre>
 *
 * <p>Absent values are JSON null; the payload is included as its stored text. JSON string escaping
 * makes the form unambiguous, so no two different records share a canonical form. An auditor can
 * recompute a hash from an export with any JSON library and SHA-256.
 */
public final class AuditHash {

    public static final String GENESIS = "0".repeat(64);
    static final String VERSION = "hotfire-audit-v1";
    private static final JsonFactory JSON = new JsonFactory();

    private AuditHash() {
    }

    public static String of(AuditRecordEntity r) {
        return Hashing.sha256Hex(canonical(r));
    }

    public static String canonical(AuditRecordEntity r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            g.writeString(VERSION);
            g.writeNumber(r.seq);
            g.writeString(DateTimeFormatter.ISO_INSTANT.format(r.recordedAt));
            g.writeString(r.actorSubject);
            g.writeString(r.actorName);
            g.writeString(r.actorClient);
            g.writeString(r.action);
            g.writeString(r.target);
            g.writeString(r.runId == null ? null : r.runId.toString());
            g.writeString(r.route);
            g.writeString(r.summary);
            g.writeString(r.payload);
            g.writeString(r.prevHash);
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /** Instants are stored with microsecond precision (PostgreSQL's); hashing happens after truncation. */
    static Instant storable(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
