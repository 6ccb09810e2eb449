package io.hotfire.sim.twin;

import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.scenario.Scenario;
import java.util.List;

/**
 * One simulated run: its telemetry at the profile's sample rate, in profile sensor order, rounded
 * to each sensor's output precision (NaN = dead reading), and its ground truth.
 *
 * @param scenario  what was simulated
 * @param seed      the seed; the same scenario and seed give identical frames
 * @param faults    the injected faults with every choice the twin made resolved (drift sign, dead mode)
 * @param frames    telemetry, t = seconds since the start command
 * @param shutdownS run time of the shutdown command
 * @param redline   whether and when the physical signal crossed a redline
 */
public record SimulatedRun(Scenario scenario, long seed, List<FaultSpec> faults, List<Frame> frames,
        double shutdownS, Redline redline) {

    public SimulatedRun {
        faults = List.copyOf(faults);
        frames = List.copyOf(frames);
    }
}
