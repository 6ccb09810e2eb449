package io.hotfire.sim.scenario;

import io.hotfire.domain.profile.Range;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.twin.EngineTwin;
import io.hotfire.sim.twin.TwinDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * A slow valve only shows when its command moves. For every valve fault without a command change
 * after its onset this adds one, 2 s after onset: a throttle step of 15 points (inside the qualified
 * range) for the GG valve, a 4 s valve check to 85 % for a main valve.
 */
public final class CommandChanges {

    static final double DELAY_S = 2.0;
    static final double THROTTLE_STEP = 15.0;
    static final double CHECK_LEVEL = 85.0;
    static final double CHECK_HOLD_S = 4.0;

    private CommandChanges() {
    }

    public static Scenario ensureFor(Scenario sc, TwinDomain domain) {
        EngineTwin twin = domain.twin();
        double shutdown = twin.shutdownTime(sc.durationS());
        String gg = domain.config().ggValve().id();
        Scenario out = sc;
        for (FaultSpec f : sc.faults()) {
            if (f.valve() == null) {
                continue;
            }
            double at = Math.min(f.onsetS() + DELAY_S, shutdown - CHECK_HOLD_S - 1.0);
            at = Math.max(at, domain.config().sequence().startS());
            if (f.valve().equals(gg)) {
                if (out.throttle().steps().stream().noneMatch(s -> s.atS() >= f.onsetS())) {
                    double level = out.throttle().targetAt(at);
                    Range q = domain.profile().qualifiedThrottle();
                    double up = level + THROTTLE_STEP;
                    double to = up <= q.high() * domain.profile().throttleScale() + 1e-9 ? up : level - THROTTLE_STEP;
                    out = out.withThrottle(out.throttle().withStep(new ThrottleStep(at, to)));
                }
            } else if (out.valveSteps().stream().noneMatch(v -> v.valve().equals(f.valve()) && v.atS() >= f.onsetS())) {
                List<ValveStep> steps = new ArrayList<>(out.valveSteps());
                steps.add(new ValveStep(f.valve(), at, CHECK_LEVEL, CHECK_HOLD_S));
                out = out.withValveSteps(steps);
            }
        }
        return out;
    }
}
