package io.hotfire.sim.twin;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.fault.Deviation;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.fault.Signature;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ValveStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

    private enum Phase { START, MAIN, SHUTDOWN, OFF }

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

    /** Decimal places each sensor's readings are rounded to, in profile order. */
    public int[] decimals() {
        return decimals.clone();
    }

    /** Simulates one run. The same scenario and seed always give the same frames. */
    public SimulatedRun simulate(Scenario sc, long seed) {
        return new Run(sc, seed).execute();
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

    static double gaussian(SplittableRandom r) {
        double u;
        double v;
        double s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    }

    private static double smoothstep(double x) {
        double c = Math.max(0, Math.min(1, x));
        return c * c * (3 - 2 * c);
    }

    /** One fault deviation bound to the sensors it moves. */
    private record Bound(int fault, String key, int[] sensors, Deviation dev) {
    }

    /** State of one simulation. */
    private final class Run {
        private final Scenario sc;
        private final long seed;
        private final double dt;
        private final int rows;
        private final double tShutdown;
        private final List<FaultSpec> faults;
        private final SplittableRandom[] noise;
        private final SplittableRandom[] faultRng;
        private final List<Bound> bound = new ArrayList<>();
        private final double thetaInitial;
        private final double[] lagState;
        private final RedlineWatch redlines;
        private final SensorReadings readings;

        // Plant and controller state.
        private double thetaC;
        private double thetaShutdown;
        private double n = 1.0;
        private double integral = 0.0;
        private double pcPlant = 1.0;
        private final double[] valvePos = new double[3];
        private final double[] valveCmd = new double[3];
        private Phase previous = Phase.START;

        Run(Scenario sc, long seed) {
            this.sc = sc;
            this.seed = seed;
            this.dt = profile.samplePeriod();
            this.rows = (int) Math.round(sc.durationS() * profile.sampleRateHz());
            this.tShutdown = shutdownTime(sc.durationS());
            if (tShutdown < cfg.sequence().startS()) {
                throw new IllegalArgumentException("run of " + sc.durationS() + " s is too short; at least "
                        + minimumDuration() + " s");
            }
            SplittableRandom root = new SplittableRandom(seed);
            this.noise = new SplittableRandom[sensorCount];
            for (int i = 0; i < sensorCount; i++) {
                noise[i] = root.split();
            }
            SplittableRandom faultRoot = root.split();
            this.faultRng = new SplittableRandom[sc.faults().size()];
            List<FaultSpec> resolved = new ArrayList<>();
            for (int j = 0; j < sc.faults().size(); j++) {
                faultRng[j] = faultRoot.split();
                resolved.add(resolve(sc.faults().get(j), faultRng[j]));
            }
            this.faults = List.copyOf(resolved);
            for (int j = 0; j < faults.size(); j++) {
                Signature sig = faults.get(j).signature();
                if (sig == null) {
                    continue;
                }
                for (Map.Entry<String, Deviation> e : sig.channels().entrySet()) {
                    bound.add(new Bound(j, e.getKey(), cfg.sensorsOf(e.getKey()), e.getValue()));
                }
            }
            this.thetaInitial = sc.throttle().initialPercent() / profile.throttleScale();
            this.thetaC = thetaInitial;
            this.thetaShutdown = thetaInitial;
            this.lagState = new double[sensorCount];
            Arrays.fill(lagState, Double.NaN);
            this.redlines = new RedlineWatch(cfg);
            this.readings = new SensorReadings(cfg, decimals, sc.conditions(), faults, noise, faultRng);
        }

        /** Fixes the choices a fault leaves open (direction, dead mode) from the fault's own stream. */
        private FaultSpec resolve(FaultSpec f, SplittableRandom rng) {
            SensorFaultKind kind = f.sensorKind().orElse(null);
            if (kind == null) {
                return f;
            }
            int idx = profile.indexOf(f.sensor());
            if (idx < 0) {
                throw new IllegalArgumentException("profile " + profile.id() + " has no sensor " + f.sensor());
            }
            SensorSpec spec = profile.sensors().get(idx);
            int sign = f.sign();
            double draw = rng.nextDouble();
            if (sign == 0) {
                double e = Math.abs(spec.expected(thetaFor(f.onsetS())));
                Range span = spec.span();
                if (e >= span.high() - 0.05 * span.width()) {
                    sign = -1;
                } else if (e <= span.low() + 0.05 * span.width()) {
                    sign = 1;
                } else {
                    sign = draw < 0.5 ? -1 : 1;
                }
            }
            FaultSpec out = f.withSign(sign);
            double modeDraw = rng.nextDouble();
            if (kind == SensorFaultKind.DEAD && f.deadMode() == null) {
                out = out.withDeadMode(modeDraw < 0.5 ? FaultSpec.EMPTY : modeDraw < 0.75 ? FaultSpec.HIGH : FaultSpec.LOW);
            }
            return out;
        }

        private double thetaFor(double t) {
            return sc.throttle().targetAt(t) / profile.throttleScale();
        }

        SimulatedRun execute() {
            List<Frame> frames = new ArrayList<>(rows);
            double[] schedule = new double[sensorCount];
            double[] phys = new double[sensorCount];
            double[] noiseMult = new double[sensorCount];
            for (int k = 0; k < rows; k++) {
                double t = k * dt;
                Phase phase = phase(t);
                double w = weight(phase, t);
                advanceThrottle(phase, t);
                double thetaRef = phase == Phase.START ? thetaInitial : phase == Phase.MAIN ? thetaC : thetaShutdown;
                for (int i = 0; i < sensorCount; i++) {
                    schedule[i] = scheduled(i, phase, thetaRef, w);
                }
                if (phase == Phase.MAIN && previous != Phase.MAIN) {
                    n = 1.0;
                    integral = 0.0;
                    pcPlant = 1.0;
                }
                stepValvesAndPlant(phase, t, schedule);
                physics(phase, t, w, thetaRef, schedule, phys, noiseMult);
                applyLags(k, phys);
                redlines.check(phase == Phase.MAIN, t, phys);
                double[] values = readings.read(t, Math.max(thetaC, 0), phys, noiseMult);
                frames.add(new Frame(k, Precision.round(t, Precision.timeDecimals(profile.sampleRateHz())), values));
                previous = phase;
            }
            return new SimulatedRun(sc, seed, faults, frames, tShutdown, redlines.redline());
        }

        private Phase phase(double t) {
            TwinConfig.Sequence s = cfg.sequence();
            if (t < s.startS()) {
                return Phase.START;
            }
            if (t < tShutdown) {
                return Phase.MAIN;
            }
            if (t < tShutdown + s.shutdownS()) {
                return Phase.SHUTDOWN;
            }
            return Phase.OFF;
        }

        /** Share of full power the sequence allows: 0 -> 1 in the start, 1 -> 0 in shutdown. */
        private double weight(Phase phase, double t) {
            TwinConfig.Sequence s = cfg.sequence();
            return switch (phase) {
                case START -> smoothstep(t / s.startS());
                case MAIN -> 1.0;
                case SHUTDOWN -> 1.0 - smoothstep((t - tShutdown) / s.shutdownS());
                case OFF -> 0.0;
            };
        }

        private void advanceThrottle(Phase phase, double t) {
            if (phase != Phase.MAIN) {
                return;
            }
            double target = sc.throttle().targetAt(t) / profile.throttleScale();
            double maxStep = sc.throttle().ratePerS() / profile.throttleScale() * dt;
            double d = target - thetaC;
            thetaC += Math.max(-maxStep, Math.min(maxStep, d));
            thetaShutdown = thetaC;
        }

        /** S_i: the ICD expected value in mainstage, blended from the engine-off value in transients. */
        private double scheduled(int i, Phase phase, double thetaRef, double w) {
            SensorSpec spec = profile.sensors().get(i);
            double e = spec.expected(thetaRef);
            if (phase == Phase.MAIN) {
                return e;
            }
            double off = cfg.offValue(i);
            double q = spec.k() > 0 && off == 0.0 ? spec.k() : 1.0;
            return off + (e - off) * StrictMath.pow(w, q);
        }

        /** Severity × envelope of fault j at t (delay 0). */
        private double strength(int j, double t) {
            FaultSpec f = faults.get(j);
            return f.severity() * f.envelope(t, 0.0);
        }

        private void stepValvesAndPlant(Phase phase, double t, double[] schedule) {
            TwinConfig.Valve[] valves = {cfg.loxValve(), cfg.fuelValve(), cfg.ggValve()};
            SensorSpec ggCmd = profile.sensors().get(cfg.ggValve().command());
            double ggSched = phase == Phase.MAIN ? ggSchedule(thetaC)
                    : Math.min(ggCmd.span().high(), schedule[cfg.ggValve().command()]);
            // Commands.
            if (phase == Phase.START || phase == Phase.MAIN) {
                for (int v = 0; v < 2; v++) {
                    valveCmd[v] = mainValveCommand(valves[v], t);
                }
                if (phase == Phase.MAIN) {
                    TwinConfig.Controller c = cfg.controller();
                    double e = 1.0 - pcPlant;
                    double u = Math.max(-c.trimLimit(), Math.min(c.trimLimit(), c.kp() * e + integral));
                    double raw = ggSched * (1 + u);
                    double cmd = Math.max(ggCmd.span().low(), Math.min(ggCmd.span().high(), raw));
                    double unclamped = c.kp() * e + integral;
                    boolean windingUp = (raw >= ggCmd.span().high() && e > 0) || (raw <= ggCmd.span().low() && e < 0)
                            || (Math.abs(unclamped) >= c.trimLimit() && Math.signum(e) == Math.signum(unclamped));
                    if (!windingUp) {
                        integral += c.kiPerS() * e * dt;
                    }
                    valveCmd[2] = cmd;
                } else {
                    valveCmd[2] = ggSched;
                }
            } else {
                Arrays.fill(valveCmd, 0.0);
            }
            // Positions: first-order lag plus rate limit; a slow valve fault lowers the rate and adds lag.
            TwinConfig.ValveDynamics vd = cfg.valveDynamics();
            for (int v = 0; v < 3; v++) {
                double rate = vd.rateLimitPercentPerS();
                double tau = vd.timeConstantS();
                for (int j = 0; j < faults.size(); j++) {
                    FaultSpec f = faults.get(j);
                    if (f.signature() != null && f.signature().valve() != null && valves[v].id().equals(f.valve())) {
                        double s = strength(j, t);
                        rate *= StrictMath.pow(f.signature().valve().rateFactor(), s);
                        tau += f.signature().valve().lagS() * s;
                    }
                }
                double alpha = tau > 0 ? 1 - StrictMath.exp(-dt / tau) : 1.0;
                double desired = valvePos[v] + (valveCmd[v] - valvePos[v]) * alpha;
                double step = Math.max(-rate * dt, Math.min(rate * dt, desired - valvePos[v]));
                valvePos[v] += step;
            }
            // Shaft speed against the power balance (mainstage only; the transients follow the schedule).
            if (phase == Phase.MAIN) {
                TwinConfig.Plant p = cfg.plant();
                double g = valvePos[2] / Math.max(ggSched, 1e-3);
                double rhoO = oxDensity();
                double rhoF = fuelDensity();
                double eta = 1.0;
                double load = 0.0;
                for (int j = 0; j < faults.size(); j++) {
                    Signature sig = faults.get(j).signature();
                    if (sig != null) {
                        double s = strength(j, t);
                        eta += sig.turbinePower() * s;
                        load += sig.pumpLoad() * s;
                    }
                }
                double a = p.ggFuelShare();
                double power = (a * rhoF + (1 - a) * g * rhoO) * StrictMath.pow(Math.max(g * rhoO / rhoF, 0), p.titMixtureExponent()) * eta;
                double demand = (oxFlowShare * rhoO + (1 - oxFlowShare) * rhoF) * (1 + load);
                double nEq = StrictMath.sqrt(Math.max(power, 0) / demand);
                n += (nEq - n) * (1 - StrictMath.exp(-dt / p.shaftTimeConstantS()));
            } else {
                n = 1.0;
            }
        }

        private double mainValveCommand(TwinConfig.Valve valve, double t) {
            double nominal = profile.sensors().get(valve.command()).nominal();
            for (ValveStep s : sc.valveSteps()) {
                if (s.valve().equals(valve.id()) && s.activeAt(t)) {
                    return s.toPercent();
                }
            }
            return nominal;
        }

        private double oxDensity() {
            Conditions c = sc.conditions();
            if (c.loxInletK() == null) {
                return 1.0;
            }
            double nominal = profile.sensors().get(cfg.roles().oxInletTemperature()).nominal();
            return 1 + cfg.propellants().oxDensityPerK() * (c.loxInletK() - nominal);
        }

        private double fuelDensity() {
            Conditions c = sc.conditions();
            if (c.fuelInletK() == null) {
                return 1.0;
            }
            double nominal = profile.sensors().get(cfg.roles().fuelInletTemperature()).nominal();
            return 1 + cfg.propellants().fuelDensityPerK() * (c.fuelInletK() - nominal);
        }

        /** Sum of a key's fault deviations applied to a value (see README "Direct deviations"). */
        private double deviate(String key, double value, double t, double w) {
            double rel = 0;
            double abs = 0;
            for (Bound b : bound) {
                if (!b.key().equals(key)) {
                    continue;
                }
                FaultSpec f = faults.get(b.fault());
                Deviation d = b.dev();
                double env = f.envelope(t, d.delayS());
                if (env <= 0) {
                    continue;
                }
                rel += d.rel() * f.severity() * env;
                abs += d.abs() * f.severity() * env;
                if (d.rate() != 0) {
                    double since = t - f.onsetS() - d.delayS();
                    double ramped = d.rate() * since;
                    abs += f.severity() * (d.rate() > 0 ? Math.min(ramped, d.max()) : Math.max(ramped, d.max()));
                }
            }
            return value * (1 + rel) + abs * w;
        }

        private void physics(Phase phase, double t, double w, double thetaRef, double[] s, double[] phys,
                double[] noiseMult) {
            TwinConfig.Roles r = cfg.roles();
            TwinConfig.Plant p = cfg.plant();
            TwinConfig.Propellants pr = cfg.propellants();
            Conditions c = sc.conditions();
            boolean main = phase == Phase.MAIN;
            double rhoO = oxDensity();
            double rhoF = fuelDensity();
            double g = main ? valvePos[2] / Math.max(ggSchedule(thetaC), 1e-3) : 1.0;
            double fo = main ? StrictMath.pow(Math.max(valvePos[0], 0) / profile.sensors().get(cfg.loxValve().position()).nominal(),
                    p.mainValveFlowExponent()) : 1.0;
            double ff = main ? StrictMath.pow(Math.max(valvePos[1], 0) / profile.sensors().get(cfg.fuelValve().position()).nominal(),
                    p.mainValveFlowExponent()) : 1.0;
            double phiO = 0;
            double phiF = 0;
            for (int j = 0; j < faults.size(); j++) {
                Signature sig = faults.get(j).signature();
                if (sig != null) {
                    double st = strength(j, t);
                    phiO += sig.loxToChamber() * st;
                    phiF += sig.fuelToChamber() * st;
                }
            }
            double uPc = 1 + c.unitPc();
            double speed = (1 + c.unitSpeed()) * n;
            double qo = n * rhoO * fo;
            double qf = n * rhoF * ff;
            double co = qo * (1 + phiO);
            double cf = qf * (1 + phiF);
            double pc = oxFlowShare * co + (1 - oxFlowShare) * cf;
            if (main) {
                pcPlant = pc;
            }

            // Every channel starts from its schedule; roles below replace it with the model.
            System.arraycopy(s, 0, phys, 0, sensorCount);
            double sPc = s[r.pc()[0]];
            double sTit = s[r.tit()[0]];
            double kSpeed = profile.sensors().get(r.speed()).k();

            // Inlet conditions first: the pumps build on them.
            int oxIn = r.oxInletPressure();
            int fIn = r.fuelInletPressure();
            phys[oxIn] = deviate(sensorId(oxIn), s[oxIn] * (1 + pr.inletPressureDensityShare() * (rhoO - 1)), t, w);
            phys[fIn] = deviate(sensorId(fIn), s[fIn] * (1 + pr.inletPressureDensityShare() * (rhoF - 1)), t, w);
            int oxT = r.oxInletTemperature();
            int fT = r.fuelInletTemperature();
            if (c.loxInletK() != null) {
                phys[oxT] = s[oxT] + (c.loxInletK() - profile.sensors().get(oxT).nominal());
            }
            if (c.fuelInletK() != null) {
                phys[fT] = s[fT] + (c.fuelInletK() - profile.sensors().get(fT).nominal());
            }

            // Chamber pressure (one physical quantity) and what follows from it.
            double pcTrue = deviate(TwinConfig.Quantity.PC.name(), sPc * uPc * pc, t, w);
            for (int i : r.pc()) {
                phys[i] = pcTrue;
            }
            phys[r.thrust()] = sPc > 1e-9 ? s[r.thrust()] * (1 + c.unitThrust()) * pcTrue / sPc : 0.0;
            phys[r.oxInjectorPressure()] = pcTrue + (s[r.oxInjectorPressure()] - sPc) * uPc * co * co / rhoO;
            phys[r.fuelInjectorPressure()] = pcTrue + (s[r.fuelInjectorPressure()] - sPc) * uPc * cf * cf / rhoF;
            phys[r.speed()] = s[r.speed()] * speed;
            phys[r.oxFlow()] = s[r.oxFlow()] * uPc * qo;
            phys[r.fuelFlow()] = s[r.fuelFlow()] * uPc * qf;
            phys[r.oxDischargePressure()] = phys[oxIn] + (s[r.oxDischargePressure()] - s[oxIn]) * rhoO * speed * speed;
            phys[r.fuelDischargePressure()] = phys[fIn] + (s[r.fuelDischargePressure()] - s[fIn]) * rhoF * speed * speed;

            // Gas generator: the GG valve meters GG oxidiser, so opening it enriches the GG and heats the turbine.
            double mixture = Math.max(g * rhoO / rhoF, 0);
            double titTrue = deviate(TwinConfig.Quantity.TIT.name(), sTit * StrictMath.pow(mixture, p.titMixtureExponent()), t, w);
            for (int i : r.tit()) {
                phys[i] = titTrue;
            }
            double titRatio = sTit > 1e-9 ? titTrue / sTit : 1.0;
            phys[r.turbineExhaustTemperature()] = s[r.turbineExhaustTemperature()] * titRatio;
            double ggFlow = n * (p.ggFuelShare() * rhoF + (1 - p.ggFuelShare()) * g * rhoO);
            phys[r.ggPressure()] = s[r.ggPressure()] * uPc * ggFlow * StrictMath.sqrt(Math.max(titRatio, 0));

            // Chamber wall and coolant.
            int cool = r.coolantOutletTemperature();
            double coolInlet = c.fuelInletK() == null ? 0
                    : pr.coolantInletCarryOver() * (c.fuelInletK() - profile.sensors().get(fT).nominal()) * w;
            phys[cool] = (s[cool] + coolInlet) * StrictMath.pow(Math.max(qf, 1e-6), profile.sensors().get(cool).k());
            int wall = r.wallTemperature();
            double mr = cf > 1e-9 ? co / cf : 1.0;
            phys[wall] = s[wall] * StrictMath.pow(Math.max(pc, 1e-6), profile.sensors().get(wall).k())
                    * (1 + p.wallMixtureSensitivity() * (mr - 1));
            for (int i : r.vibration()) {
                phys[i] = s[i] * StrictMath.pow(Math.max(speed, 0), profile.sensors().get(i).k() / kSpeed);
            }

            // Valves and the throttle command.
            TwinConfig.Valve[] valves = {cfg.loxValve(), cfg.fuelValve(), cfg.ggValve()};
            for (int v = 0; v < 3; v++) {
                phys[valves[v].command()] = valveCmd[v];
                phys[valves[v].position()] = valvePos[v];
            }
            phys[r.throttle()] = phase == Phase.START || phase == Phase.MAIN ? thetaC * profile.throttleScale() : 0.0;

            // Direct deviations keyed by sensor id (PC/TIT quantities and the inlet pressures are done).
            Arrays.fill(noiseMult, 1.0);
            for (int i = 0; i < sensorCount; i++) {
                if (i != oxIn && i != fIn) {
                    phys[i] = deviate(sensorId(i), phys[i], t, w);
                }
            }
            for (Bound b : bound) {
                if (b.dev().noise() != 1.0) {
                    FaultSpec f = faults.get(b.fault());
                    double st = f.severity() * f.envelope(t, b.dev().delayS());
                    for (int i : b.sensors()) {
                        noiseMult[i] += (b.dev().noise() - 1.0) * st;
                    }
                }
            }

            // Outside the qualified throttle range the ICD laws are extrapolated with a mild departure.
            Range q = profile.qualifiedThrottle();
            if (thetaRef < q.low() - 1e-9) {
                extrapolate(cfg.below(), (q.low() - thetaRef) / 0.1, w, phys, noiseMult);
            } else if (thetaRef > q.high() + 1e-9) {
                extrapolate(cfg.above(), (thetaRef - q.high()) / 0.1, w, phys, noiseMult);
            }
        }

        private void extrapolate(List<TwinConfig.Extrapolation> list, double tenths, double w, double[] phys,
                double[] noiseMult) {
            for (TwinConfig.Extrapolation x : list) {
                phys[x.sensor()] = phys[x.sensor()] * (1 + x.relPerTenth() * tenths * w) + x.absPerTenth() * tenths * w;
                noiseMult[x.sensor()] *= 1 + x.noisePerTenth() * tenths * w;
            }
        }

        private String sensorId(int i) {
            return profile.sensors().get(i).id();
        }

        private void applyLags(int k, double[] phys) {
            for (int i = 0; i < sensorCount; i++) {
                double tau = cfg.lagS(i);
                if (tau <= 0) {
                    continue;
                }
                if (k == 0 || Double.isNaN(lagState[i])) {
                    lagState[i] = phys[i];
                } else {
                    lagState[i] += (phys[i] - lagState[i]) * (1 - StrictMath.exp(-dt / tau));
                }
                phys[i] = lagState[i];
            }
        }
    }
}
