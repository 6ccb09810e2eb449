package io.hotfire.app.telemetry;

import io.hotfire.app.ingest.RunProfiles;
import io.hotfire.app.ingest.BatchSource;
import io.hotfire.app.ingest.IngestBatch;
import io.hotfire.app.ingest.IngestResult;
import io.hotfire.app.ingest.FrameStore;
import io.hotfire.app.ingest.FrameView;
import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.ingest.GroupCommitter;
import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actors;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.BoundedBody;
import io.hotfire.app.web.HashingInputStream;
import io.hotfire.app.web.Params;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.CsvFormatException;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telemetry", description = "Telemetry ingestion (JSON or CSV) and stored frames")
@APIResponse(responseCode = "400", description = "malformed body, unknown sensor, non-numeric value (with field, line, column)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "no such run",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FrameResource {

    static final String CSV = "text/csv";

    @Inject
    RunProfiles profiles;

    /** Parsed, valid batches go to the group committer (one transaction for the batches waiting together). */
    @Inject
    GroupCommitter committer;

    @Inject
    Actors actors;

    @Inject
    FrameStore stored;

    @Inject
    HotfireConfig config;

    @POST
    @Path("/frames")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INGEST, Roles.ENGINEER})
    @Operation(summary = "Add frames (JSON)",
            description = "All-or-nothing per batch; idempotent per (run, seq). A sensor missing from values, or null, has no reading. "
                    + "Empty, NaN and out-of-span readings are stored and marked dead.")
    @APIResponse(responseCode = "200", description = "stored", content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "409", description = "a seq already stored with other values, or below the last seq and never stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body larger than hotfire.ingest.max-body-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the ingest queue is full (nothing stored); resend after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IngestResult postFrames(
            @PathParam("runId") String runId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FrameBatch.class),
                    examples = @ExampleObject(name = "two frames",
                            value = "{\"frames\":[{\"seq\":0,\"t\":0.00,\"values\":{\"PC_A\":9.70,\"PC_B\":9.71}},"
                                    + "{\"seq\":1,\"t\":0.02,\"values\":{\"PC_A\":9.69,\"PC_B\":null}}]}"))) InputStream body,
            @HeaderParam("Content-Length") String contentLength) {
        UUID id = Params.runId(runId);
        EngineProfile profile = profiles.profileOf(id);
        HashingInputStream in = new HashingInputStream(BoundedBody.of(body, contentLength, config.ingest().maxBodyBytes()));
        List<Frame> frames = new JsonFrameReader(profile).read(in);
        return committer.ingest(new IngestBatch(id, frames, false, new BatchSource("json", in.count(), in.sha256(), actors.current())));
    }

    @POST
    @Path("/csv")
    @Consumes(CSV)
    @RolesAllowed({Roles.INGEST, Roles.ENGINEER})
    @Operation(summary = "Add frames (CSV)",
            description = "UTF-8; header 't', optional 'seq', then ICD sensor ids. Without a seq column rows are numbered on from the run's "
                    + "last seq (so resending such a file appends it again: send a seq column to make retries idempotent). "
                    + "Empty and NaN cells have no reading; out-of-span values are stored and marked dead.")
    @APIResponse(responseCode = "200", description = "stored", content = @Content(schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "409", description = "a seq already stored with other values, or below the last seq and never stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body larger than hotfire.ingest.max-body-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "the ingest queue is full (nothing stored); resend after Retry-After seconds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IngestResult postCsv(
            @PathParam("runId") String runId,
            @RequestBody(required = true, content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "two rows", value = "seq,t,PC_A,PC_B\n0,0.00,9.70,9.71\n1,0.02,9.69,\n"))) InputStream body,
            @HeaderParam("Content-Length") String contentLength) {
        UUID id = Params.runId(runId);
        EngineProfile profile = profiles.profileOf(id);
        HashingInputStream in = new HashingInputStream(BoundedBody.of(body, contentLength, config.ingest().maxBodyBytes()));
        Reader text = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        CsvFrameReader.Table table;
        try {
            table = new CsvFrameReader(profile).readTable(text, 0);
        } catch (CsvFormatException e) {
            throw ProblemException.badRequest("invalid-csv", "Invalid CSV", e.getMessage())
                    .with("line", e.line())
                    .with("column", e.column())
                    .with("field", e.columnName());
        } catch (UncheckedIOException e) {
            String why = e.getCause() instanceof CharacterCodingException ? "the body is not valid UTF-8" : "the body could not be read";
            throw ProblemException.badRequest("unreadable-body", "Unreadable body", why + " (" + e.getMessage() + ")").with("field", "body");
        }
        return committer.ingest(
                new IngestBatch(id, table.frames(), !table.hasSeqColumn(), new BatchSource("csv", in.count(), in.sha256(), actors.current())));
    }

    @GET
    @Path("/frames")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Read stored frames", description = "In seq order from 'from' (default 0), at most 'limit' (default 1000, at most 10000).")
    @APIResponse(responseCode = "200", description = "frames", content = @Content(schema = @Schema(implementation = FrameView[].class)))
    public List<FrameView> frames(@PathParam("runId") String runId, @QueryParam("from") String from, @QueryParam("limit") String limit) {
        return stored.list(Params.runId(runId), Params.nonNegative(from, "from"), Params.limit(limit, 1000, 10_000));
    }

    /** The JSON batch schema, for the OpenAPI document (the body is parsed by {@link JsonFrameReader}). */
    @Schema(name = "FrameBatch")
    public record FrameBatch(@Schema(required = true) List<FrameIn> frames) {
    }

    @Schema(name = "FrameIn")
    public record FrameIn(
            @Schema(required = true, description = "sequence number, unique per run, non-negative") long seq,
            @Schema(required = true, description = "run time in seconds since the start command") double t,
            @Schema(required = true, description = "sensor id to reading; null or absent = no reading") Map<String, Double> values) {
    }
}
