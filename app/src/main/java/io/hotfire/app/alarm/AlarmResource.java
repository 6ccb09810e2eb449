package io.hotfire.app.alarm;

import io.hotfire.app.problem.Problem;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.JsonBody;
import io.hotfire.app.web.Params;
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
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The alarm lifecycle API. Reads: any Hotfire role. Acknowledge, shelve, assign, comment, tag:
 * engineer or lead. Un-shelve: lead or admin.
 */
@Path("/api/v1/alarms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alarms", description = "Alarms derived from the diagnosis events, and what operators do with them (ISA-18.2 style)")
@APIResponse(responseCode = "404", description = "no such alarm or run",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AlarmResource {

    @Inject
    AlarmService alarms;

    @GET
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "List alarms", description = "Oldest first. state: unacknowledged, acknowledged, returned_unacknowledged, "
            + "cleared, shelved (a shelf in force), open (not cleared) or all (default); run, assignee, tag filter; after (an alarm id) and limit page.")
    @APIResponse(responseCode = "200", description = "alarms", content = @Content(schema = @Schema(implementation = AlarmView[].class)))
    public List<AlarmView> list(@QueryParam("state") String state, @QueryParam("run") String run, @QueryParam("assignee") String assignee,
            @QueryParam("tag") String tag, @QueryParam("after") String after, @QueryParam("limit") String limit) {
        UUID runId = run == null || run.isBlank() ? null : Params.runId(run);
        return alarms.list(runId, AlarmService.StateFilter.parse(state), blankToNull(assignee), blankToNull(tag),
                Params.nonNegative(after, "after"), Params.limit(limit, 100, 1000));
    }

    @GET
    @Path("/notifications")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "The notification feed", description = "An entry when an alarm is raised, or escalates above the severity "
            + "already announced; nothing for repeats, de-escalations, or while shelved. Poll with after = the last id seen.")
    @APIResponse(responseCode = "200", description = "notifications",
            content = @Content(schema = @Schema(implementation = AlarmView.Notification[].class)))
    public List<AlarmView.Notification> notifications(@QueryParam("run") String run, @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        UUID runId = run == null || run.isBlank() ? null : Params.runId(run);
        return alarms.notifications(runId, Params.nonNegative(after, "after"), Params.limit(limit, 100, 1000));
    }

    @GET
    @Path("/counts")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Alarm counts", description = "Unacknowledged alarms not shelved, by severity, and shelves in force; "
            + "of one run (run) or of all runs. For the console's header and status strip.")
    @APIResponse(responseCode = "200", description = "counts", content = @Content(schema = @Schema(implementation = AlarmView.Counts.class)))
    public AlarmView.Counts counts(@QueryParam("run") String run) {
        return alarms.counts(run == null || run.isBlank() ? null : Params.runId(run));
    }

    @POST
    @Path("/ack")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Acknowledge several alarms", description = "Body {\"ids\": [alarm ids], \"comment\": \"...\"}: the alarms the "
            + "operator sees (the console sends those of one priority, or those selected). Each acknowledgement is its own audit record; "
            + "alarms no longer acknowledgeable, or unknown, are skipped and named.")
    @APIResponse(responseCode = "200", description = "acknowledged and skipped",
            content = @Content(schema = @Schema(implementation = AlarmView.BulkAck.class)))
    public AlarmView.BulkAck ackAll(
            @RequestBody(required = true, content = @Content(examples = @ExampleObject(name = "two alarms", value = "{\"ids\":[12,15]}")))
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        JsonBody b = JsonBody.read(body, contentLength, Set.of("ids", "comment"));
        List<Long> ids = b.longs("ids");
        if (ids.isEmpty() || ids.size() > 1000) {
            throw JsonBody.invalid("ids", "ids must name 1 to 1000 alarms, found " + ids.size());
        }
        return alarms.acknowledgeAll(ids, b.text("comment", false, 2000));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Get an alarm, with its comments")
    @APIResponse(responseCode = "200", description = "the alarm", content = @Content(schema = @Schema(implementation = AlarmView.class)))
    public AlarmView get(@PathParam("id") String id) {
        return alarms.get(alarmId(id));
    }

    @POST
    @Path("/{id}/ack")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Acknowledge an alarm", description = "UNACKNOWLEDGED becomes ACKNOWLEDGED (or CLEARED when a latched "
            + "condition has cleared); RETURNED_UNACKNOWLEDGED becomes CLEARED. Optional body {\"comment\": \"...\"}.")
    @APIResponse(responseCode = "200", description = "the alarm after", content = @Content(schema = @Schema(implementation = AlarmView.class)))
    @APIResponse(responseCode = "409", description = "already acknowledged or cleared",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlarmView ack(@PathParam("id") String id,
            @RequestBody(content = @Content(examples = @ExampleObject(name = "with a comment", value = "{\"comment\":\"PC_A lead wire loose, crew on it\"}")))
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        long alarmId = alarmId(id);
        JsonBody b = JsonBody.read(body, contentLength, Set.of("comment"));
        return alarms.acknowledge(alarmId, b.text("comment", false, 2000));
    }

    @POST
    @Path("/{id}/shelve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Shelve an alarm", description = "Body {\"duration\": \"5m\" | \"10m\" | \"15m\" | \"until-unshelved\", "
            + "\"reason\": \"...\"}. Latching alarms (CRITICAL, SEVERE) cannot be shelved; an escalation ends a shelf.")
    @APIResponse(responseCode = "200", description = "the alarm after", content = @Content(schema = @Schema(implementation = AlarmView.class)))
    @APIResponse(responseCode = "409", description = "a latching alarm",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlarmView shelve(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(examples = @ExampleObject(name = "ten minutes", value = "{\"duration\":\"10m\",\"reason\":\"chattering during chill-down\"}")))
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        long alarmId = alarmId(id);
        JsonBody b = JsonBody.read(body, contentLength, Set.of("duration", "reason"));
        String raw = b.text("duration", true, 32);
        Shelf.Period period = Shelf.Period.parse(raw).orElseThrow(() -> JsonBody.invalid("duration",
                "duration must be one of " + Shelf.Period.labels() + ", found '" + raw + "'"));
        return alarms.shelve(alarmId, period, b.text("reason", false, 500));
    }

    @POST
    @Path("/{id}/unshelve")
    @RolesAllowed({Roles.LEAD, Roles.ADMIN})
    @Operation(summary = "Un-shelve an alarm", description = "Lead or admin.")
    @APIResponse(responseCode = "200", description = "the alarm after", content = @Content(schema = @Schema(implementation = AlarmView.class)))
    @APIResponse(responseCode = "409", description = "not shelved",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlarmView unshelve(@PathParam("id") String id) {
        return alarms.unshelve(alarmId(id));
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Assign an alarm to a user", description = "Body {\"assignee\": \"user name\"}; null unassigns.")
    @APIResponse(responseCode = "200", description = "the alarm after", content = @Content(schema = @Schema(implementation = AlarmView.class)))
    public AlarmView assign(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(examples = @ExampleObject(name = "assign", value = "{\"assignee\":\"lead\"}")))
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        long alarmId = alarmId(id);
        JsonBody b = JsonBody.read(body, contentLength, Set.of("assignee"));
        if (!b.has("assignee")) {
            throw JsonBody.invalid("assignee", "assignee is required (null unassigns)");
        }
        return alarms.assign(alarmId, b.text("assignee", false, 255));
    }

    @POST
    @Path("/{id}/comment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Comment on an alarm", description = "Body {\"text\": \"...\"}, at most 2000 characters.")
    @APIResponse(responseCode = "200", description = "the alarm after, with its comments",
            content = @Content(schema = @Schema(implementation = AlarmView.class)))
    public AlarmView comment(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(examples = @ExampleObject(name = "comment", value = "{\"text\":\"seen on the stand video too\"}")))
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        long alarmId = alarmId(id);
        JsonBody b = JsonBody.read(body, contentLength, Set.of("text"));
        return alarms.comment(alarmId, b.text("text", true, 2000));
    }

    @POST
    @Path("/{id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Set an alarm's tags", description = "Body {\"tags\": [\"...\"]} replaces the tags: at most 20, each 1 to 40 "
            + "letters, digits, spaces or _ . : -.")
    @APIResponse(responseCode = "200", description = "the alarm after", content = @Content(schema = @Schema(implementation = AlarmView.class)))
    public AlarmView tags(@PathParam("id") String id,
            @RequestBody(required = true, content = @Content(examples = @ExampleObject(name = "tags", value = "{\"tags\":[\"instrumentation\",\"HF-042\"]}")))
            InputStream body, @HeaderParam("Content-Length") String contentLength) {
        long alarmId = alarmId(id);
        JsonBody b = JsonBody.read(body, contentLength, Set.of("tags"));
        return alarms.tags(alarmId, b.strings("tags"));
    }

    private static long alarmId(String raw) {
        try {
            long v = Long.parseLong(raw);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // a malformed id names no alarm
        }
        throw ProblemException.notFound("alarm", raw);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
