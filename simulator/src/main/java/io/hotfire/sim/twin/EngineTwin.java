package io.hotfire.sim.twin;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.sim.scenario.Scenario;
import java.util.SplittableRandom;

/**
 * The GG-1 digital twin: a reduced-order, closed-loop model of a gas-generator-cycle engine on a
 * test stand, sampled at the profile's rate. simulator/README.md gives the equations; the names
 * below follow it (θ, S, n, g, ρ, q, pc). Everything is deterministic for a seed: one
 * {@link SplittableRandom} stream per sensor for noise (drawn every sample, so a faulty and a
 * nominal run with the same seed carry identical noise) and one per fault for its own choices;
 * only {@link StrictMath} is used, so results do not depend on the JIT.
 */
public final class EngineTwin {

    private final TwinConfig cfg;
    private final EngineProfile profile;
    private final int sensorCount;
    private final int[] decimals;
    private final double oxFlowShare;

    public EngineTwin(TwinConfig cfg) {
        this.cfg = cfg;
        this.profile = cfg.profile();
        this.sensorCount = profile.sensors().size();
        this.decimals = profile.sensors().stream().mapToInt(Precision::decimals).toArray();
        TwinConfig.Roles r = cfg.roles();
        double ox = profile.sensors().get(r.oxFlow()).nominal();
        double fuel = profile.sensors().get(r.fuelFlow()).nominal();
        this.oxFlowShare = ox / (ox + fuel);
    }

    public TwinConfig config() {
        return cfg;
    }

    /** The oxidiser's share of the propellant flow at nominal. */
    double oxFlowShare() {
        return oxFlowShare;
    }

    /** Decimal places each sensor's readings are rounded to, in profile order. */
    public int[] decimals() {
        return decimals.clone();
    }

    /** Simulates one run. The same scenario and seed always give the same frames. */
    public SimulatedRun simulate(Scenario sc, long seed) {
        return new TwinRun(this, sc, seed).execute();
    }

    /** The twin's shutdown command time for a run of this duration. */
    public double shutdownTime(double durationS) {
        TwinConfig.Sequence s = cfg.sequence();
        return durationS - s.shutdownS() - s.tailS();
    }

    /** The shortest run the sequence allows: start, 2 s of mainstage, shutdown and tail. */
    public double minimumDuration() {
        TwinConfig.Sequence s = cfg.sequence();
        return Math.max(s.startS(), profile.phase().mainstageAfterSeconds()) + 2.0 + s.shutdownS() + s.tailS();
    }

    /** GG valve schedule: the profile's expected command at θ, limited to the valve's span. */
    double ggSchedule(double theta) {
        SensorSpec cmd = profile.sensors().get(cfg.ggValve().command());
        return Math.min(cmd.span().high(), cmd.expected(theta));
    }
}
