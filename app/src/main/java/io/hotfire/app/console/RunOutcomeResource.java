package io.hotfire.app.console;

import io.hotfire.app.security.Roles;
import io.hotfire.domain.event.Severity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.Session;

/** What each run came to, for the console's runs list: its findings, whether it aborted, the worst severity. */
@Path("/api/v1/runs/outcomes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class RunOutcomeResource {

    /**
     * A run's outcome from its stored events.
     *
     * @param findings     fault codes of its FINDING events, sorted
     * @param firstFindingT run time of the first finding, null without one
     * @param aborted      an ABORT was recommended
     * @param abortT       run time of the abort, null without one
     * @param maxSeverity  the worst severity of its findings, alarms, sensor events and abort; null when none
     */
    public record Outcome(UUID runId, List<String> findings, Double firstFindingT, boolean aborted, Double abortT, String maxSeverity) {
    }

    @Inject
    Session session;

    @GET
    @Transactional
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Run outcomes", description = "Per run with any finding, alarm, sensor event or abort: fault codes found, "
            + "abort and its time, worst severity. Runs without such events are not listed (nominal).")
    @APIResponse(responseCode = "200", description = "outcomes", content = @Content(schema = @Schema(implementation = Outcome[].class)))
    public List<Outcome> outcomes() {
        List<Object[]> rows = session.createSelectionQuery("select e.runId, e.type, e.severity, e.code, min(e.t) from EventEntity e"
                + " where e.type in ('FINDING', 'ABORT', 'ALARM', 'SENSOR') group by e.runId, e.type, e.severity, e.code", Object[].class)
                .getResultList();
        Map<UUID, Acc> acc = new LinkedHashMap<>();
        for (Object[] r : rows) {
            Acc a = acc.computeIfAbsent((UUID) r[0], k -> new Acc());
            String type = (String) r[1];
            Severity sev = Severity.valueOf((String) r[2]);
            double t = ((Number) r[4]).doubleValue();
            a.max = a.max == null || sev.compareTo(a.max) > 0 ? sev : a.max;
            if ("FINDING".equals(type)) {
                a.findings.add((String) r[3]);
                a.firstFinding = a.firstFinding == null ? t : Math.min(a.firstFinding, t);
            } else if ("ABORT".equals(type)) {
                a.abort = a.abort == null ? t : Math.min(a.abort, t);
            }
        }
        List<Outcome> out = new ArrayList<>();
        acc.forEach((id, a) -> out.add(new Outcome(id, List.copyOf(a.findings), a.firstFinding, a.abort != null, a.abort,
                a.max == null ? null : a.max.name())));
        return out;
    }

    private static final class Acc {
        final TreeSet<String> findings = new TreeSet<>();
        Double firstFinding;
        Double abort;
        Severity max;
    }
}
