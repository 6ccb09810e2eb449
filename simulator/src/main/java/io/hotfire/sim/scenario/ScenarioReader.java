package io.hotfire.sim.scenario;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.data.DataNode;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.fault.Signature;
import io.hotfire.sim.twin.EngineTwin;
import io.hotfire.sim.twin.TwinConfig;
import io.hotfire.sim.twin.TwinDomain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a scenario file (YAML or JSON; format in simulator/README.md, "Scenario files"). Every
 * error names the file and the field, e.g. {@code faults[1].severity: must lie in 0..1, got 1.5}.
 */
public final class ScenarioReader {

    /** A scenario and the seed the file asks for, if any. */
    public record ScenarioFile(Scenario scenario, Optional<Long> seed, String engine) {
    }

    private final TwinDomain domain;

    public ScenarioReader(TwinDomain domain) {
        this.domain = domain;
    }

    public ScenarioFile read(Path file) {
        return read(DataNode.read(file, SimDataException::new));
    }

    public ScenarioFile read(DataNode root) {
        root.allowOnly("name", "engine", "durationS", "seed", "throttle", "conditions", "valveSteps", "faults");
        EngineProfile profile = domain.profile();
        TwinConfig cfg = domain.config();
        EngineTwin twin = domain.twin();
        String engine = root.text("engine", profile.id());
        if (!engine.equals(profile.id())) {
            throw root.error("engine", "this simulator run is for engine '" + profile.id() + "', the file is for '" + engine + "'");
        }
        String name = root.text("name", "scenario");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw root.error("name", "use letters, digits, '.', '_' or '-', got '" + name + "'");
        }
        double duration = root.number("durationS", 40.0);
        if (duration < twin.minimumDuration() || duration > 3600) {
            throw root.error("durationS", "must lie in " + twin.minimumDuration() + "..3600 s, got " + duration);
        }
        double shutdown = twin.shutdownTime(duration);
        Optional<Long> seed = root.has("seed") ? Optional.of(root.integer("seed", 0)) : Optional.empty();

        ThrottleProfile throttle = throttle(root, cfg, shutdown);
        Conditions conditions = root.opt("conditions").map(c -> conditions(c, profile, cfg)).orElse(Conditions.NOMINAL);
        List<ValveStep> valveSteps = new ArrayList<>();
        for (DataNode v : root.list("valveSteps")) {
            valveSteps.add(valveStep(v, cfg, shutdown));
        }
        List<FaultSpec> faults = new ArrayList<>();
        for (DataNode f : root.list("faults")) {
            faults.add(fault(f, shutdown));
        }
        return new ScenarioFile(new Scenario(name, duration, throttle, valveSteps, conditions, faults), seed, engine);
    }

    private ThrottleProfile throttle(DataNode root, TwinConfig cfg, double shutdown) {
        double rate = cfg.sequence().throttleRatePerS();
        if (!root.has("throttle")) {
            return ThrottleProfile.constant(100, rate);
        }
        DataNode t = root.get("throttle");
        SensorSpec spec = cfg.profile().sensors().get(cfg.roles().throttle());
        if (t.isNumber()) {
            return ThrottleProfile.constant(level(t, spec), rate);
        }
        t.allowOnly("initial", "steps", "ratePerS");
        double initial = level(t.get("initial"), spec);
        double r = t.number("ratePerS", rate);
        if (r <= 0 || r > rate) {
            throw t.error("ratePerS", "must lie in (0, " + rate + "] %/s (the sequencer's limit), got " + r);
        }
        List<ThrottleStep> steps = new ArrayList<>();
        for (DataNode s : t.list("steps")) {
            s.allowOnly("at", "to");
            double at = s.number("at");
            if (at < cfg.sequence().startS() || at >= shutdown) {
                throw s.error("at", "must lie in mainstage, " + cfg.sequence().startS() + ".." + shutdown + " s, got " + at);
            }
            steps.add(new ThrottleStep(at, level(s.get("to"), spec)));
        }
        return new ThrottleProfile(initial, steps, r);
    }

    private static double level(DataNode n, SensorSpec spec) {
        double v = n.number();
        double min = Math.max(1.0, spec.span().low());
        if (v < min || v > spec.span().high()) {
            throw n.error("throttle must lie in " + min + ".." + spec.span().high() + " " + spec.unit() + ", got " + v);
        }
        return v;
    }

    private static Conditions conditions(DataNode c, EngineProfile profile, TwinConfig cfg) {
        c.allowOnly("loxInletK", "fuelInletK", "unit");
        Double lox = c.has("loxInletK") ? temperature(c, "loxInletK", profile.sensors().get(cfg.roles().oxInletTemperature())) : null;
        Double fuel = c.has("fuelInletK") ? temperature(c, "fuelInletK", profile.sensors().get(cfg.roles().fuelInletTemperature())) : null;
        double pc = 0;
        double speed = 0;
        double thrust = 0;
        if (c.has("unit")) {
            DataNode u = c.get("unit").allowOnly("pc", "speed", "thrust");
            pc = offset(u, "pc");
            speed = offset(u, "speed");
            thrust = offset(u, "thrust");
        }
        return new Conditions(lox, fuel, pc, speed, thrust);
    }

    private static double temperature(DataNode c, String name, SensorSpec spec) {
        double v = c.number(name);
        if (!spec.span().contains(v)) {
            throw c.error(name, "must lie in the " + spec.id() + " span " + spec.span().low() + ".." + spec.span().high()
                    + " K, got " + v);
        }
        return v;
    }

    private static double offset(DataNode u, String name) {
        double v = u.number(name, 0.0);
        if (Math.abs(v) > 0.2) {
            throw u.error(name, "a unit offset is a fraction within ±0.2, got " + v);
        }
        return v;
    }

    private static ValveStep valveStep(DataNode v, TwinConfig cfg, double shutdown) {
        v.allowOnly("valve", "at", "to", "holdS");
        String valve = v.text("valve");
        List<String> main = List.of(cfg.loxValve().id(), cfg.fuelValve().id());
        if (!main.contains(valve)) {
            throw v.error("valve", "must be one of the main valves " + main + " (the GG valve belongs to the controller), got '" + valve + "'");
        }
        double at = v.number("at");
        if (at < cfg.sequence().startS() || at >= shutdown) {
            throw v.error("at", "must lie in mainstage, " + cfg.sequence().startS() + ".." + shutdown + " s, got " + at);
        }
        double to = v.number("to");
        if (to < 0 || to > 100) {
            throw v.error("to", "must lie in 0..100 %, got " + to);
        }
        double hold = v.number("holdS");
        if (hold <= 0) {
            throw v.error("holdS", "must be > 0, got " + hold);
        }
        return new ValveStep(valve, at, to, hold);
    }

    private FaultSpec fault(DataNode f, double shutdown) {
        f.allowOnly("code", "sensor", "valve", "onset", "ramp", "severity", "sign", "mode", "signature");
        String code = f.text("code");
        double onset = f.number("onset");
        if (onset < 0 || onset >= shutdown) {
            throw f.error("onset", "must lie in 0.." + shutdown + " s (before the shutdown command), got " + onset);
        }
        double severity = f.number("severity", 1.0);
        if (severity < 0 || severity > 1) {
            throw f.error("severity", "must lie in 0..1, got " + severity);
        }
        Optional<SensorFaultKind> kind = SensorFaultKind.parse(code);
        if (kind.isPresent() && code.toUpperCase().startsWith("SENSOR_")) {
            return sensorFault(f, kind.get(), onset, severity);
        }
        for (String only : List.of("sensor", "sign", "mode")) {
            if (f.has(only)) {
                throw f.error(only, "only sensor faults (SENSOR_*) take " + only);
            }
        }
        Optional<CatalogFault> known = domain.catalog().fault(code);
        if (known.isPresent() && f.has("signature")) {
            throw f.error("signature", code + " is a catalogue fault; its signature comes from faults.yaml. "
                    + "Give a novel fault its own code");
        }
        if (known.isEmpty() && !f.has("signature")) {
            throw f.error("code", "'" + code + "' is neither a catalogue fault " + domain.catalog().codes()
                    + " nor SENSOR_<KIND>; a novel fault needs a signature");
        }
        if (known.isEmpty() && !code.matches("[A-Z][A-Z0-9_]*")) {
            throw f.error("code", "fault codes are UPPER_SNAKE, got '" + code + "'");
        }
        Signature sig;
        double defaultRamp;
        if (known.isPresent()) {
            sig = known.get().signature();
            defaultRamp = known.get().rampS();
        } else {
            DataNode s = f.get("signature").allowOnly("plant", "channels", "valve", "valves");
            sig = Signature.parse(s, domain.config());
            defaultRamp = 0.0;
        }
        double ramp = ramp(f, defaultRamp);
        String valve = null;
        if (sig.valve() != null) {
            valve = f.text("valve", sig.valves().get(sig.valves().size() - 1));
            if (!sig.valves().contains(valve)) {
                throw f.error("valve", code + " applies to " + sig.valves() + ", got '" + valve + "'");
            }
        } else if (f.has("valve")) {
            throw f.error("valve", code + " is not a valve fault");
        }
        return FaultSpec.component(code, valve, onset, ramp, severity, sig, known.isEmpty());
    }

    private FaultSpec sensorFault(DataNode f, SensorFaultKind kind, double onset, double severity) {
        for (String only : List.of("valve", "signature")) {
            if (f.has(only)) {
                throw f.error(only, "a sensor fault takes no " + only);
            }
        }
        String sensor = f.text("sensor");
        if (domain.profile().indexOf(sensor) < 0) {
            throw f.error("sensor", "profile " + domain.profile().id() + " has no sensor '" + sensor + "'");
        }
        FaultSpec spec = FaultSpec.sensor(kind, sensor, onset, ramp(f, 0.0), severity);
        if (f.has("sign")) {
            long s = f.integer("sign", 0);
            if (s != 1 && s != -1) {
                throw f.error("sign", "must be 1 or -1, got " + s);
            }
            spec = spec.withSign((int) s);
        }
        if (f.has("mode")) {
            if (kind != SensorFaultKind.DEAD) {
                throw f.error("mode", "only SENSOR_DEAD takes a mode");
            }
            String mode = f.text("mode");
            if (!List.of(FaultSpec.EMPTY, FaultSpec.HIGH, FaultSpec.LOW).contains(mode)) {
                throw f.error("mode", "must be empty, high or low, got '" + mode + "'");
            }
            spec = spec.withDeadMode(mode);
        }
        return spec;
    }

    private static double ramp(DataNode f, double fallback) {
        double r = f.number("ramp", fallback);
        if (r < 0) {
            throw f.error("ramp", "must be ≥ 0, got " + r);
        }
        return r;
    }
}
