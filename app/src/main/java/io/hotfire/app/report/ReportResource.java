package io.hotfire.app.report;

import io.hotfire.app.security.Roles;
import io.hotfire.app.web.Params;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A run's quick-look report: JSON for the console page, PDF for the record, PNG charts for both. */
@Path("/api/v1/runs/{runId}")
@Tag(name = "reports", description = "Quick-look report per run")
public class ReportResource {

    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    @GET
    @Path("/report")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "The run's quick-look report", description = "Key channels, findings timeline, alarm actions, notes, "
            + "the labelled explanation, versions and the run's last audit hash; a run in progress says so.")
    public ReportView report(@PathParam("runId") String id) {
        return reports.report(Params.runId(id));
    }

    @GET
    @Path("/report.pdf")
    @Produces("application/pdf")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "The run's quick-look report as PDF", description = "Charts drawn on the server.")
    public Response pdf(@PathParam("runId") String id) {
        UUID runId = Params.runId(id);
        ReportView r = reports.report(runId);
        byte[] pdf = ReportPdf.render(r, sensor -> reports.chart(runId, sensor));
        String name = "hotfire-report-" + (r.run().testId() == null ? runId : r.run().testId().replaceAll("[^A-Za-z0-9._-]", "_")) + ".pdf";
        return Response.ok(pdf, "application/pdf").header("Content-Disposition", "inline; filename=\"" + name + "\"").build();
    }

    @GET
    @Path("/report/charts/{sensor}.png")
    @Produces("image/png")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "A key channel's chart (PNG): value, expected, band, limits, findings")
    public Response chart(@PathParam("runId") String id, @PathParam("sensor") String sensor) {
        return Response.ok(reports.chart(Params.runId(id), sensor), "image/png").build();
    }
}
