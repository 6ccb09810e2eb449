package io.hotfire.app.rules;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunService;
import io.hotfire.app.security.Roles;
import io.hotfire.app.ingest.FrameStore;
import io.hotfire.app.web.Params;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.pipeline.WhyNot;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Why did a fault code not fire at run time t? Replays the run's stored frames up to t with probe
 * rules beside the real ones and names, for each rule that can conclude the code, the first
 * condition that failed and the values of the channels it reads.
 */
@Path("/api/v1/runs/{runId}/why-not")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules", description = "Why a rule did or did not fire")
public class WhyNotResource {

    @Inject
    Engines engines;

    @Inject
    RunService runs;

    @Inject
    FrameStore stored;

    // Not @Transactional: the probe replay (a rule compile and a replay up to t) can take long on a
    // loaded machine; only the reads run in a transaction, so the answer never meets its timeout.
    @GET
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Explain why a fault code did not fire at run time t")
    public WhyNot.Answer whyNot(@PathParam("runId") String runId, @QueryParam("code") String code,
            @QueryParam("t") String t) {
        UUID id = Params.runId(runId);
        if (code == null || code.isBlank()) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "code is required")
                    .with("field", "code");
        }
        Double at = Params.finite(t, "t");
        if (at == null) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "t (run seconds) is required")
                    .with("field", "t");
        }
        String engineId = QuarkusTransaction.requiringNew().call(() -> runs.require(id).engine);
        DiagnosisEngine engine = engines.engine(engineId);
        List<Frame> frames = QuarkusTransaction.requiringNew().call(() -> stored.upTo(id, at));
        try {
            return engine.whyNot().explain(frames, code.trim(), at);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("unknown-code", "Unknown fault code", e.getMessage()).with("field", "code");
        }
    }
}
