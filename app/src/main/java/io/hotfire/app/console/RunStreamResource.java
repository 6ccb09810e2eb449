package io.hotfire.app.console;

import io.hotfire.app.run.RunService;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.Params;
import io.hotfire.app.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Server-sent events of a run's committed frames and events, for the console's live view. */
@Path("/api/v1/runs/{runId}/stream")
@Tag(name = "console", description = "Engineer console: live stream, engine profiles, simulated and replayed runs")
public class RunStreamResource {

    @Inject
    LiveHub hub;

    @Inject
    RunService runs;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Live stream of a run",
            description = "Server-sent events: first 'hello' {runId, lastSeq, sentAt}, then at most every 100 ms a 'batch' "
                    + "{sentAt, frames: [[seq, t, value per channel in the run's channel order, null = no reading]], events: [event]} "
                    + "of what was committed since, and a 'heartbeat' every 15 s. Only committed data is sent; read the history "
                    + "from /frames and /events after 'hello' and drop duplicates by seq and event id. 'seconds' closes the stream "
                    + "after that many seconds (0: after 'hello').")
    public void stream(@PathParam("runId") String runId, @QueryParam("seconds") String seconds, @Context SseEventSink sink,
            @Context Sse sse) {
        UUID id = Params.runId(runId);
        Long lastSeq = runs.get(id).lastSeq();
        Long maxMillis = null;
        if (seconds != null && !seconds.isBlank()) {
            double s;
            try {
                s = Double.parseDouble(seconds.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "seconds must be a number, got '" + seconds + "'")
                        .with("field", "seconds");
            }
            if (!(s >= 0) || s > 86_400) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "seconds must lie in 0..86400, got " + seconds)
                        .with("field", "seconds");
            }
            maxMillis = Math.round(s * 1000);
        }
        SseSubscriber subscriber = new SseSubscriber(sink, sse);
        String hello = "{\"runId\":\"" + id + "\",\"lastSeq\":" + lastSeq + ",\"sentAt\":" + System.currentTimeMillis() + "}";
        if (maxMillis != null && maxMillis == 0) {
            // close once 'hello' is written: closing while the write is pending made the server log
            // "Response has already been written" for every such request
            sink.send(sse.newEventBuilder().name("hello").data(String.class, hello).build())
                    .whenComplete((ok, err) -> subscriber.close());
            return;
        }
        subscriber.send("hello", hello);
        hub.subscribe(id, subscriber, maxMillis);
    }

    static final class SseSubscriber implements LiveHub.Subscriber {
        private final SseEventSink sink;
        private final Sse sse;
        private volatile boolean failed;

        SseSubscriber(SseEventSink sink, Sse sse) {
            this.sink = sink;
            this.sse = sse;
        }

        @Override
        public boolean send(String name, String json) {
            if (failed || sink.isClosed()) {
                return false;
            }
            sink.send(sse.newEventBuilder().name(name).data(String.class, json).build())
                    .whenComplete((ok, err) -> {
                        if (err != null) {
                            failed = true;
                        }
                    });
            return true;
        }

        @Override
        public void close() {
            failed = true;
            if (!sink.isClosed()) {
                sink.close();
            }
        }
    }
}
