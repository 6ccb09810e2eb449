package io.hotfire.sim.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The commanded power level over a run, in THROTTLE_CMD units (percent): the level the start
 * transient goes to, then steps that the sequencer follows at no more than {@code ratePerS}.
 */
public record ThrottleProfile(double initialPercent, List<ThrottleStep> steps, double ratePerS) {

    public ThrottleProfile {
        List<ThrottleStep> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(ThrottleStep::atS));
        steps = List.copyOf(sorted);
    }

    public static ThrottleProfile constant(double percent, double ratePerS) {
        return new ThrottleProfile(percent, List.of(), ratePerS);
    }

    /** The level the command is heading for at time t. */
    public double targetAt(double t) {
        double target = initialPercent;
        for (ThrottleStep s : steps) {
            if (s.atS() <= t) {
                target = s.toPercent();
            }
        }
        return target;
    }

    public double minPercent() {
        return steps.stream().mapToDouble(ThrottleStep::toPercent).reduce(initialPercent, Math::min);
    }

    public double maxPercent() {
        return steps.stream().mapToDouble(ThrottleStep::toPercent).reduce(initialPercent, Math::max);
    }

    public ThrottleProfile withStep(ThrottleStep step) {
        List<ThrottleStep> s = new ArrayList<>(steps);
        s.add(step);
        return new ThrottleProfile(initialPercent, s, ratePerS);
    }
}
