package io.hotfire.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.BoundedBody;
import io.hotfire.app.web.HashingInputStream;
import io.hotfire.app.web.Params;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.CsvFormatException;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.scenario.CommandChanges;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.EngineTwin;
import io.hotfire.sim.twin.SimulatedRun;
import io.hotfire.sim.twin.TwinDomain;
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
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Live runs for the console without a test stand: a run of the engine's digital twin (optionally
 * with a catalogue fault) or an uploaded CSV, fed through the normal ingestion path at a chosen
 * speed ({@link Feeds}).
 */
@Path("/api/v1/feeds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
@APIResponse(responseCode = "400", description = "bad parameter or body (names the field, line, column)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class FeedResource {

    static final Set<String> SIMULATION_MEMBERS = Set.of("engine", "testId", "fault", "onset", "duration", "speed", "seed", "throttle");
    private static final ObjectReader STRICT = JsonMapper.builder().build().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Inject
    Feeds feeds;

    @Inject
    Engines engines;

    @Inject
    io.hotfire.app.run.RunService runs;

    @Inject
    HotfireConfig config;

    @Inject
    Twins twins;

    @POST
    @Path("/simulation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INGEST, Roles.ENGINEER})
    @Operation(summary = "Start a simulated live run",
            description = "Body {engine, testId?, fault? (catalogue code), onset? s, duration? s (default 40), speed? (1 = real time, "
                    + "default 1, at most 100), seed?, throttle? % (default 100)}. Creates a run and feeds the digital twin's frames "
                    + "through ingestion in 0.1 s batches.")
    @APIResponse(responseCode = "201", description = "feed started", content = @Content(schema = @Schema(implementation = Feeds.FeedView.class)))
    public Response simulate(InputStream body, @HeaderParam("Content-Length") String contentLength) {
        ObjectNode root = read(body, contentLength);
        String engine = text(root, "engine", true);
        engines.require(engine, "engine");
        TwinDomain domain = twin(engine);
        EngineTwin twin = domain.twin();
        double duration = number(root, "duration", 40, twin.minimumDuration(), 600);
        double speed = number(root, "speed", 1, 0.01, Feeds.MAX_SPEED);
        double throttle = number(root, "throttle", 100, 70, 100);
        long seed = (long) number(root, "seed", 1, 0, 1e15);
        String testId = text(root, "testId", false);
        String code = text(root, "fault", false);
        double shutdown = twin.shutdownTime(duration);
        Scenario sc = Scenario.nominal("nominal", duration,
                ThrottleProfile.constant(throttle, domain.config().sequence().throttleRatePerS()));
        String description = "digital twin, nominal, " + fmt(duration) + " s at " + fmt(throttle) + " %";
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        if (code != null) {
            String upper = code.toUpperCase(Locale.ROOT);
            CatalogFault cf = domain.catalog().fault(upper).orElseThrow(() -> invalid("fault",
                    "unknown fault code '" + code + "'; known: " + domain.catalog().codes()));
            double start = domain.config().sequence().startS();
            double onset = number(root, "onset", Math.min(15.0, Math.max(start, shutdown / 2)), start, shutdown - 0.1);
            String valve = cf.signature().valve() == null ? null : cf.signature().valves().get(cf.signature().valves().size() - 1);
            sc = sc.withFault(FaultSpec.component(upper, valve, onset, cf.rampS(), 1.0, cf.signature(), false))
                    .withName(upper.toLowerCase(Locale.ROOT).replace('_', '-'));
            description = "digital twin, " + upper + " from " + fmt(onset) + " s, " + fmt(duration) + " s at " + fmt(throttle) + " %";
            meta.put("fault", upper);
            meta.put("onset", onset);
        } else if (root.hasNonNull("onset")) {
            throw invalid("onset", "onset needs a fault");
        }
        sc = CommandChanges.ensureFor(sc, domain);
        SimulatedRun run = twin.simulate(sc, seed);
        meta.put("scenario", sc.name());
        meta.put("seed", seed);
        meta.put("duration", duration);
        Feeds.FeedView view = feeds.start(engine, testId == null ? "sim-" + sc.name() + "-" + seed : testId, meta, "simulation",
                description, speed, run.frames());
        return Response.created(URI.create("/api/v1/runs/" + view.runId())).entity(view).build();
    }

    @POST
    @Path("/replay")
    @Consumes("text/csv")
    @RolesAllowed({Roles.INGEST, Roles.ENGINEER})
    @Operation(summary = "Replay a CSV as a live run",
            description = "CSV in the ICD format (header t, optional seq, sensor ids). Creates a run of 'engine' and feeds the rows "
                    + "through ingestion in 0.1 s batches of run time at 'speed' (default 1, at most 100).")
    @APIResponse(responseCode = "201", description = "feed started", content = @Content(schema = @Schema(implementation = Feeds.FeedView.class)))
    public Response replay(@QueryParam("engine") String engine, @QueryParam("testId") String testId, @QueryParam("speed") String speedParam,
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        if (engine == null || engine.isBlank()) {
            throw invalid("engine", "engine is required");
        }
        EngineProfile profile = engines.require(engine, "engine").profile();
        Double speedValue = Params.finite(speedParam, "speed");
        double speed = speedValue == null ? 1 : speedValue;
        if (testId != null && testId.length() > 200) {
            throw invalid("testId", "testId must have at most 200 characters");
        }
        HashingInputStream in = new HashingInputStream(BoundedBody.of(body, contentLength, config.ingest().maxBodyBytes()));
        CsvFrameReader.Table table;
        try (InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
            table = new CsvFrameReader(profile).readTable(text, 0);
        } catch (CsvFormatException e) {
            throw ProblemException.badRequest("invalid-csv", "Invalid CSV", e.getMessage())
                    .with("line", e.line()).with("column", e.column()).with("field", e.columnName());
        } catch (UncheckedIOException | IOException e) {
            throw ProblemException.badRequest("unreadable-body", "Unreadable body", "the body could not be read as UTF-8 CSV: " + e.getMessage())
                    .with("field", "body");
        }
        List<Frame> frames = table.frames();
        ObjectNode meta = JsonNodeFactory.instance.objectNode();
        meta.put("csvBytes", in.count());
        meta.put("csvSha256", in.sha256());
        meta.put("rows", frames.size());
        Feeds.FeedView view = feeds.start(engine, testId == null || testId.isBlank() ? "replay-" + in.sha256().substring(0, 8) : testId.trim(),
                meta, "replay", "CSV replay, " + frames.size() + " rows at " + fmt(speed) + "×", speed, frames);
        return Response.created(URI.create("/api/v1/runs/" + view.runId())).entity(view).build();
    }

    @GET
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Simulated and replayed runs", description = "Running and recent feeds with their progress, newest first.")
    @APIResponse(responseCode = "200", description = "feeds", content = @Content(schema = @Schema(implementation = Feeds.FeedView[].class)))
    public List<Feeds.FeedView> list() {
        return feeds.list();
    }

    @POST
    @Path("/{runId}/stop")
    @RolesAllowed({Roles.INGEST, Roles.ENGINEER})
    @Operation(summary = "Stop a feed", description = "The run's feed stops after its current batch; frames already stored stay. "
            + "Answers the run's feed (empty when the run has none: nothing to stop).")
    @APIResponse(responseCode = "200", description = "stopping", content = @Content(schema = @Schema(implementation = Feeds.FeedView[].class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<Feeds.FeedView> stop(@PathParam("runId") String runId) {
        UUID id = Params.runId(runId);
        runs.get(id);
        feeds.stop(id);
        return feeds.list().stream().filter(f -> f.runId().equals(id)).toList();
    }

    private TwinDomain twin(String engine) {
        try {
            return twins.of(engine).orElseThrow(() -> invalid("engine", "engine " + engine + " has no digital twin (no "
                    + TwinDomain.TWIN_FOLDER + "/ folder in its domain)"));
        } catch (SimDataException e) {
            throw invalid("engine", "engine " + engine + " has no digital twin: " + e.getMessage());
        }
    }

    private static ObjectNode read(InputStream body, String contentLength) {
        if (body == null) {
            throw invalid("body", "the body must be a JSON object");
        }
        try (InputStream in = BoundedBody.of(body, contentLength, 16_384)) {
            JsonNode tree = STRICT.readTree(in.readAllBytes());
            if (tree == null || !tree.isObject()) {
                throw invalid("body", "the body must be a JSON object");
            }
            for (Iterator<String> it = tree.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!SIMULATION_MEMBERS.contains(name)) {
                    throw invalid(name, "unknown member '" + name + "'; this body has " + SIMULATION_MEMBERS.stream().sorted().toList());
                }
            }
            return (ObjectNode) tree;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-json", "Malformed JSON", e.getOriginalMessage()).with("field", "body");
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable-body", "Unreadable body", "the body could not be read: " + e.getMessage())
                    .with("field", "body");
        }
    }

    private static String text(ObjectNode root, String name, boolean required) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                throw invalid(name, name + " is required");
            }
            return null;
        }
        if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
            throw invalid(name, name + " must be a non-blank string of at most 200 characters");
        }
        return n.asText().trim();
    }

    private static double number(ObjectNode root, String name, double dflt, double min, double max) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber() || !Double.isFinite(n.asDouble()) || n.asDouble() < min || n.asDouble() > max) {
            throw invalid(name, name + " must be a number in " + fmt(min) + ".." + fmt(max) + ", got " + n);
        }
        return n.asDouble();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static ProblemException invalid(String field, String detail) {
        return ProblemException.badRequest("invalid-field", "Invalid field", detail).with("field", field);
    }
}
