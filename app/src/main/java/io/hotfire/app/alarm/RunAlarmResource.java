package io.hotfire.app.alarm;

import io.hotfire.app.problem.Problem;
import io.hotfire.app.run.RunService;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's alarms (its own root path: JAX-RS picks the resource class by the longest literal path prefix). */
@Path("/api/v1/runs/{runId}/alarms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alarms")
@APIResponse(responseCode = "404", description = "no such run",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RunAlarmResource {

    @Inject
    AlarmService alarms;

    @Inject
    RunService runs;

    @GET
    @Transactional
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "List a run's alarms", description = "Same filters as /alarms.")
    @APIResponse(responseCode = "200", description = "alarms", content = @Content(schema = @Schema(implementation = AlarmView[].class)))
    public List<AlarmView> ofRun(@PathParam("runId") String runId, @QueryParam("state") String state,
            @QueryParam("assignee") String assignee, @QueryParam("tag") String tag, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        UUID id = Params.runId(runId);
        runs.require(id);
        return alarms.list(id, AlarmService.StateFilter.parse(state), AlarmResource.blankToNull(assignee), AlarmResource.blankToNull(tag),
                Params.nonNegative(after, "after"), Params.limit(limit, 1000, 10_000));
    }
}
