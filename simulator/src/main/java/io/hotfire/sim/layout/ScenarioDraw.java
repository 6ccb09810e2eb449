package io.hotfire.sim.layout;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.scenario.ThrottleStep;
import io.hotfire.sim.twin.TwinConfig;
import io.hotfire.sim.twin.TwinDomain;
import java.util.List;
import java.util.SplittableRandom;
/**
 * Draws the parts of one scenario of the standard layout from the layout's generator: throttle
 * levels inside (or at the edges of) the qualified range, run durations, fault onsets, a catalogue
 * fault's scenario and an engine unit's offsets. Every draw takes its numbers from the generator
 * it is given, in a fixed order, so a seed always gives the same layout.
 */
final class ScenarioDraw {

    private final TwinDomain domain;
    private final EngineProfile profile;
    private final TwinConfig cfg;

    ScenarioDraw(TwinDomain domain) {
        this.domain = domain;
        this.profile = domain.profile();
        this.cfg = domain.config();
    }

    double duration(StandardLayout.Options opt, double preferred) {
        return opt.durationS() > 0 ? Math.max(opt.durationS(), domain.twin().minimumDuration()) : preferred;
    }

    double qLow() {
        return profile.qualifiedThrottle().low() * profile.throttleScale();
    }

    double qHigh() {
        return profile.qualifiedThrottle().high() * profile.throttleScale();
    }

    static double round1(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    /** A level inside the qualified range at least {@code minApart} points from {@code a}. */
    double other(SplittableRandom rng, double a, double minApart) {
        for (int tries = 0; tries < 50; tries++) {
            double b = Math.round(uniform(rng, qLow(), qHigh()));
            if (Math.abs(b - a) >= minApart) {
                return b;
            }
        }
        return a - minApart >= qLow() ? a - minApart : a + minApart;
    }

    /**
     * A single catalogue fault. Faults the Pc loop answers get a level with GG valve headroom (the
     * ICD schedules the valve fully open at 100 %), the others any qualified level.
     */
    Scenario faultScenario(String code, SplittableRandom rng, StandardLayout.Options opt, int variant, double lo, double hi) {
        CatalogFault cf = domain.catalog().fault(code).orElseThrow();
        double top = cf.signature().hasPlantTerms() ? Math.min(hi, 0.95 * profile.throttleScale()) : hi;
        double level = Math.round(uniform(rng, lo, Math.max(lo, top)));
        double ramp = round1(cf.rampS() * uniform(rng, 0.5, 1.5));
        double d = duration(opt, cf.rampS() >= 10 ? 50 : 40);
        double onset = onset(rng, d, ramp);
        double severity = Math.round(uniform(rng, 0.6, 1.0) * 100) / 100.0;
        String valve = null;
        if (cf.signature().valve() != null) {
            List<String> valves = cf.signature().valves();
            valve = valves.get(variant % valves.size());
        }
        ThrottleProfile tp = ThrottleProfile.constant(level, cfg.sequence().throttleRatePerS());
        if (variant % 3 == 2 && onset > 9) {
            double start = other(rng, level, 10);
            if (!cf.signature().hasPlantTerms() || start <= top) {
                tp = new ThrottleProfile(start, List.of(new ThrottleStep(round1(uniform(rng, 4, onset - 4)), level)),
                        cfg.sequence().throttleRatePerS());
            }
        }
        return new Scenario(code.toLowerCase().replace('_', '-'), d, tp, List.of(), Conditions.NOMINAL,
                List.of(FaultSpec.component(code, valve, onset, ramp, severity, cf.signature(), false)));
    }

    /**
     * An onset between 8 and 18 s that leaves the ramp and 6 s of full severity before shutdown;
     * in short runs as late as that allows, never before mainstage.
     */
    double onset(SplittableRandom rng, double durationS, double rampS) {
        double mainstage = profile.phase().mainstageAfterSeconds();
        double shutdown = domain.twin().shutdownTime(durationS);
        double hi = Math.min(18, shutdown - rampS - 6);
        double lo = Math.min(8, hi);
        double t = uniform(rng, lo, Math.max(lo, hi));
        return round1(Math.max(mainstage, Math.min(t, shutdown - 1)));
    }

    static Conditions unit(SplittableRandom rng) {
        double pc = (rng.nextBoolean() ? 1 : -1) * Math.round(uniform(rng, 0.02, 0.04) * 1000) / 1000.0;
        double speed = (rng.nextBoolean() ? 1 : -1) * Math.round(uniform(rng, 0.01, 0.03) * 1000) / 1000.0;
        double thrust = (rng.nextBoolean() ? 1 : -1) * Math.round(uniform(rng, 0.01, 0.02) * 1000) / 1000.0;
        return new Conditions(null, null, pc, speed, thrust);
    }
}
