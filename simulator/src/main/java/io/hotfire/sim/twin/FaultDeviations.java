package io.hotfire.sim.twin;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.sim.fault.Deviation;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.fault.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * The faults of one simulated run: the choices a sensor fault leaves open, fixed from the fault's
 * own stream; each deviation of a catalogue fault's signature bound to the channels it moves, and
 * what they add to a quantity or a sensor's value, and to its noise, at a time.
 */
final class FaultDeviations {

    /** One fault deviation bound to the sensors it moves. */
    private record Bound(int fault, String key, int[] sensors, Deviation dev) {
    }

    private final List<FaultSpec> faults;
    private final List<Bound> bound = new ArrayList<>();

    FaultDeviations(TwinConfig cfg, List<FaultSpec> faults) {
        this.faults = faults;
        for (int j = 0; j < faults.size(); j++) {
            Signature sig = faults.get(j).signature();
            if (sig == null) {
                continue;
            }
            for (Map.Entry<String, Deviation> e : sig.channels().entrySet()) {
                bound.add(new Bound(j, e.getKey(), cfg.sensorsOf(e.getKey()), e.getValue()));
            }
        }
    }

    /** Sum of a key's fault deviations applied to a value (see README "Direct deviations"). */
    /** Fixes the choices a fault leaves open (direction, dead mode) from the fault's own stream. */
    static FaultSpec resolve(FaultSpec f, SplittableRandom rng, EngineProfile profile, DoubleUnaryOperator thetaFor) {
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
            double e = Math.abs(spec.expected(thetaFor.applyAsDouble(f.onsetS())));
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

    /** {@code value} of quantity or sensor {@code key} as the faults move it at {@code t} (weight {@code w} of the sequence). */
    double deviate(String key, double value, double t, double w) {
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

    /** Severity × envelope of fault j at t (delay 0). */
    double strength(int j, double t) {
        FaultSpec f = faults.get(j);
        return f.severity() * f.envelope(t, 0.0);
    }

    /** Adds the faults' noise changes at {@code t} to each sensor's noise multiplier. */
    void addNoise(double t, double[] noiseMult) {
        for (Bound b : bound) {
            if (b.dev().noise() != 1.0) {
                FaultSpec f = faults.get(b.fault());
                double st = f.severity() * f.envelope(t, b.dev().delayS());
                for (int i : b.sensors()) {
                    noiseMult[i] += (b.dev().noise() - 1.0) * st;
                }
            }
        }
    }
}
