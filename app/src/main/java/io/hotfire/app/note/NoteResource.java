package io.hotfire.app.note;

import io.hotfire.app.llm.LlmBridge;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Actors;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.JsonBody;
import io.hotfire.app.web.Params;
import io.hotfire.llm.intake.IntakeResult;
import io.hotfire.llm.intake.IntakeService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Engineers' notes on a run: free text in, controlled observations out (offline embedding model,
 * or the configured LLM with the offline extractor as fallback), each with the exact quote of the
 * note it rests on. Observations start PROPOSED; a person accepts or rejects each, and only
 * accepted ones reach the rules as evidence.
 */
@Path("/api/v1/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notes", description = "Engineers' notes and the observations taken from them")
public class NoteResource {

    /** Longest note accepted. */
    public static final int MAX_TEXT = 4000;

    @Inject
    NoteService notes;

    @Inject
    LlmBridge bridge;

    @Inject
    Actors actors;

    @POST
    @Path("/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Add a note; returns the observations taken from it (PROPOSED) and what grounding dropped")
    public Response add(@PathParam("runId") String runId, InputStream body, @HeaderParam("Content-Length") String contentLength) {
        UUID id = Params.runId(runId);
        JsonBody b = JsonBody.read(body, contentLength, Set.of("text", "runTime"));
        String text = b.text("text", true, MAX_TEXT);
        Double runTime = b.number("runTime");
        String engine = notes.engineOf(id);
        Actor author = actors.current();
        IntakeService intake = bridge.intake(engine, author, id);
        IntakeResult result;
        try {
            result = bridge.async().extract(intake, text, Optional.ofNullable(runTime)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while coding a note", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("coding the note failed", e.getCause());
        }
        return Response.status(Response.Status.CREATED).entity(notes.store(id, author, text, runTime, result)).build();
    }

    @GET
    @Path("/notes")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "The run's notes, oldest first, with each observation's current status")
    public List<NoteView> list(@PathParam("runId") String runId) {
        return notes.list(Params.runId(runId));
    }

    @POST
    @Path("/observations/{obsId}/accept")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Accept an observation: the rules may use it as evidence from the next window on")
    public NoteView.ObservationView accept(@PathParam("runId") String runId, @PathParam("obsId") String obsId,
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        return decide(runId, obsId, body, contentLength, ObservationStatus.ACCEPTED);
    }

    @POST
    @Path("/observations/{obsId}/reject")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Reject an observation: the rules no longer see it")
    public NoteView.ObservationView reject(@PathParam("runId") String runId, @PathParam("obsId") String obsId,
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        return decide(runId, obsId, body, contentLength, ObservationStatus.REJECTED);
    }

    private NoteView.ObservationView decide(String runId, String obsId, InputStream body, String contentLength,
            ObservationStatus decision) {
        UUID run = Params.runId(runId);
        UUID observation;
        try {
            observation = UUID.fromString(obsId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "obsId must be a UUID, found '" + obsId + "'")
                    .with("field", "obsId");
        }
        JsonBody b = JsonBody.read(body, contentLength, Set.of("comment"));
        return notes.decide(run, observation, decision, actors.current(), b.text("comment", false, 1000));
    }
}
