package io.hotfire.sim.scenario;

import io.hotfire.sim.fault.FaultSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that defines one simulated run apart from its seed.
 *
 * @param name       short name (used in test ids); not part of the physics
 * @param durationS  total length of the record, s; shutdown is commanded so that the shutdown
 *                   transient and the tail fit before the end
 * @param throttle   commanded power level
 * @param valveSteps mainstage main-valve command changes
 * @param conditions propellant and engine-unit conditions
 * @param faults     injected faults (component, sensor, novel), possibly several
 */
public record Scenario(String name, double durationS, ThrottleProfile throttle, List<ValveStep> valveSteps,
        Conditions conditions, List<FaultSpec> faults) {

    public Scenario {
        valveSteps = List.copyOf(valveSteps);
        faults = List.copyOf(faults);
    }

    public static Scenario nominal(String name, double durationS, ThrottleProfile throttle) {
        return new Scenario(name, durationS, throttle, List.of(), Conditions.NOMINAL, List.of());
    }

    public Scenario withFaults(List<FaultSpec> f) {
        return new Scenario(name, durationS, throttle, valveSteps, conditions, f);
    }

    public Scenario withFault(FaultSpec f) {
        List<FaultSpec> all = new ArrayList<>(faults);
        all.add(f);
        return withFaults(all);
    }

    public Scenario withThrottle(ThrottleProfile t) {
        return new Scenario(name, durationS, t, valveSteps, conditions, faults);
    }

    public Scenario withValveSteps(List<ValveStep> v) {
        return new Scenario(name, durationS, throttle, v, conditions, faults);
    }

    public Scenario withConditions(Conditions c) {
        return new Scenario(name, durationS, throttle, valveSteps, c, faults);
    }

    public Scenario withName(String n) {
        return new Scenario(n, durationS, throttle, valveSteps, conditions, faults);
    }

    public Scenario withDuration(double d) {
        return new Scenario(name, d, throttle, valveSteps, conditions, faults);
    }
}
