package io.hotfire.sim.twin;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.Signature;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ValveStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulation of the {@link EngineTwin}: the start, mainstage and shutdown sequence, the throttle,
 * the valves and the Pc loop, the plant's physics under the scenario's conditions and faults, the
 * sensors' lags, then what the sensors read ({@link SensorReadings}) and the stand's redlines
 * ({@link RedlineWatch}), one frame per sample.
 */
final class TwinRun {

    private enum Phase { START, MAIN, SHUTDOWN, OFF }

    private final EngineTwin twin;
    private final TwinConfig cfg;
    private final EngineProfile profile;
    private final int sensorCount;
    private final int[] decimals;
    private final double oxFlowShare;
    private final Scenario sc;
    private final long seed;
    private final double dt;
    private final int rows;
    private final double tShutdown;
    private final List<FaultSpec> faults;
    private final SplittableRandom[] noise;
    private final SplittableRandom[] faultRng;
    private final FaultDeviations deviations;
    private final double thetaInitial;
    private final RedlineWatch redlines;
    private final SensorReadings readings;
    /** Oxidiser and fuel density relative to nominal at the scenario's inlet temperatures (constant over the run). */
    private final double rhoO;
    private final double rhoF;

    // Plant and controller state.
    private double thetaC;
    private double thetaShutdown;
    private double n = 1.0;
    private double integral = 0.0;
    private double pcPlant = 1.0;
    private final double[] valvePos = new double[3];
    private final double[] valveCmd = new double[3];
    private Phase previous = Phase.START;

    TwinRun(EngineTwin twin, Scenario sc, long seed) {
        this.twin = twin;
        this.cfg = twin.config();
        this.profile = cfg.profile();
        this.sensorCount = profile.sensors().size();
        this.decimals = twin.decimals();
        this.oxFlowShare = twin.oxFlowShare();
        this.sc = sc;
        this.seed = seed;
        this.dt = profile.samplePeriod();
        this.rows = (int) Math.round(sc.durationS() * profile.sampleRateHz());
        this.tShutdown = twin.shutdownTime(sc.durationS());
        if (tShutdown < cfg.sequence().startS()) {
            throw new IllegalArgumentException("run of " + sc.durationS() + " s is too short; at least "
                    + twin.minimumDuration() + " s");
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
            resolved.add(FaultDeviations.resolve(sc.faults().get(j), faultRng[j], profile, this::thetaFor));
        }
        this.faults = List.copyOf(resolved);
        this.deviations = new FaultDeviations(cfg, faults);
        this.thetaInitial = sc.throttle().initialPercent() / profile.throttleScale();
        this.thetaC = thetaInitial;
        this.thetaShutdown = thetaInitial;
        this.redlines = new RedlineWatch(cfg);
        this.readings = new SensorReadings(cfg, decimals, sc.conditions(), faults, noise, faultRng);
        Conditions c = sc.conditions();
        this.rhoO = relativeDensity(c.loxInletK(), cfg.roles().oxInletTemperature(), cfg.propellants().oxDensityPerK());
        this.rhoF = relativeDensity(c.fuelInletK(), cfg.roles().fuelInletTemperature(), cfg.propellants().fuelDensityPerK());
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
            readings.lag(k, phys);
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

    private void stepValvesAndPlant(Phase phase, double t, double[] schedule) {
        TwinConfig.Valve[] valves = {cfg.loxValve(), cfg.fuelValve(), cfg.ggValve()};
        SensorSpec ggCmd = profile.sensors().get(cfg.ggValve().command());
        double ggSched = phase == Phase.MAIN ? twin.ggSchedule(thetaC)
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
                    double s = deviations.strength(j, t);
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
                    double eta = 1.0;
            double load = 0.0;
            for (int j = 0; j < faults.size(); j++) {
                Signature sig = faults.get(j).signature();
                if (sig != null) {
                    double s = deviations.strength(j, t);
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

    private void physics(Phase phase, double t, double w, double thetaRef, double[] s, double[] phys,
            double[] noiseMult) {
        TwinConfig.Roles r = cfg.roles();
        TwinConfig.Plant p = cfg.plant();
        TwinConfig.Propellants pr = cfg.propellants();
        Conditions c = sc.conditions();
        boolean main = phase == Phase.MAIN;
        double g = main ? valvePos[2] / Math.max(twin.ggSchedule(thetaC), 1e-3) : 1.0;
        double fo = main ? StrictMath.pow(Math.max(valvePos[0], 0) / profile.sensors().get(cfg.loxValve().position()).nominal(),
                p.mainValveFlowExponent()) : 1.0;
        double ff = main ? StrictMath.pow(Math.max(valvePos[1], 0) / profile.sensors().get(cfg.fuelValve().position()).nominal(),
                p.mainValveFlowExponent()) : 1.0;
        double phiO = 0;
        double phiF = 0;
        for (int j = 0; j < faults.size(); j++) {
            Signature sig = faults.get(j).signature();
            if (sig != null) {
                double st = deviations.strength(j, t);
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
        phys[oxIn] = deviations.deviate(sensorId(oxIn), s[oxIn] * (1 + pr.inletPressureDensityShare() * (rhoO - 1)), t, w);
        phys[fIn] = deviations.deviate(sensorId(fIn), s[fIn] * (1 + pr.inletPressureDensityShare() * (rhoF - 1)), t, w);
        int oxT = r.oxInletTemperature();
        int fT = r.fuelInletTemperature();
        if (c.loxInletK() != null) {
            phys[oxT] = s[oxT] + (c.loxInletK() - profile.sensors().get(oxT).nominal());
        }
        if (c.fuelInletK() != null) {
            phys[fT] = s[fT] + (c.fuelInletK() - profile.sensors().get(fT).nominal());
        }

        // Chamber pressure (one physical quantity) and what follows from it.
        double pcTrue = deviations.deviate(TwinConfig.Quantity.PC.name(), sPc * uPc * pc, t, w);
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
        double titTrue = deviations.deviate(TwinConfig.Quantity.TIT.name(), sTit * StrictMath.pow(mixture, p.titMixtureExponent()), t, w);
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
                phys[i] = deviations.deviate(sensorId(i), phys[i], t, w);
            }
        }
        deviations.addNoise(t, noiseMult);

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

    private double relativeDensity(Double inletK, int sensor, double perK) {
        return inletK == null ? 1.0 : 1 + perK * (inletK - profile.sensors().get(sensor).nominal());
    }

    private String sensorId(int i) {
        return profile.sensors().get(i).id();
    }

    private static double smoothstep(double x) {
        double c = Math.max(0, Math.min(1, x));
        return c * c * (3 - 2 * c);
    }
}
