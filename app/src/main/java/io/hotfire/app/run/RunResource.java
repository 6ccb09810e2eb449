package io.hotfire.app.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.BoundedBody;
import io.hotfire.app.web.Params;
import jakarta.annotation.PostConstruct;
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
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Test runs: created per engine, then fed telemetry")
public class RunResource {

    /** Run creation bodies are small: engine, test id and a metadata object. */
    static final long MAX_CREATE_BYTES = 65_536;

    @Inject
    RunService runs;

    @Inject
    ObjectMapper json;

    private ObjectReader strict;

    @PostConstruct
    void init() {
        strict = json.reader()
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INGEST, Roles.ENGINEER})
    @Operation(summary = "Create a run", description = "Starts a run of one engine domain; telemetry is then posted to it.")
    @APIResponse(responseCode = "201", description = "created", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "400", description = "malformed body or unknown engine",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "body larger than 64 KiB",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateRun.class))) InputStream body,
            @HeaderParam("Content-Length") String contentLength) {
        JsonNode root = readJson(BoundedBody.of(body, contentLength, MAX_CREATE_BYTES));
        String engine = text(root, "engine", true, 64);
        String testId = text(root, "testId", false, 200);
        String unit = serial(root, "unit");
        String stand = serial(root, "stand");
        JsonNode metadata = root.get("metadata");
        if (metadata == null || metadata.isNull()) {
            metadata = JsonNodeFactory.instance.objectNode();
        } else if (!metadata.isObject()) {
            throw invalid("metadata", "metadata must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!List.of("engine", "testId", "unit", "stand", "metadata").contains(name)) {
                throw invalid(name, "unknown member '" + name + "'; a run has engine, testId, unit, stand and metadata");
            }
        }
        RunView run = runs.create(engine, testId, unit, stand, metadata);
        return Response.created(URI.create("/api/v1/runs/" + run.id())).entity(run).build();
    }

    @GET
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "List runs", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "runs", content = @Content(schema = @Schema(implementation = RunView[].class)))
    public List<RunView> list(@QueryParam("engine") String engine, @QueryParam("limit") String limit) {
        return runs.list(engine == null || engine.isBlank() ? null : engine, Params.limit(limit, 100, 1000));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Get a run")
    @APIResponse(responseCode = "200", description = "the run", content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RunView get(@PathParam("id") String id) {
        return runs.get(Params.runId(id));
    }

    private JsonNode readJson(InputStream in) {
        try (in) {
            JsonNode root = strict.readTree(in);
            if (root == null || root.isMissingNode()) {
                throw BoundedBody.empty();
            }
            if (!root.isObject()) {
                throw invalid("body", "the body must be a JSON object {\"engine\":...}");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ProblemException.badRequest("malformed-json", "Malformed JSON", e.getOriginalMessage())
                    .with("field", "body")
                    .with("line", at == null ? null : at.getLineNr())
                    .with("column", at == null ? null : at.getColumnNr());
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable-body", "Unreadable body", "the body could not be read: " + e.getMessage())
                    .with("field", "body");
        }
    }

    private static String text(JsonNode root, String name, boolean required, int maxLength) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw invalid(name, name + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(name, name + " must be a string");
        }
        String s = v.textValue();
        if (s.isBlank() || s.length() > maxLength) {
            throw invalid(name, name + " must be 1 to " + maxLength + " characters");
        }
        return s;
    }

    /** An optional identifier: letters, digits and {@code . _ - /}, 1 to 64 characters. */
    private static String serial(JsonNode root, String name) {
        String s = text(root, name, false, 64);
        if (s != null && !s.matches("[A-Za-z0-9][A-Za-z0-9._/-]*")) {
            throw invalid(name, name + " must be letters, digits and . _ - / (starting with a letter or digit)");
        }
        return s;
    }

    private static ProblemException invalid(String field, String detail) {
        return ProblemException.badRequest("invalid-run", "Invalid run", detail).with("field", field);
    }
}
