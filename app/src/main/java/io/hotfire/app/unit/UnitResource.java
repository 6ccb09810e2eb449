package io.hotfire.app.unit;

import io.hotfire.app.problem.Problem;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.JsonBody;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.chart.ReportCharts;
import io.hotfire.domain.unit.IndicatorValue;
import java.util.ArrayList;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/units")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "units", description = "Engine units across runs: run ends, life consumed, indicators and trend findings")
public class UnitResource {

    private final UnitService units;

    public UnitResource(UnitService units) {
        this.units = units;
    }

    @GET
        @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "List engine units", description = "Units named by runs, most recently fired first.")
    public List<UnitViews.UnitSummary> list(@QueryParam("engine") String engine) {
        return units.units(engine == null || engine.isBlank() ? null : engine);
    }

    @GET
    @Path("/{serial}")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "An engine unit", description = "Its runs oldest first with indicators and trend findings, life consumed, maintenance.")
    public UnitViews.UnitView unit(@PathParam("serial") String serial) {
        return units.unit(serial);
    }

    @GET
    @Path("/{serial}/charts/{indicator}.png")
    @Produces("image/png")
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "An indicator over the unit's runs (PNG)", description = "Missing values left out; trend findings marked at the run that concluded them.")
    public Response indicatorChart(@PathParam("serial") String serial, @PathParam("indicator") String indicator) {
        UnitViews.UnitView u = units.unit(serial);
        UnitViews.IndicatorInfo info = u.indicators().stream().filter(i -> i.id().equals(indicator)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("indicator of engine " + u.engine(), indicator).with("field", "indicator"));
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        List<Integer> marked = new ArrayList<>();
        for (int i = 0; i < u.history().size(); i++) {
            UnitViews.HistoryRun r = u.history().get(i);
            labels.add(r.testId() == null ? r.runId().toString().substring(0, 8) : r.testId());
            values.add(r.indicators().stream().filter(v -> v.indicator().equals(indicator) && !v.isMissing())
                    .map(IndicatorValue::value).findFirst().orElse(null));
            if (r.trends().stream().anyMatch(t -> t.indicator().equals(indicator))) {
                marked.add(i);
            }
        }
        byte[] png = ReportCharts.indicator(u.unit() + ": " + info.name(), info.unit(), labels, values, marked);
        return Response.ok(png, "image/png").build();
    }

    @POST
    @Path("/{serial}/maintenance")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD})
    @Operation(summary = "Record maintenance on a unit", description = "Body {\"note\": \"...\"}; the next run starts a new baseline.")
    public UnitViews.MaintenanceView maintenance(@PathParam("serial") String serial, InputStream body,
            @HeaderParam("Content-Length") String contentLength) {
        if (serial.length() > 64 || !serial.matches("[A-Za-z0-9][A-Za-z0-9._/-]*")) {
            throw JsonBody.invalid("serial", "a unit serial is letters, digits and . _ - / (at most 64)");
        }
        JsonBody b = JsonBody.read(body, contentLength, Set.of("note"));
        return units.maintenance(serial, b.text("note", true, 2000));
    }
}
