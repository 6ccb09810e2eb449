package io.hotfire.pipeline;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.telemetry.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * A minimal steady-state run for pipeline tests: every channel at expected(θ) plus its Gaussian
 * noise, a 3 s linear start ramp, and optional per-channel overrides (value as a function of time
 * and the healthy value). The digital twin in module simulator is the real generator; this keeps
 * the pipeline's own tests independent of it.
 */
public final class SyntheticRun {

    private final EngineProfile profile;
    private double theta = 1.0;
    private double duration = 20;
    private long seed = 1;
    private final Map<String, BiFunction<Double, Double, Double>> overrides = new HashMap<>();

    public SyntheticRun(EngineProfile profile) {
        this.profile = profile;
    }

    public SyntheticRun theta(double theta) {
        this.theta = theta;
        return this;
    }

    public SyntheticRun duration(double seconds) {
        this.duration = seconds;
        return this;
    }

    public SyntheticRun seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Replaces a channel's value: {@code f(t, healthyValue)}. */
    public SyntheticRun override(String sensor, BiFunction<Double, Double, Double> f) {
        overrides.put(sensor, f);
        return this;
    }

    public List<Frame> frames() {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<SensorSpec> sensors = profile.sensors();
        int n = (int) Math.round(duration * profile.sampleRateHz());
        List<Frame> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double t = i / profile.sampleRateHz();
            double th = t < 3.0 ? theta * t / 3.0 : theta;
            double[] v = new double[sensors.size()];
            for (int s = 0; s < sensors.size(); s++) {
                SensorSpec spec = sensors.get(s);
                double x;
                if (spec.id().equals(profile.throttleChannel())) {
                    x = theta * profile.throttleScale();
                } else {
                    x = spec.expected(th) + spec.noise() * gaussian(rnd);
                }
                BiFunction<Double, Double, Double> f = overrides.get(spec.id());
                v[s] = f == null ? x : f.apply(t, x);
            }
            out.add(new Frame(i, t, v));
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
