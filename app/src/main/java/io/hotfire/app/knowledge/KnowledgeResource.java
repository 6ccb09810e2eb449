package io.hotfire.app.knowledge;

import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actors;
import io.hotfire.app.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Governed knowledge changes of a domain (#18; docs/knowledge-changes.md): proposals, their shadow
 * on archived runs, two-person review, the version history and rollback. Leads and admins change;
 * engineers and auditors read.
 */
@Path("/api/v1/domains/{domain}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "knowledge", description = "Propose, shadow, approve, activate and roll back rule and profile changes")
public class KnowledgeResource {

    private static final Set<String> STATUSES = Set.of(ProposalService.SUBMITTED, ProposalService.SHADOWING,
            ProposalService.SHADOWED, ProposalService.SHADOW_FAILED, ProposalService.MONITORING, ProposalService.MONITOR_STOPPED, ProposalService.APPROVED, ProposalService.REJECTED);

    @Inject
    ProposalService proposals;

    @Inject
    ProposalReview reviews;

    @Inject
    Actors actors;

    @GET
    @Path("proposals")
    @RolesAllowed({Roles.LEAD, Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "List a domain's proposals, newest first (optionally of one status)")
    public List<ProposalService.ProposalView> list(@PathParam("domain") String domain, @QueryParam("status") String status) {
        String s = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
        if (s != null && !STATUSES.contains(s)) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "status must be one of " + STATUSES)
                    .with("field", "status");
        }
        return proposals.list(domain, s);
    }

    @POST
    @Path("proposals")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Operation(summary = "Propose new text for files of the domain (profile.yaml, vocabulary.yaml, rules/*.drl); compiled and"
            + " validated at once, optionally shadowed on archived runs")
    public Response submit(@PathParam("domain") String domain, ProposalService.Submission body) {
        if (body == null) {
            throw ProblemException.badRequest("invalid-body", "Invalid body", "a JSON body with reason and files is required");
        }
        ProposalService.ProposalView v = proposals.submit(domain, body, actors.current());
        return Response.created(URI.create("/api/v1/domains/" + domain + "/proposals/" + v.id())).entity(v).build();
    }

    @GET
    @Path("proposals/{id}")
    @RolesAllowed({Roles.LEAD, Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "One proposal with its files and shadow outcome")
    public ProposalService.ProposalView get(@PathParam("domain") String domain, @PathParam("id") String id) {
        return proposals.get(domain, uuid(id), true);
    }

    @POST
    @Path("proposals/{id}/shadow")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Operation(summary = "Replay the proposal on archived runs (ids, unit, created from/to, with a finding code, limit) in the background")
    public Response shadow(@PathParam("domain") String domain, @PathParam("id") String id, ShadowRunner.Selection selection) {
        return Response.accepted(proposals.shadow(domain, uuid(id), selection, actors.current())).build();
    }

    @POST
    @Path("proposals/{id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Operation(summary = "Approve and activate (another lead or admin than the author; after the shadow); mode MONITOR runs it"
            + " monitor-only beside the active version")
    public ProposalService.ProposalView approve(@PathParam("domain") String domain, @PathParam("id") String id,
            ProposalService.Review review) {
        return reviews.review(domain, uuid(id), true, review, actors.current());
    }

    @POST
    @Path("proposals/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Operation(summary = "Reject (another lead or admin than the author)")
    public ProposalService.ProposalView reject(@PathParam("domain") String domain, @PathParam("id") String id,
            ProposalService.Review review) {
        return reviews.review(domain, uuid(id), false, review, actors.current());
    }

    @GET
    @Path("versions")
    @RolesAllowed({Roles.LEAD, Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "The domain's version history, the active version and the one this instance runs")
    public ProposalService.Versions versions(@PathParam("domain") String domain) {
        return proposals.versions(domain);
    }

    @POST
    @Path("versions/{version}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Operation(summary = "Propose going back to an earlier version (0: the shipped folder); shadowed and reviewed like any proposal")
    public Response rollback(@PathParam("domain") String domain, @PathParam("version") String version,
            ProposalService.RollbackRequest body) {
        int n;
        try {
            n = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "version must be a number ≥ 0")
                    .with("field", "version");
        }
        ProposalService.ProposalView v = proposals.rollback(domain, n, body, actors.current());
        return Response.created(URI.create("/api/v1/domains/" + domain + "/proposals/" + v.id())).entity(v).build();
    }

    @POST
    @Path("monitor/stop")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Operation(summary = "End the domain's monitor-only version (with a comment)")
    public ProposalService.Versions stopMonitor(@PathParam("domain") String domain, ProposalService.Review why) {
        return reviews.stopMonitor(domain, why, actors.current());
    }

    @GET
    @Path("monitor-events")
    @RolesAllowed({Roles.LEAD, Roles.ADMIN, Roles.ENGINEER, Roles.AUDITOR})
    @Operation(summary = "What monitor-only versions concluded on live runs (kept apart from the runs' events; never alarms)",
            description = "Oldest first (as recorded), or newest first with order=newest. Filters: run, version, type (an event type,"
                    + " as the run events' type), since (run time in seconds, as the run events' since). Paging: limit (default 1000,"
                    + " at most 10000) and the previous page's last id, passed as after (oldest first) or before (newest first).")
    public List<ProposalService.MonitorEventView> monitorEvents(@PathParam("domain") String domain, @QueryParam("run") String run,
            @QueryParam("version") String version, @QueryParam("type") String type, @QueryParam("since") String since,
            @QueryParam("after") String after, @QueryParam("before") String before, @QueryParam("order") String order,
            @QueryParam("limit") String limit) {
        Integer v = null;
        if (version != null && !version.isBlank()) {
            try {
                v = Integer.parseInt(version.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "version must be a number")
                        .with("field", "version");
            }
        }
        boolean newestFirst = newestFirst(order);
        if (newestFirst && after != null && !after.isBlank()) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "after pages oldest-first lists; with order=newest pass before")
                    .with("field", "after");
        }
        if (!newestFirst && before != null && !before.isBlank()) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "before pages newest-first lists (order=newest); oldest first pass after")
                    .with("field", "before");
        }
        return proposals.monitorEvents(domain, new ProposalService.MonitorEventQuery(
                run == null || run.isBlank() ? null : io.hotfire.app.web.Params.runId(run), v, eventType(type),
                io.hotfire.app.web.Params.finite(since, "since"),
                after == null || after.isBlank() ? null : io.hotfire.app.web.Params.nonNegative(after, "after"),
                before == null || before.isBlank() ? null : io.hotfire.app.web.Params.nonNegative(before, "before"),
                newestFirst, io.hotfire.app.web.Params.limit(limit, 1000, 10_000)));
    }

    /** {@code order}: oldest (default) or newest, as the audit list takes it. */
    private static boolean newestFirst(String order) {
        if (order == null || order.isBlank() || order.equals("oldest")) {
            return false;
        }
        if (order.equals("newest")) {
            return true;
        }
        throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "order must be oldest or newest, not '" + order + "'")
                .with("field", "order");
    }

    /** An event type's name, checked as the run events' {@code type} is; null when not given. */
    private static String eventType(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return io.hotfire.domain.event.EventType.valueOf(raw.trim().toUpperCase(java.util.Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "type must be one of "
                    + java.util.Arrays.toString(io.hotfire.domain.event.EventType.values()) + ", found '" + raw + "'").with("field", "type");
        }
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "'" + raw + "' is not a proposal id")
                    .with("field", "id");
        }
    }
}
