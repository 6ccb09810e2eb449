package io.hotfire.sim.twin;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.scenario.Conditions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the stand's sensors read of one simulated run's physical values: their lags, the unit's reading offsets,
 * the sensor faults (drift, bias, frozen, dead, spikes), the stand's noise from one stream per
 * sensor (drawn every sample, silent or not), the span clamp and the ICD's rounding.
 */
final class SensorReadings {

    private final EngineProfile profile;
    private final TwinConfig cfg;
    private final int sensorCount;
    private final int[] decimals;
    private final double dt;
    private final List<FaultSpec> faults;
    private final SplittableRandom[] noise;
    private final SplittableRandom[] faultRng;
    private final double[] frozen;
    private final int[] spikeCooldown;
    private final double[] gain;
    private final double noiseScale;
    private final double[] lagState;

    SensorReadings(TwinConfig cfg, int[] decimals, Conditions conditions, List<FaultSpec> faults, SplittableRandom[] noise,
            SplittableRandom[] faultRng) {
        this.cfg = cfg;
        this.profile = cfg.profile();
        this.sensorCount = profile.sensors().size();
        this.decimals = decimals;
        this.dt = profile.samplePeriod();
        this.faults = faults;
        this.noise = noise;
        this.faultRng = faultRng;
        this.frozen = new double[faults.size()];
        Arrays.fill(frozen, Double.NaN);
        this.spikeCooldown = new int[faults.size()];
        // The unit's per-channel reading offsets and the stand's noise (TwinFamily).
        this.gain = new double[sensorCount];
        Arrays.fill(gain, 1.0);
        for (Map.Entry<String, Double> e : conditions.sensorOffsets().entrySet()) {
            int idx = profile.indexOf(e.getKey());
            if (idx < 0) {
                throw new IllegalArgumentException("profile " + profile.id() + " has no sensor " + e.getKey());
            }
            gain[idx] = 1 + e.getValue();
        }
        this.noiseScale = conditions.noiseScale();
        this.lagState = new double[sensorCount];
        Arrays.fill(lagState, Double.NaN);
    }

    /** Sample {@code k}: each sensor with a lag follows its physical value with that time constant. */
    void lag(int k, double[] phys) {
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

    /** The readings at {@code t} of the physical values at throttle {@code theta}: sensor faults, noise, span clamp, rounding. */
    double[] read(double t, double theta, double[] phys, double[] noiseMult) {
        double[] out = new double[sensorCount];
        boolean[] silent = new boolean[sensorCount];
        boolean[] outside = new boolean[sensorCount];
        for (int i = 0; i < sensorCount; i++) {
            out[i] = phys[i] * gain[i];
        }
        TwinConfig.SensorFaults sf = cfg.sensorFaults();
        List<Integer> freezeNow = new ArrayList<>();
        for (int j = 0; j < faults.size(); j++) {
            FaultSpec f = faults.get(j);
            SensorFaultKind kind = f.sensorKind().orElse(null);
            if (kind == null || t < f.onsetS()) {
                continue;
            }
            int i = profile.indexOf(f.sensor());
            SensorSpec spec = profile.sensors().get(i);
            Range span = spec.span();
            switch (kind) {
                case DRIFT -> {
                    double rate = sf.driftMinPerS() + f.severity() * (sf.driftMaxPerS() - sf.driftMinPerS());
                    out[i] *= 1 + f.sign() * rate * (t - f.onsetS());
                }
                case BIAS -> {
                    double size = Math.max(sf.biasFraction() * Math.abs(spec.expected(theta)), sf.biasMinSigma() * spec.noise());
                    out[i] += f.sign() * f.severity() * f.envelope(t, 0) * size;
                }
                case FROZEN -> {
                    if (Double.isNaN(frozen[j])) {
                        freezeNow.add(j);
                    } else {
                        out[i] = frozen[j];
                        silent[i] = true;
                    }
                }
                case DEAD -> {
                    silent[i] = true;
                    double off = sf.deadOutOfSpanFraction() * span.width();
                    switch (f.deadMode()) {
                        case FaultSpec.HIGH -> {
                            out[i] = span.high() + off;
                            outside[i] = true;
                        }
                        case FaultSpec.LOW -> {
                            out[i] = span.low() - off;
                            outside[i] = true;
                        }
                        default -> out[i] = Double.NaN;
                    }
                }
                case SPIKE -> {
                    SplittableRandom rng = faultRng[j];
                    double u = rng.nextDouble();
                    double sizeDraw = rng.nextDouble();
                    double signDraw = rng.nextDouble();
                    if (spikeCooldown[j] > 0) {
                        spikeCooldown[j]--;
                    } else if (u < sf.spikesPerS() * dt) {
                        double sigmas = sf.spikeMinSigma() + sizeDraw * (sf.spikeMaxSigma() - sf.spikeMinSigma());
                        double size = Math.max(sigmas * spec.noise(), sf.spikeMinSpanFraction() * span.width());
                        out[i] += (signDraw < 0.5 ? -1 : 1) * f.severity() * size;
                        spikeCooldown[j] = 4;
                    }
                }
                default -> throw new IllegalStateException(kind.name());
            }
        }
        for (int i = 0; i < sensorCount; i++) {
            SensorSpec spec = profile.sensors().get(i);
            double gauss = gaussian(noise[i]);
            if (silent[i]) {
                continue;
            }
            out[i] += spec.noise() * noiseScale * noiseMult[i] * gauss;
        }
        for (int j : freezeNow) {
            int i = profile.indexOf(faults.get(j).sensor());
            frozen[j] = clampRound(i, out[i]);
        }
        for (int i = 0; i < sensorCount; i++) {
            if (Double.isNaN(out[i])) {
                continue;
            }
            out[i] = outside[i] ? Precision.round(out[i], decimals[i]) : clampRound(i, out[i]);
        }
        return out;
    }

    private double clampRound(int i, double v) {
        Range span = profile.sensors().get(i).span();
        return Precision.round(Math.max(span.low(), Math.min(span.high(), v)), decimals[i]);
    }

    /** A standard normal draw (Marsaglia's polar method, {@link StrictMath} only). */
    private static double gaussian(SplittableRandom r) {
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
}
