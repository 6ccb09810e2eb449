package io.hotfire.app.unit;

import io.hotfire.app.problem.Problem;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ends a run: its own path, so that it does not compete with the runs resource for /api/v1/runs. */
@Path("/api/v1/runs/{id}/end")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "units")
public class RunEndResource {

    private final UnitService units;

    public RunEndResource(UnitService units) {
        this.units = units;
    }

    @POST
    @RolesAllowed({Roles.INGEST, Roles.ENGINEER})
    @Operation(summary = "End a run", description = "Fixes the run's hot-fire starts and seconds and its health indicators "
            + "(missing ones with the reason), judges its unit's history with the trend rules and raises life-limit alarms. "
            + "Idempotent: ending an ended run answers its first end.")
    @APIResponse(responseCode = "200", description = "the run's end", content = @Content(schema = @Schema(implementation = UnitViews.RunEndView.class)))
    @APIResponse(responseCode = "409", description = "the engine declares no units data",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public UnitViews.RunEndView end(@PathParam("id") String id) {
        return units.end(Params.runId(id));
    }
}
