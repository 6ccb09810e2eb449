package io.hotfire.app.rules;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.domain.LearnedModels;
import io.hotfire.app.security.Roles;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.rules.engine.RuleInfo;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The rule catalogue: every loaded rule with its metadata, and the rule-set version. */
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rules", description = "The loaded rule set: ids, sentence names, fault codes, stages, sources, severities")
public class RuleResource {

    /**
     * One engine's rule set.
     *
     * @param learned the engine's learned model: ROUTED (detail = model version), LOADING,
     *                RULES_ONLY or FAILED (detail = why)
     */
    public record RuleSetView(String engine, String version, LearnedModels.Status learned, List<RuleInfo> rules) {
    }

    @Inject
    LearnedModels learnedModels;

    @Inject
    Engines engines;

    @GET
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "List the rules of one engine (default gg1)")
    public RuleSetView list(@QueryParam("engine") String engine) {
        String id = engine == null || engine.isBlank() ? "gg1" : engine.trim();
        DiagnosisEngine e = engines.engine(id);
        return new RuleSetView(id, e.ruleSetVersion(), learnedModels.status(id), e.rules());
    }
}
