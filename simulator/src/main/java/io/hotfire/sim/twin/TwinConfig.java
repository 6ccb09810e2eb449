package io.hotfire.sim.twin;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.profile.TrackingLimit;
import io.hotfire.domain.data.DataNode;
import io.hotfire.sim.datafile.SimDataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The twin's own data ({@code <domain>/twin/twin.yaml}) bound to an engine profile: which sensor
 * plays which part in the model, time constants, controller gains and the assumptions behind the
 * distribution-shift knobs. Nominal values, exponents, noise and limits stay in the profile.
 */
public final class TwinConfig {

    /** Sensor indices (profile order) of the model's roles. */
    public record Roles(int throttle, int thrust, int[] pc, int pcOscillation, int speed,
            int oxInletPressure, int fuelInletPressure, int oxDischargePressure, int fuelDischargePressure,
            int oxInjectorPressure, int fuelInjectorPressure, int oxFlow, int fuelFlow,
            int oxInletTemperature, int fuelInletTemperature, int ggPressure, int[] tit,
            int turbineExhaustTemperature, int coolantOutletTemperature, int wallTemperature, int[] vibration) {
    }

    /** A valve: its profile tracking id and the indices of its command and position channels. */
    public record Valve(String id, int command, int position) {
    }

    public record Sequence(double startS, double shutdownS, double tailS, double throttleRatePerS) {
    }

    public record Plant(double shaftTimeConstantS, double ggFuelShare, double titMixtureExponent,
            double mainValveFlowExponent, double wallMixtureSensitivity) {
    }

    public record Controller(double kp, double kiPerS, double trimLimit) {
    }

    public record ValveDynamics(double rateLimitPercentPerS, double timeConstantS) {
    }

    public record Propellants(double oxDensityPerK, double fuelDensityPerK, double inletPressureDensityShare,
            double coolantInletCarryOver) {
    }

    /** Departure from the ICD laws per tenth of θ outside the qualified range, for one channel. */
    public record Extrapolation(int sensor, double absPerTenth, double relPerTenth, double noisePerTenth) {
    }

    public record SensorFaults(double driftMinPerS, double driftMaxPerS, double biasFraction, double biasMinSigma,
            double spikeMinSigma, double spikeMaxSigma, double spikeMinSpanFraction, double spikesPerS,
            double deadOutOfSpanFraction) {
    }

    private final EngineProfile profile;
    private final Roles roles;
    private final Valve loxValve;
    private final Valve fuelValve;
    private final Valve ggValve;
    private final Sequence sequence;
    private final double[] offValues;
    private final double[] lagsS;
    private final Plant plant;
    private final Controller controller;
    private final ValveDynamics valveDynamics;
    private final Propellants propellants;
    private final List<Extrapolation> below;
    private final List<Extrapolation> above;
    private final SensorFaults sensorFaults;
    private TwinFamily family = TwinFamily.NONE;

    private TwinConfig(EngineProfile profile, Roles roles, Valve loxValve, Valve fuelValve, Valve ggValve,
            Sequence sequence, double[] offValues, double[] lagsS, Plant plant, Controller controller,
            ValveDynamics valveDynamics, Propellants propellants, List<Extrapolation> below,
            List<Extrapolation> above, SensorFaults sensorFaults) {
        this.profile = profile;
        this.roles = roles;
        this.loxValve = loxValve;
        this.fuelValve = fuelValve;
        this.ggValve = ggValve;
        this.sequence = sequence;
        this.offValues = offValues;
        this.lagsS = lagsS;
        this.plant = plant;
        this.controller = controller;
        this.valveDynamics = valveDynamics;
        this.propellants = propellants;
        this.below = List.copyOf(below);
        this.above = List.copyOf(above);
        this.sensorFaults = sensorFaults;
    }

    public static TwinConfig load(Path twinFile, EngineProfile profile) {
        return from(DataNode.read(twinFile, SimDataException::new), profile);
    }

    public static TwinConfig from(DataNode root, EngineProfile profile) {
        root.allowOnly("channels", "valves", "sequence", "offValues", "lagsS", "plant", "controller",
                "valveDynamics", "propellants", "outsideQualified", "sensorFaults");
        DataNode ch = root.get("channels").allowOnly("throttle", "thrust", "pc", "pcOscillation", "speed",
                "oxInletPressure", "fuelInletPressure", "oxDischargePressure", "fuelDischargePressure",
                "oxInjectorPressure", "fuelInjectorPressure", "oxFlow", "fuelFlow", "oxInletTemperature",
                "fuelInletTemperature", "ggPressure", "tit", "turbineExhaustTemperature",
                "coolantOutletTemperature", "wallTemperature", "vibration");
        Roles roles = new Roles(one(ch, "throttle", profile), one(ch, "thrust", profile), many(ch, "pc", profile),
                one(ch, "pcOscillation", profile), one(ch, "speed", profile),
                one(ch, "oxInletPressure", profile), one(ch, "fuelInletPressure", profile),
                one(ch, "oxDischargePressure", profile), one(ch, "fuelDischargePressure", profile),
                one(ch, "oxInjectorPressure", profile), one(ch, "fuelInjectorPressure", profile),
                one(ch, "oxFlow", profile), one(ch, "fuelFlow", profile),
                one(ch, "oxInletTemperature", profile), one(ch, "fuelInletTemperature", profile),
                one(ch, "ggPressure", profile), many(ch, "tit", profile),
                one(ch, "turbineExhaustTemperature", profile), one(ch, "coolantOutletTemperature", profile),
                one(ch, "wallTemperature", profile), many(ch, "vibration", profile));
        if (profile.sensors().get(roles.speed()).k() == 0) {
            throw ch.error("speed", "the speed channel needs a non-zero exponent k in the profile");
        }

        DataNode v = root.get("valves").allowOnly("lox", "fuel", "gg");
        Valve lox = valve(v, "lox", profile);
        Valve fuel = valve(v, "fuel", profile);
        Valve gg = valve(v, "gg", profile);

        DataNode s = root.get("sequence").allowOnly("startS", "shutdownS", "tailS", "throttleRatePerS");
        Sequence seq = new Sequence(positive(s, "startS"), positive(s, "shutdownS"), nonNegative(s, "tailS"),
                positive(s, "throttleRatePerS"));

        int n = profile.sensors().size();
        double[] off = new double[n];
        for (int i = 0; i < n; i++) {
            SensorSpec spec = profile.sensors().get(i);
            off[i] = spec.k() == 0 ? spec.nominal() : 0.0;
        }
        root.opt("offValues").ifPresent(o -> {
            for (Map.Entry<String, DataNode> e : o.fields().entrySet()) {
                int idx = sensorIndex(o, e.getKey(), profile);
                DataNode val = e.getValue();
                if (val.isText()) {
                    off[idx] = profile.sensors().get(sensorIndex(o, val.text(), profile)).nominal();
                } else {
                    off[idx] = val.number();
                }
            }
        });
        double[] lags = new double[n];
        root.opt("lagsS").ifPresent(o -> {
            for (Map.Entry<String, DataNode> e : o.fields().entrySet()) {
                double lag = e.getValue().number();
                if (lag < 0) {
                    throw e.getValue().error("must be ≥ 0, got " + lag);
                }
                lags[sensorIndex(o, e.getKey(), profile)] = lag;
            }
        });

        DataNode p = root.get("plant").allowOnly("shaftTimeConstantS", "ggFuelShare", "titMixtureExponent",
                "mainValveFlowExponent", "wallMixtureSensitivity");
        Plant plant = new Plant(positive(p, "shaftTimeConstantS"), fraction(p, "ggFuelShare"),
                nonNegative(p, "titMixtureExponent"), nonNegative(p, "mainValveFlowExponent"),
                p.number("wallMixtureSensitivity"));

        DataNode c = root.get("controller").allowOnly("kp", "kiPerS", "trimLimit");
        Controller ctl = new Controller(nonNegative(c, "kp"), nonNegative(c, "kiPerS"), positive(c, "trimLimit"));

        DataNode vd = root.get("valveDynamics").allowOnly("rateLimitPercentPerS", "timeConstantS");
        ValveDynamics dyn = new ValveDynamics(positive(vd, "rateLimitPercentPerS"), nonNegative(vd, "timeConstantS"));

        DataNode pr = root.get("propellants").allowOnly("oxDensityPerK", "fuelDensityPerK",
                "inletPressureDensityShare", "coolantInletCarryOver");
        Propellants props = new Propellants(pr.number("oxDensityPerK"), pr.number("fuelDensityPerK"),
                fraction(pr, "inletPressureDensityShare"), pr.number("coolantInletCarryOver"));

        List<Extrapolation> below = new ArrayList<>();
        List<Extrapolation> above = new ArrayList<>();
        root.opt("outsideQualified").ifPresent(o -> {
            o.allowOnly("below", "above");
            o.opt("below").ifPresent(b -> below.addAll(extrapolations(b, profile)));
            o.opt("above").ifPresent(a -> above.addAll(extrapolations(a, profile)));
        });

        DataNode sf = root.get("sensorFaults").allowOnly("driftPerS", "biasFraction", "biasMinSigma", "spikeSigma",
                "spikeMinSpanFraction", "spikesPerS", "deadOutOfSpanFraction");
        double[] drift = pair(sf, "driftPerS");
        double[] spike = pair(sf, "spikeSigma");
        SensorFaults faults = new SensorFaults(drift[0], drift[1], positive(sf, "biasFraction"),
                nonNegative(sf, "biasMinSigma"), spike[0], spike[1], nonNegative(sf, "spikeMinSpanFraction"),
                positive(sf, "spikesPerS"), positive(sf, "deadOutOfSpanFraction"));

        return new TwinConfig(profile, roles, lox, fuel, gg, seq, off, lags, plant, ctl, dyn, props, below, above,
                faults);
    }

    private static List<Extrapolation> extrapolations(DataNode side, EngineProfile profile) {
        List<Extrapolation> out = new ArrayList<>();
        for (Map.Entry<String, DataNode> e : side.fields().entrySet()) {
            DataNode d = e.getValue().allowOnly("absPerTenth", "relPerTenth", "noisePerTenth");
            out.add(new Extrapolation(sensorIndex(side, e.getKey(), profile), d.number("absPerTenth", 0),
                    d.number("relPerTenth", 0), d.number("noisePerTenth", 0)));
        }
        return out;
    }

    private static Valve valve(DataNode v, String name, EngineProfile profile) {
        String id = v.text(name);
        for (TrackingLimit t : profile.trackingLimits()) {
            if (t.id().equals(id)) {
                return new Valve(id, profile.indexOf(t.command()), profile.indexOf(t.position()));
            }
        }
        throw v.error(name, "profile " + profile.id() + " has no tracking entry '" + id + "'");
    }

    private static int one(DataNode ch, String name, EngineProfile profile) {
        DataNode n = ch.get(name);
        return sensorIndex(ch, name, n.text(), profile);
    }

    private static int[] many(DataNode ch, String name, EngineProfile profile) {
        List<String> ids = ch.get(name).texts();
        if (ids.isEmpty()) {
            throw ch.error(name, "must name at least one sensor");
        }
        return ids.stream().mapToInt(id -> sensorIndex(ch, name, id, profile)).toArray();
    }

    private static int sensorIndex(DataNode parent, String field, String id, EngineProfile profile) {
        int i = profile.indexOf(id);
        if (i < 0) {
            throw parent.error(field, "profile " + profile.id() + " has no sensor '" + id + "'");
        }
        return i;
    }

    private static int sensorIndex(DataNode parent, String id, EngineProfile profile) {
        return sensorIndex(parent, id, id, profile);
    }

    private static double positive(DataNode n, String name) {
        double d = n.number(name);
        if (d <= 0) {
            throw n.error(name, "must be > 0, got " + d);
        }
        return d;
    }

    private static double nonNegative(DataNode n, String name) {
        double d = n.number(name);
        if (d < 0) {
            throw n.error(name, "must be ≥ 0, got " + d);
        }
        return d;
    }

    private static double fraction(DataNode n, String name) {
        double d = n.number(name);
        if (d < 0 || d > 1) {
            throw n.error(name, "must lie in 0..1, got " + d);
        }
        return d;
    }

    private static double[] pair(DataNode n, String name) {
        List<DataNode> l = n.get(name).elements();
        if (l.size() != 2) {
            throw n.error(name, "must be [low, high], got " + n.get(name).show());
        }
        double a = l.get(0).number();
        double b = l.get(1).number();
        if (a < 0 || b < a) {
            throw n.error(name, "must be [low, high] with 0 ≤ low ≤ high, got [" + a + ", " + b + "]");
        }
        return new double[] {a, b};
    }

    public EngineProfile profile() {
        return profile;
    }

    public Roles roles() {
        return roles;
    }

    public Valve loxValve() {
        return loxValve;
    }

    public Valve fuelValve() {
        return fuelValve;
    }

    public Valve ggValve() {
        return ggValve;
    }

    public List<Valve> valves() {
        return List.of(loxValve, fuelValve, ggValve);
    }

    public Sequence sequence() {
        return sequence;
    }

    /** Engine-off value of a sensor. */
    public double offValue(int sensor) {
        return offValues[sensor];
    }

    /** First-order lag of a sensor's physical signal, s (0 = none). */
    public double lagS(int sensor) {
        return lagsS[sensor];
    }

    public Plant plant() {
        return plant;
    }

    public Controller controller() {
        return controller;
    }

    public ValveDynamics valveDynamics() {
        return valveDynamics;
    }

    public Propellants propellants() {
        return propellants;
    }

    public List<Extrapolation> below() {
        return below;
    }

    public List<Extrapolation> above() {
        return above;
    }

    public SensorFaults sensorFaults() {
        return sensorFaults;
    }

    /** The engine family the twin draws units and stands from ({@link TwinFamily#NONE} if undeclared). */
    public TwinFamily family() {
        return family;
    }

    /** This configuration with the domain's engine family ({@code twin/family.yaml}). */
    public TwinConfig withFamily(TwinFamily f) {
        TwinConfig c = new TwinConfig(profile, roles, loxValve, fuelValve, ggValve, sequence, offValues, lagsS, plant,
                controller, valveDynamics, propellants, below, above, sensorFaults);
        c.family = java.util.Objects.requireNonNull(f);
        return c;
    }

    /** The sensors a deviation key stands for: a sensor id, or PC / TIT for the pc / tit roles. */
    public int[] sensorsOf(String key) {
        if (Quantity.PC.name().equals(key)) {
            return roles.pc().clone();
        }
        if (Quantity.TIT.name().equals(key)) {
            return roles.tit().clone();
        }
        int i = profile.indexOf(key);
        return i < 0 ? new int[0] : new int[] {i};
    }

    /** Physical quantities read by more than one sensor; usable as keys in fault signatures. */
    public enum Quantity { PC, TIT }

    @Override
    public String toString() {
        return "TwinConfig[" + profile.id() + ", valves " + Arrays.asList(loxValve.id(), fuelValve.id(), ggValve.id()) + "]";
    }
}
