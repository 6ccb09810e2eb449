package io.hotfire.sim.layout;

import static io.hotfire.sim.layout.ScenarioDraw.round1;
import static io.hotfire.sim.layout.ScenarioDraw.uniform;
import static io.hotfire.sim.layout.ScenarioDraw.unit;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.scenario.CommandChanges;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.scenario.ThrottleStep;
import io.hotfire.sim.twin.TwinConfig;
import io.hotfire.sim.twin.TwinDomain;
import io.hotfire.sim.twin.TwinFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The standard train / calibration / test layout (simulator/README.md, "Standard layout"):
 * nominal runs across the qualified throttle range with transitions, every catalogue fault and
 * every sensor-fault kind several times with varied onset, severity and throttle; the test split
 * also holds one or more out-of-distribution runs per shift knob. Held-out codes appear only in
 * test. Everything is drawn from one seed.
 */
public final class StandardLayout {

    public static final String TRAIN = "train";
    public static final String CALIBRATION = "calibration";
    public static final String TEST = "test";

    /** Default code kept out of train and calibration. */
    public static final String DEFAULT_HOLD_OUT = "OX_INJECTOR_BLOCKAGE";

    /** A run the layout wants: where it goes and what it is. */
    public record PlannedRun(String runId, String split, Scenario scenario, long seed) {
    }

    /**
     * @param seed       layout seed
     * @param targetRuns approximate total number of runs; 0 = the default size
     * @param durationS  every run's duration; 0 = the layout's own (30–50 s)
     * @param holdOut    codes kept out of train and calibration
     * @param novel      novel-fault scenarios to draw custom signatures from (may be empty)
     */
    public record Options(long seed, int targetRuns, double durationS, Set<String> holdOut, List<Scenario> novel) {
    }

    /** Base counts per category at the default size. */
    static final int NOMINAL_TRAIN = 20;
    static final int FAULT_TRAIN = 3;
    static final int SENSOR_TRAIN = 3;
    static final int NOMINAL_CAL = 8;
    static final int FAULT_CAL = 1;
    static final int SENSOR_CAL = 1;
    static final int NOMINAL_TEST = 8;
    static final int FAULT_TEST = 2;
    static final int SENSOR_TEST = 2;
    static final int OOD_EACH = 2;
    static final int OOD_MIXED = 3;
    /** Held-out in-family nominal runs at the family's edge (units near the tolerance, noisiest stand). */
    static final int FAMILY_EDGE_TEST = 4;
    /** Salt of the generator that draws units and stands, apart from the scenario generator. */
    static final long FAMILY_SALT = 0x5EEDFA3117L;

    private final TwinDomain domain;
    private final EngineProfile profile;
    private final TwinConfig cfg;
    private final ScenarioDraw draw;

    public StandardLayout(TwinDomain domain) {
        this.domain = domain;
        this.profile = domain.profile();
        this.cfg = domain.config();
        this.draw = new ScenarioDraw(domain);
    }

    /** The runs of the layout, in file order per split. */
    public List<PlannedRun> plan(Options opt) {
        for (String code : opt.holdOut()) {
            if (domain.catalog().fault(code).isEmpty()) {
                throw new IllegalArgumentException("cannot hold out '" + code + "': not a catalogue fault "
                        + domain.catalog().codes());
            }
        }
        List<String> trainable = domain.catalog().codes().stream().filter(c -> !opt.holdOut().contains(c)).toList();
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("every catalogue fault is held out; nothing left to train on");
        }
        double scale = opt.targetRuns() > 0 ? opt.targetRuns() / (double) baseSize(trainable.size(), opt) : 1.0;
        SplittableRandom rng = new SplittableRandom(opt.seed());
        Map<String, List<Scenario>> bySplit = new LinkedHashMap<>();
        bySplit.put(TRAIN, new ArrayList<>());
        bySplit.put(CALIBRATION, new ArrayList<>());
        bySplit.put(TEST, new ArrayList<>());
        List<String> sensors = measuredSensors();
        Collections.shuffle(sensors, new Random(rng.nextLong()));
        int[] sensorCursor = {0};

        addNominal(bySplit.get(TRAIN), count(NOMINAL_TRAIN, scale), rng, opt);
        addNominal(bySplit.get(CALIBRATION), count(NOMINAL_CAL, scale), rng, opt);
        addNominal(bySplit.get(TEST), count(NOMINAL_TEST, scale), rng, opt);
        for (String code : trainable) {
            addFault(bySplit.get(TRAIN), code, count(FAULT_TRAIN, scale), rng, opt);
            addFault(bySplit.get(CALIBRATION), code, count(FAULT_CAL, scale), rng, opt);
            addFault(bySplit.get(TEST), code, count(FAULT_TEST, scale), rng, opt);
        }
        for (SensorFaultKind kind : SensorFaultKind.values()) {
            addSensorFault(bySplit.get(TRAIN), kind, count(SENSOR_TRAIN, scale), rng, opt, sensors, sensorCursor);
            addSensorFault(bySplit.get(CALIBRATION), kind, count(SENSOR_CAL, scale), rng, opt, sensors, sensorCursor);
            addSensorFault(bySplit.get(TEST), kind, count(SENSOR_TEST, scale), rng, opt, sensors, sensorCursor);
        }
        addOod(bySplit.get(TEST), scale, rng, opt, trainable, sensors, sensorCursor);

        // Every run is made by a unit of the family on a stand of the family (twin/family.yaml), drawn
        // by a generator of its own so the scenarios of a seed stay what they were; the shift knobs
        // (another engine unit, ...) keep their offsets beyond the family.
        TwinFamily family = cfg.family();
        SplittableRandom frng = new SplittableRandom(opt.seed() ^ FAMILY_SALT);
        for (List<Scenario> list : bySplit.values()) {
            list.replaceAll(sc -> sc.withConditions(family.sample(sc.conditions(), frng)));
        }
        if (family != TwinFamily.NONE) {
            List<Scenario> edge = new ArrayList<>();
            addNominal(edge, count(FAMILY_EDGE_TEST, scale), frng, opt);
            for (Scenario sc : edge) {
                bySplit.get(TEST).add(sc.withName("family-edge").withConditions(family.edge(sc.conditions(), frng)));
            }
        }

        List<PlannedRun> out = new ArrayList<>();
        for (Map.Entry<String, List<Scenario>> e : bySplit.entrySet()) {
            List<Scenario> list = new ArrayList<>(e.getValue());
            Collections.shuffle(list, new Random(rng.nextLong()));
            int i = 1;
            for (Scenario sc : list) {
                String id = String.format("%s-%04d", e.getKey(), i++);
                out.add(new PlannedRun(id, e.getKey(), CommandChanges.ensureFor(sc, domain), rng.nextLong()));
            }
        }
        return out;
    }

    private int baseSize(int trainable, Options opt) {
        int faults = trainable * (FAULT_TRAIN + FAULT_CAL + FAULT_TEST);
        int sensor = SensorFaultKind.values().length * (SENSOR_TRAIN + SENSOR_CAL + SENSOR_TEST);
        int ood = 5 * OOD_EACH + 2 * OOD_MIXED + OOD_MIXED * opt.holdOut().size() + (opt.novel().isEmpty() ? 0 : OOD_EACH);
        return NOMINAL_TRAIN + NOMINAL_CAL + NOMINAL_TEST + faults + sensor + ood;
    }

    private static int count(int base, double scale) {
        return Math.max(1, (int) Math.round(base * scale));
    }

    private List<String> measuredSensors() {
        List<String> ids = new ArrayList<>();
        for (SensorSpec s : profile.sensors()) {
            if (s.noise() > 0) {
                ids.add(s.id());
            }
        }
        return ids;
    }

    /** Nominal runs: constant levels, single steps, sweeps; all inside the qualified range. */
    private void addNominal(List<Scenario> into, int count, SplittableRandom rng, Options opt) {
        double rate = cfg.sequence().throttleRatePerS();
        double[] durations = {30, 40, 45};
        for (int i = 0; i < count; i++) {
            double d = draw.duration(opt, durations[i % durations.length]);
            double end = domain.twin().shutdownTime(d);
            double a = Math.round(uniform(rng, draw.qLow(), draw.qHigh()));
            ThrottleProfile tp;
            switch (i % 4) {
                case 0 -> tp = ThrottleProfile.constant(a, rate);
                case 1 -> {
                    double b = draw.other(rng, a, 10);
                    tp = new ThrottleProfile(a, List.of(new ThrottleStep(round1(uniform(rng, 6, end * 0.5)), b)), rate);
                }
                case 2 -> {
                    double b = draw.other(rng, a, 10);
                    double c = draw.other(rng, b, 10);
                    double t1 = round1(uniform(rng, 6, end * 0.4));
                    double t2 = round1(Math.min(end - 4, t1 + uniform(rng, 6, 12)));
                    tp = new ThrottleProfile(a, List.of(new ThrottleStep(t1, b), new ThrottleStep(t2, c)), rate);
                }
                default -> {
                    List<ThrottleStep> steps = new ArrayList<>();
                    double t = 6;
                    double level = a;
                    while (t < end - 5) {
                        level = draw.other(rng, level, 5);
                        steps.add(new ThrottleStep(round1(t), level));
                        t += uniform(rng, 4, 7);
                    }
                    tp = new ThrottleProfile(a, steps, rate);
                }
            }
            into.add(Scenario.nominal("nominal", d, tp));
        }
    }

    private void addFault(List<Scenario> into, String code, int count, SplittableRandom rng, Options opt) {
        for (int i = 0; i < count; i++) {
            into.add(draw.faultScenario(code, rng, opt, i, draw.qLow(), draw.qHigh()));
        }
    }

    private void addSensorFault(List<Scenario> into, SensorFaultKind kind, int count, SplittableRandom rng, Options opt,
            List<String> sensors, int[] cursor) {
        for (int i = 0; i < count; i++) {
            String sensor = sensors.get(cursor[0]++ % sensors.size());
            double level = Math.round(uniform(rng, draw.qLow(), draw.qHigh()));
            double d = draw.duration(opt, 40);
            double onset = draw.onset(rng, d, 0);
            double severity = Math.round(uniform(rng, 0.5, 1.0) * 100) / 100.0;
            into.add(new Scenario("sensor-" + kind.name().toLowerCase(), d,
                    ThrottleProfile.constant(level, cfg.sequence().throttleRatePerS()), List.of(), Conditions.NOMINAL,
                    List.of(FaultSpec.sensor(kind, sensor, onset, 0, severity))));
        }
    }

    private void addOod(List<Scenario> into, double scale, SplittableRandom rng, Options opt, List<String> trainable,
            List<String> sensors, int[] cursor) {
        double rate = cfg.sequence().throttleRatePerS();
        Range q = profile.qualifiedThrottle();
        String oxId = profile.sensors().get(cfg.roles().oxInletTemperature()).id();
        String fuelId = profile.sensors().get(cfg.roles().fuelInletTemperature()).id();
        int each = count(OOD_EACH, scale);
        int mixed = count(OOD_MIXED, scale);
        double d = draw.duration(opt, 40);
        double end = domain.twin().shutdownTime(d);
        // Deep throttle: 55–65 %, one run in two reaching it by a transition from the qualified range.
        for (int i = 0; i < each; i++) {
            double level = Math.round(uniform(rng, 55, 65));
            ThrottleProfile tp = i % 2 == 0 ? ThrottleProfile.constant(level, rate)
                    : new ThrottleProfile(Math.round(uniform(rng, draw.qLow(), draw.qLow() + 10)), List.of(new ThrottleStep(round1(uniform(rng, 8, end / 2)), level)), rate);
            into.add(Scenario.nominal("deep-throttle", d, tp));
        }
        // Uprate: up to 109 %.
        for (int i = 0; i < each; i++) {
            double level = Math.round(uniform(rng, q.high() * profile.throttleScale() + 1, 109));
            ThrottleProfile tp = i % 2 == 0 ? ThrottleProfile.constant(level, rate)
                    : new ThrottleProfile(Math.round(uniform(rng, draw.qHigh() - 10, draw.qHigh())), List.of(new ThrottleStep(round1(uniform(rng, 8, end / 2)), level)), rate);
            into.add(Scenario.nominal("uprate", d, tp));
        }
        for (int i = 0; i < each; i++) {
            into.add(Scenario.nominal("densified-lox", d, ThrottleProfile.constant(Math.round(uniform(rng, draw.qLow(), draw.qHigh())), rate))
                    .withConditions(new Conditions(round1(uniform(rng, 70, 85)), null, 0, 0, 0)));
        }
        for (int i = 0; i < each; i++) {
            into.add(Scenario.nominal("chilled-rp1", d, ThrottleProfile.constant(Math.round(uniform(rng, draw.qLow(), draw.qHigh())), rate))
                    .withConditions(new Conditions(null, round1(uniform(rng, 250, 270)), 0, 0, 0)));
        }
        for (int i = 0; i < each; i++) {
            into.add(Scenario.nominal("engine-unit", d, ThrottleProfile.constant(Math.round(uniform(rng, draw.qLow(), draw.qHigh())), rate))
                    .withConditions(unit(rng)));
        }
        // A catalogue fault under a shifted regime.
        String[] regimes = {"deep-throttle", "densified-lox", "engine-unit", "chilled-rp1", "uprate"};
        for (int i = 0; i < mixed; i++) {
            String code = trainable.get(rng.nextInt(trainable.size()));
            String regime = regimes[i % regimes.length];
            Scenario sc = switch (regime) {
                case "deep-throttle" -> draw.faultScenario(code, rng, opt, i, 55, 65);
                case "uprate" -> draw.faultScenario(code, rng, opt, i, draw.qHigh() + 1, 109);
                default -> draw.faultScenario(code, rng, opt, i, draw.qLow(), draw.qHigh());
            };
            Conditions c = switch (regime) {
                case "densified-lox" -> new Conditions(round1(uniform(rng, 70, 85)), null, 0, 0, 0);
                case "chilled-rp1" -> new Conditions(null, round1(uniform(rng, 250, 270)), 0, 0, 0);
                case "engine-unit" -> unit(rng);
                default -> Conditions.NOMINAL;
            };
            into.add(sc.withConditions(c).withName(sc.name() + "-under-" + regime));
        }
        // Held-out fault modes: only here.
        for (String code : opt.holdOut()) {
            for (int i = 0; i < mixed; i++) {
                into.add(draw.faultScenario(code, rng, opt, i, draw.qLow(), draw.qHigh()));
            }
        }
        // Compound faults: two component faults, or a component fault with a sensor fault.
        for (int i = 0; i < mixed; i++) {
            String a = trainable.get(rng.nextInt(trainable.size()));
            Scenario sc = draw.faultScenario(a, rng, opt, i, draw.qLow(), draw.qHigh());
            FaultSpec first = sc.faults().get(0);
            double onset2 = round1(Math.max(first.onsetS(), Math.min(first.onsetS() + uniform(rng, 2, 8),
                    domain.twin().shutdownTime(sc.durationS()) - 5)));
            FaultSpec second;
            if (i % 2 == 0) {
                String b;
                do {
                    b = trainable.get(rng.nextInt(trainable.size()));
                } while (b.equals(a) && trainable.size() > 1);
                CatalogFault cb = domain.catalog().fault(b).orElseThrow();
                String valve = cb.signature().valve() != null ? cb.signature().valves().get(rng.nextInt(cb.signature().valves().size())) : null;
                second = FaultSpec.component(b, valve, onset2, cb.rampS(), Math.round(uniform(rng, 0.6, 1.0) * 100) / 100.0, cb.signature(), false);
            } else {
                SensorFaultKind kind = SensorFaultKind.values()[rng.nextInt(SensorFaultKind.values().length)];
                second = FaultSpec.sensor(kind, sensors.get(cursor[0]++ % sensors.size()), onset2, 0, 1.0);
            }
            into.add(sc.withFault(second).withName("compound"));
        }
        // Novel faults: custom signatures from the domain's scenario files, at varied onset and level.
        if (!opt.novel().isEmpty()) {
            for (int i = 0; i < each; i++) {
                Scenario template = opt.novel().get(i % opt.novel().size());
                double dd = opt.durationS() > 0 ? draw.duration(opt, template.durationS()) : template.durationS();
                double shutdown = domain.twin().shutdownTime(dd);
                List<FaultSpec> moved = new ArrayList<>();
                double shift = uniform(rng, -3, 3);
                for (FaultSpec f : template.faults()) {
                    double onset = round1(Math.max(6, Math.min(shutdown - 6, f.onsetS() + shift)));
                    moved.add(new FaultSpec(f.code(), f.sensor(), f.valve(), onset, f.rampS(), f.severity(), f.signature(),
                            f.novel(), f.sign(), f.deadMode()));
                }
                double level = Math.round(uniform(rng, draw.qLow(), draw.qHigh()));
                into.add(template.withDuration(dd).withThrottle(ThrottleProfile.constant(level, rate)).withFaults(moved));
            }
        }
        if (!profile.qualifiedRanges().containsKey(oxId) || !profile.qualifiedRanges().containsKey(fuelId)) {
            throw new IllegalStateException("profile " + profile.id() + " gives no qualified inlet temperature ranges");
        }
    }

}
