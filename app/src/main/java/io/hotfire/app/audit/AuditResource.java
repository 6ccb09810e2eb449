package io.hotfire.app.audit;

import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actors;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
@Tag(name = "audit", description = "The tamper-evident audit log: read, verify, export (role auditor)")
@APIResponse(responseCode = "400", description = "bad filter",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AuditResource {

    static final String CSV = "text/csv";
    static final String JSON_LINES = "application/jsonl";
    private static final int EXPORT_PAGE = 1_000;

    /**
     * A page of records.
     *
     * @param next pass as {@code after} for the next page; null when this page is the last
     */
    public record Page(List<AuditRecordView> items, Long next) {
    }

    @Inject
    AuditQuery query;

    @Inject
    AuditVerifier verifier;

    @Inject
    AuditLog audit;

    @Inject
    Actors actors;

    @GET
    @Operation(summary = "List audit records", description = "Oldest first, or newest first with order=newest (what a reviewer "
            + "opens: the latest records). Filters: from/to (ISO-8601 instants, to exclusive), "
            + "actor (subject or name), action (exact, or a prefix ending in * such as alarm.*), run, route, target. "
            + "Paging: limit (default 100, at most 1000) and the previous page's next, passed as after (oldest first) "
            + "or before (newest first).")
    @APIResponse(responseCode = "200", description = "a page", content = @Content(schema = @Schema(implementation = Page.class)))
    public Page list(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("run") String run, @QueryParam("route") String route,
            @QueryParam("target") String target, @QueryParam("after") String after, @QueryParam("before") String before,
            @QueryParam("order") String order, @QueryParam("limit") String limit) {
        AuditFilter f = filter(from, to, actor, action, run, route, target);
        int n = Params.limit(limit, 100, 1000);
        boolean newestFirst = newestFirst(order);
        List<AuditRecordEntity> rows;
        if (newestFirst) {
            if (after != null) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "after pages oldest-first lists; with order=newest pass before")
                        .with("field", "after");
            }
            rows = query.newest(f, before == null ? null : Params.nonNegative(before, "before"), n);
        } else {
            if (before != null) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "before pages newest-first lists (order=newest); oldest first pass after")
                        .with("field", "before");
            }
            rows = query.page(f, Params.nonNegative(after, "after"), null, n);
        }
        List<AuditRecordView> items = rows.stream().map(AuditRecordView::of).toList();
        return new Page(items, items.size() == n ? items.get(items.size() - 1).seq() : null);
    }

    private static boolean newestFirst(String order) {
        if (order == null || order.isBlank() || order.equals("oldest")) {
            return false;
        }
        if (order.equals("newest")) {
            return true;
        }
        throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                    "order must be oldest or newest, not '" + order + "'").with("field", "order");
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify the hash chain", description = "Walks every record from seq 1 and reports the first broken link "
            + "(its seq, what is wrong). The verification itself is recorded (audit.verify).")
    @APIResponse(responseCode = "200", description = "the result; ok=false names the first broken link",
            content = @Content(schema = @Schema(implementation = AuditVerifier.Result.class)))
    public AuditVerifier.Result verify() {
        AuditVerifier.Result r = verifier.verify();
        recordVerification(r);
        return r;
    }

    @GET
    @Path("/export.csv")
    @Produces(CSV)
    @Operation(summary = "Export audit records as CSV", description = "Same filters as the list, every matching record, "
            + "payload as its stored JSON text. Recorded as audit.export.")
    @APIResponse(responseCode = "200", description = "CSV with a header line")
    public Response exportCsv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("run") String run, @QueryParam("route") String route,
            @QueryParam("target") String target) {
        return export("csv", CSV, filter(from, to, actor, action, run, route, target));
    }

    @GET
    @Path("/export.jsonl")
    @Produces(JSON_LINES)
    @Operation(summary = "Export audit records as JSON Lines", description = "One JSON object per line, every column, "
            + "payload as its stored JSON text (a string). Recorded as audit.export.")
    @APIResponse(responseCode = "200", description = "JSON Lines")
    public Response exportJsonLines(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
            @QueryParam("action") String action, @QueryParam("run") String run, @QueryParam("route") String route,
            @QueryParam("target") String target) {
        return export("jsonl", JSON_LINES, filter(from, to, actor, action, run, route, target));
    }

    private Response export(String format, String mediaType, AuditFilter f) {
        long upTo = recordExport(format, f);
        StreamingOutput body = os -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            if (format.equals("csv")) {
                AuditExport.csvHeader(out);
            }
            long after = 0;
            while (true) {
                List<AuditRecordEntity> page = query.page(f, after, upTo, EXPORT_PAGE);
                for (AuditRecordEntity r : page) {
                    if (format.equals("csv")) {
                        AuditExport.csv(r, out);
                    } else {
                        AuditExport.jsonLine(r, out);
                    }
                    after = r.seq;
                }
                if (page.size() < EXPORT_PAGE) {
                    break;
                }
            }
            out.flush();
        };
        return Response.ok(body, mediaType + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"hotfire-audit-upto-" + upTo + "." + format + "\"")
                .build();
    }

    @Transactional
    void recordVerification(AuditVerifier.Result r) {
        String summary = r.ok()
                ? "audit chain verified: " + r.checked() + " records intact"
                : "audit chain broken at record " + r.broken().seq() + " (" + r.broken().problem() + ")";
        audit.append(actors.current(), AuditActions.AUDIT_VERIFY, "audit", summary, r);
    }

    /** Records the export (its filter and the last seq it covers, which is this record's predecessor) and returns that seq. */
    @Transactional
    long recordExport(String format, AuditFilter f) {
        AuditRecordView rec = audit.append(actors.current(), AuditActions.AUDIT_EXPORT, "audit",
                "audit export as " + format, CanonicalJson.map("format", format, "filter", f));
        return rec.seq() - 1;
    }

    static AuditFilter filter(String from, String to, String actor, String action, String run, String route, String target) {
        return new AuditFilter(instant(from, "from"), instant(to, "to"), blankToNull(actor), blankToNull(action), runId(run),
                blankToNull(route), blankToNull(target));
    }

    private static UUID runId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "run must be a run id (UUID), found '" + raw + "'")
                    .with("field", "run");
        }
    }

    private static Instant instant(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                    name + " must be an ISO-8601 instant such as 2026-11-27T16:00:00Z, found '" + raw + "'").with("field", name);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
