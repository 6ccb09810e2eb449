package io.hotfire.app.llm;

import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Actors;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.Params;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.explain.Explanation;
import io.hotfire.llm.explain.ExplanationSource;
import io.hotfire.llm.hypothesis.HypothesisResult;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Plain-language explanations of a run or a finding, and advisory hypotheses. Both are asked for
 * after the diagnosis, never inside it: ingestion and the rules do not wait for them. Out of
 * distribution (or with no ROUTE event) the explanation keeps to the rule trace and no model is
 * asked for hypotheses.
 */
@Path("/api/v1/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "explanations", description = "Explanations of diagnoses and advisory hypotheses")
public class ExplanationResource {

    @Inject
    RunDiagnoses diagnoses;

    @Inject
    LlmBridge bridge;

    @Inject
    Actors actors;

    @Inject
    ExplanationCache cache;

    @GET
    @Path("/explanation")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Explain the run's diagnosis, or with finding=<event id> one finding")
    public ExplanationView explanation(@PathParam("runId") String runId, @QueryParam("finding") String finding) {
        UUID id = Params.runId(runId);
        Long findingId = finding == null ? null : Params.nonNegative(finding, "finding");
        RunDiagnoses.Loaded loaded = diagnoses.load(id, findingId);
        ExplanationCache.Key key = new ExplanationCache.Key(id, findingId, bridge.llmEnabled() ? bridge.llmLabel() : "template",
                loaded.eventCount(), loaded.lastEventId());
        ExplanationView cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Actor actor = actors.current();
        Explanation x = await(bridge.async().explain(bridge.explainer(loaded.engine(), actor, id), loaded.diagnosis()));
        ExplanationView view = ExplanationView.of(loaded.diagnosis(), findingId, x);
        if (x.source() == ExplanationSource.LLM) {
            cache.put(key, view);
        }
        return view;
    }

    @GET
    @Path("/hypotheses")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "Advisory hypotheses from the fault catalogue (in distribution only); never change severity or recommendation")
    public HypothesesView hypotheses(@PathParam("runId") String runId) {
        UUID id = Params.runId(runId);
        RunDiagnoses.Loaded loaded = diagnoses.load(id, null);
        Diagnosis d = loaded.diagnosis();
        Actor actor = actors.current();
        HypothesisResult r = await(bridge.async().hypotheses(bridge.hypotheses(loaded.engine(), actor, id), d,
                bridge.domain(loaded.engine()).catalogue()));
        String route = d.route().isEmpty() ? "NONE" : d.inDistribution() ? "IN_DISTRIBUTION" : "OUT_OF_DISTRIBUTION";
        return HypothesesView.of(r, route);
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the explainer", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the explainer failed", e.getCause());
        }
    }
}
