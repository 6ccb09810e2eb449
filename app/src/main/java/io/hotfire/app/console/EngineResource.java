package io.hotfire.app.console;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.security.Roles;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.sim.twin.TwinDomain;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The engines this server diagnoses, with what a client needs to offer them: a run is created for one,
 * and one with a digital twin can be simulated with the faults of its twin's catalogue. The console builds
 * its forms from this, so a new domain folder needs no change to the console.
 */
@Path("/api/v1/engines")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class EngineResource {

    /** What the digital twin of an engine can simulate. */
    public record SimulationView(List<String> faults, double minimumDuration) {
    }

    /** @param simulation null when the engine's domain has no digital twin */
    public record EngineView(String id, String name, double sampleRateHz, int sensors, String ruleSetVersion,
            SimulationView simulation) {
    }

    @Inject
    Engines engines;

    @Inject
    Twins twins;

    @GET
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Engines", description = "Every engine domain loaded, in id order; simulation lists the fault codes its "
            + "digital twin can inject (null: no twin).")
    @APIResponse(responseCode = "200", description = "engines", content = @Content(schema = @Schema(implementation = EngineView[].class)))
    public List<EngineView> list() {
        return engines.ids().stream().sorted().map(this::view).toList();
    }

    private EngineView view(String id) {
        EngineProfile p = engines.engine(id).profile();
        SimulationView sim = twins.of(id).map(EngineResource::simulation).orElse(null);
        return new EngineView(id, p.name(), p.sampleRateHz(), p.sensors().size(), engines.engine(id).ruleSetVersion(), sim);
    }

    private static SimulationView simulation(TwinDomain t) {
        return new SimulationView(t.catalog().codes().stream().sorted().toList(), t.twin().minimumDuration());
    }
}
