package io.hotfire.app.support;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * GG-1 telemetry CSV for the API tests: every channel at expected(θ = 100 %) plus its Gaussian
 * noise after a 3 s start ramp, with optional per-channel overrides from a run time on.
 */
public final class Telemetry {

    public static final EngineProfile GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1").profile();

    private final Map<String, Double> overrideFrom = new HashMap<>();
    private final Map<String, DoubleUnaryOperator> overrides = new HashMap<>();
    private long seed = 7;

    public static Telemetry nominal() {
        return new Telemetry();
    }

    public Telemetry seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** From run time {@code fromT} on, the channel reads {@code value(t)}. */
    public Telemetry override(String sensor, double fromT, DoubleUnaryOperator value) {
        overrideFrom.put(sensor, fromT);
        overrides.put(sensor, value);
        return this;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) at the profile's sample rate, with a seq column. */
    public String csv(int from, int to) {
        List<SensorSpec> sensors = GG1.sensors();
        StringBuilder b = new StringBuilder("seq,t");
        sensors.forEach(s -> b.append(',').append(s.id()));
        b.append('\n');
        for (int i = from; i < to; i++) {
            double t = i / GG1.sampleRateHz();
            double theta = t < 3.0 ? t / 3.0 : 1.0;
            SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
            b.append(i).append(',').append(t);
            for (SensorSpec s : sensors) {
                double v = s.id().equals(GG1.throttleChannel())
                        ? 100.0
                        : s.expected(theta) + s.noise() * gaussian(rnd);
                Double fromT = overrideFrom.get(s.id());
                if (fromT != null && t >= fromT) {
                    v = overrides.get(s.id()).applyAsDouble(t);
                }
                b.append(',').append(v);
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
