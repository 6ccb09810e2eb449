package io.hotfire.sim.fault;

import java.util.Locale;
import java.util.Optional;

/** The sensor-fault kinds of FAULTS.md; each applies to one sensor, diagnosed as {@code SENSOR_<KIND>}. */
public enum SensorFaultKind {
    /** Slow ramp away from the true value, 0.2–2 %/s. */
    DRIFT,
    /** Step offset. */
    BIAS,
    /** The reading at onset, held without noise. */
    FROZEN,
    /** Empty (NaN) or outside the span. */
    DEAD,
    /** Isolated single-sample excursions. */
    SPIKE;

    /** The fault code, e.g. {@code SENSOR_DRIFT}. */
    public String code() {
        return "SENSOR_" + name();
    }

    /** Accepts {@code SENSOR_DRIFT}, {@code DRIFT} or {@code drift}. */
    public static Optional<SensorFaultKind> parse(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        if (u.startsWith("SENSOR_")) {
            u = u.substring("SENSOR_".length());
        }
        for (SensorFaultKind k : values()) {
            if (k.name().equals(u)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
