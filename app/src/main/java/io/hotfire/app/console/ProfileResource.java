package io.hotfire.app.console;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.run.RunService;
import io.hotfire.app.security.Roles;
import io.hotfire.app.web.Params;
import io.hotfire.domain.profile.Band;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Limit;
import io.hotfire.domain.profile.Limits;
import io.hotfire.domain.profile.SensorSpec;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a chart needs of an engine profile: per sensor its unit, span, expected value
 * {@code nominal·θ^k}, the deviation band around it and the warning and redline lines (absolute, or a
 * factor of the expected value). The console computes them for the current θ as the rules do.
 */
@Path("/api/v1/runs/{runId}/profile")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "console")
public class ProfileResource {

    /** A limit line: {@code value} in the unit ({@code basis} ABSOLUTE) or a factor of expected(θ) ({@code basis} EXPECTED). */
    public record LineView(double value, String basis) {
        static LineView of(Limit l) {
            return l == null ? null : new LineView(l.value(), l.basis().name());
        }
    }

    public record LimitsView(LineView warnLow, LineView warnHigh, LineView redLow, LineView redHigh) {
    }

    /** Band half width = max(relative·|expected|, absolute, sigmas·noise/√windowSize). */
    public record BandView(double relative, double absolute, double sigmas) {
    }

    public record SensorView(String id, String description, String unit, double nominal, double k, double noise,
            double spanLow, double spanHigh, LimitsView limits, BandView band, String partner) {
    }

    /**
     * @param throttleChannel θ = reading of this channel / throttleScale
     * @param mainstageAfter  run time (s) after which limits apply
     * @param charts          the sensors charted first (the domain's {@code console.yaml}, see {@link ConsoleDefaults})
     */
    public record ProfileView(String id, String name, double sampleRateHz, String throttleChannel, double throttleScale,
            double mainstageAfter, int windowSize, List<String> channels, List<SensorView> sensors, List<String> charts) {
    }

    @Inject
    Engines engines;

    @Inject
    RunService runs;

    @Inject
    ConsoleDefaults defaults;

    @GET
    @RolesAllowed({Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN})
    @Operation(summary = "Chart data of a run's engine", description = "Sensors with unit, span, expected-value model, band and limit lines.")
    public ProfileView profile(@PathParam("runId") String runId) {
        EngineProfile p = engines.require(runs.get(Params.runId(runId)).engine(), "engine").profile();
        List<SensorView> sensors = p.sensors().stream().map(s -> view(p, s)).toList();
        return new ProfileView(p.id(), p.name(), p.sampleRateHz(), p.throttleChannel(), p.throttleScale(),
                p.phase().mainstageAfterSeconds(), p.windows().size(), p.sensorIds(), sensors, defaults.charts(p.id()));
    }

    private static SensorView view(EngineProfile p, SensorSpec s) {
        Limits l = s.limits() == null ? Limits.NONE : s.limits();
        Band b = p.symptoms().band(s.id());
        return new SensorView(s.id(), s.description(), s.unit(), s.nominal(), s.k(), s.noise(), s.span().low(), s.span().high(),
                new LimitsView(LineView.of(l.warnLow()), LineView.of(l.warnHigh()), LineView.of(l.redLow()), LineView.of(l.redHigh())),
                new BandView(b.relative(), b.absolute(), b.sigmas()), p.partnerOf(s.id()).orElse(null));
    }
}
