package io.hotfire.sim.cli;

import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.scenario.ThrottleStep;
import io.hotfire.sim.twin.TwinDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scenario a {@code simulate} command line describes without a scenario file: throttle
 * profile, catalogue and sensor faults with their timing, inlet conditions, unit offsets and
 * noise, each checked against the twin's domain.
 */
final class OptionScenario {

    private OptionScenario() {
    }

    static Scenario fromOptions(SimulateOptions o, TwinDomain domain) {
        double rate = domain.config().sequence().throttleRatePerS();
        double duration = o.duration > 0 ? o.duration : 40.0;
        ThrottleProfile throttle = o.throttle != null ? parseThrottle(o.throttle, rate) : ThrottleProfile.constant(100, rate);
        double max = domain.profile().sensors().get(domain.config().roles().throttle()).span().high();
        for (double p : new double[] {throttle.minPercent(), throttle.maxPercent()}) {
            if (p < 1 || p > max) {
                throw new IllegalArgumentException("--throttle levels must lie in 1.." + max + " %, got " + p);
            }
        }
        double shutdown = domain.twin().shutdownTime(duration);
        for (ThrottleStep s : throttle.steps()) {
            if (s.atS() < domain.config().sequence().startS() || s.atS() >= shutdown) {
                throw new IllegalArgumentException("--throttle step at " + s.atS() + " s is outside mainstage ("
                        + domain.config().sequence().startS() + ".." + shutdown + " s)");
            }
        }
        List<FaultSpec> faults = new ArrayList<>();
        double defaultOnset = Math.min(15.0, Math.max(domain.config().sequence().startS(), shutdown / 2));
        for (String f : o.faults) {
            faults.add(parseFault(f, domain, defaultOnset));
        }
        for (String f : o.sensorFaults) {
            faults.add(parseSensorFault(f, domain, defaultOnset));
        }
        double[] unit = o.unitOffset != null ? parseUnit(o.unitOffset) : new double[3];
        Conditions c = new Conditions(o.loxInlet, o.fuelInlet, unit[0], unit[1], unit[2],
                o.noiseScale == null ? 1.0 : o.noiseScale, Map.of());
        String name = faults.isEmpty() ? "nominal" : faults.get(0).code().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Scenario(name, duration, throttle, List.of(), c, faults);
    }

    /** {@code 85} or {@code 85,95@15,75@25}. */
    static ThrottleProfile parseThrottle(String s, double rate) {
        String[] parts = s.split(",");
        double initial = SimulateOptions.number(parts[0], "--throttle level");
        List<ThrottleStep> steps = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] lt = parts[i].split("@");
            if (lt.length != 2) {
                throw new IllegalArgumentException("--throttle step '" + parts[i] + "' must be LEVEL@TIME");
            }
            steps.add(new ThrottleStep(SimulateOptions.number(lt[1], "--throttle step time"), SimulateOptions.number(lt[0], "--throttle step level")));
        }
        return new ThrottleProfile(initial, steps, rate);
    }

    /** {@code CODE[:VALVE][@ONSET[:RAMP[:SEVERITY]]]}. */
    static FaultSpec parseFault(String s, TwinDomain domain, double defaultOnset) {
        String[] at = s.split("@", 2);
        String[] cv = at[0].split(":", 2);
        String code = cv[0].trim().toUpperCase(Locale.ROOT);
        if (code.startsWith("SENSOR_")) {
            throw new IllegalArgumentException("--fault " + s + ": sensor faults go in --sensor-fault KIND:SENSOR@ONSET");
        }
        CatalogFault cf = domain.catalog().fault(code).orElseThrow(() -> new IllegalArgumentException(
                "--fault " + s + ": unknown fault code '" + code + "'; known: " + domain.catalog().codes()
                        + " (a novel fault needs a --scenario file)"));
        String valve = null;
        if (cf.signature().valve() != null) {
            List<String> valves = cf.signature().valves();
            valve = cv.length > 1 ? cv[1].trim().toUpperCase(Locale.ROOT) : valves.get(valves.size() - 1);
            if (!valves.contains(valve)) {
                throw new IllegalArgumentException("--fault " + s + ": " + code + " applies to " + valves + ", got '" + valve + "'");
            }
        } else if (cv.length > 1) {
            throw new IllegalArgumentException("--fault " + s + ": " + code + " takes no valve");
        }
        double[] orS = timing(at.length > 1 ? at[1] : null, "--fault " + s, defaultOnset, cf.rampS());
        return FaultSpec.component(code, valve, orS[0], orS[1], orS[2], cf.signature(), false);
    }

    /** {@code KIND:SENSOR[@ONSET[:RAMP[:SEVERITY]]]}. */
    static FaultSpec parseSensorFault(String s, TwinDomain domain, double defaultOnset) {
        String[] at = s.split("@", 2);
        String[] ks = at[0].split(":", 2);
        if (ks.length != 2) {
            throw new IllegalArgumentException("--sensor-fault " + s + ": must be KIND:SENSOR@ONSET, e.g. DRIFT:PC_A@20");
        }
        SensorFaultKind kind = SensorFaultKind.parse(ks[0]).orElseThrow(() -> new IllegalArgumentException(
                "--sensor-fault " + s + ": unknown kind '" + ks[0] + "'; known: " + Arrays.toString(SensorFaultKind.values())));
        String sensor = ks[1].trim();
        if (domain.profile().indexOf(sensor) < 0) {
            throw new IllegalArgumentException("--sensor-fault " + s + ": profile " + domain.profile().id()
                    + " has no sensor '" + sensor + "'");
        }
        double[] orS = timing(at.length > 1 ? at[1] : null, "--sensor-fault " + s, defaultOnset, 0.0);
        return FaultSpec.sensor(kind, sensor, orS[0], orS[1], orS[2]);
    }

    private static double[] timing(String spec, String what, double defaultOnset, double defaultRamp) {
        double onset = defaultOnset;
        double ramp = defaultRamp;
        double severity = 1.0;
        if (spec != null) {
            String[] p = spec.split(":");
            if (p.length > 3) {
                throw new IllegalArgumentException(what + ": expected @ONSET[:RAMP[:SEVERITY]]");
            }
            onset = SimulateOptions.number(p[0], what + " onset");
            if (p.length > 1) {
                ramp = SimulateOptions.number(p[1], what + " ramp");
            }
            if (p.length > 2) {
                severity = SimulateOptions.number(p[2], what + " severity");
            }
        }
        if (onset < 0) {
            throw new IllegalArgumentException(what + ": onset must be ≥ 0, got " + onset);
        }
        if (ramp < 0) {
            throw new IllegalArgumentException(what + ": ramp must be ≥ 0, got " + ramp);
        }
        if (severity < 0 || severity > 1) {
            throw new IllegalArgumentException(what + ": severity must lie in 0..1, got " + severity);
        }
        return new double[] {onset, ramp, severity};
    }

    static double[] parseUnit(String s) {
        String[] p = s.split(",");
        if (p.length != 3) {
            throw new IllegalArgumentException("--unit-offset must be PC,SPEED,THRUST fractions, e.g. 0.03,-0.02,0.01");
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = SimulateOptions.number(p[i], "--unit-offset");
            if (Math.abs(out[i]) > 0.2) {
                throw new IllegalArgumentException("--unit-offset values are fractions within ±0.2, got " + out[i]);
            }
        }
        return out;
    }
}
