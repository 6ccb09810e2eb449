package io.hotfire.app.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes audit records as CSV (RFC 4180, header line) or JSON Lines. Both carry every stored column
 * with the payload as its exact stored text, so each record's hash can be recomputed from the
 * export alone ({@link AuditHash} describes the canonical form).
 */
public final class AuditExport {

    static final List<String> COLUMNS = List.of("seq", "recorded_at", "actor_subject", "actor_name", "actor_client", "action",
            "target", "run_id", "route", "summary", "payload", "prev_hash", "hash");
    private static final JsonFactory JSON = new JsonFactory();

    private AuditExport() {
    }

    public static void csvHeader(Writer out) throws IOException {
        out.write(String.join(",", COLUMNS));
        out.write("\r\n");
    }

    public static void csv(AuditRecordEntity r, Writer out) throws IOException {
        String[] cells = values(r);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csvCell(cells[i]));
        }
        out.write("\r\n");
    }

    public static void jsonLine(AuditRecordEntity r, Writer out) throws IOException {
        String[] cells = values(r);
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeNumberField("seq", r.seq);
        for (int i = 1; i < cells.length; i++) {
            g.writeStringField(COLUMNS.get(i), cells[i]);
        }
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    private static String[] values(AuditRecordEntity r) {
        return new String[] {Long.toString(r.seq), DateTimeFormatter.ISO_INSTANT.format(r.recordedAt), r.actorSubject, r.actorName,
                r.actorClient, r.action, r.target, r.runId == null ? null : r.runId.toString(), r.route, r.summary, r.payload,
                r.prevHash, r.hash};
    }

    /** Empty for null; quoted when it holds a comma, quote, CR or LF, or could be read as empty. */
    static String csvCell(String v) {
        if (v == null) {
            return "";
        }
        if (v.isEmpty() || v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
