package io.hotfire.app.event;

import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunService;
import io.hotfire.app.web.Params;
import io.hotfire.domain.event.EventType;
import io.hotfire.app.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/runs/{runId}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events", description = "What the diagnosis concluded during a run")
public class EventResource {

    @Inject
    EventStore events;

    @Inject
    RunService runs;

    @GET
    @Transactional
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "List a run's diagnosis events", description = "Ordered by run time; optionally of one type and from run time 'since' (seconds) on.")
    @APIResponse(responseCode = "200", description = "events", content = @Content(schema = @Schema(implementation = EventView[].class)))
    @APIResponse(responseCode = "400", description = "bad type, since or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such run",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<EventView> list(
            @PathParam("runId") String runId,
            @QueryParam("type") String type,
            @QueryParam("since") String since,
            @QueryParam("limit") String limit) {
        UUID id = Params.runId(runId);
        runs.require(id);
        return events.list(id, type(type), Params.finite(since, "since"), Params.limit(limit, 1000, 10_000));
    }

    private static EventType type(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return EventType.valueOf(raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter",
                    "type must be one of " + Arrays.toString(EventType.values()) + ", found '" + raw + "'").with("field", "type");
        }
    }
}
