package io.hotfire.sim.fault;

import java.util.Optional;

/**
 * One fault injected into a run.
 *
 * @param code      catalogue code, {@code SENSOR_<KIND>}, or a novel code
 * @param sensor    the sensor of a sensor fault, else null
 * @param valve     the valve of a valve fault (VALVE_SLOW), else null
 * @param onsetS    run time the fault starts, s
 * @param rampS     time from onset to full severity, s (0 = step)
 * @param severity  0..1, scales the full-severity signature
 * @param signature effect at full severity; null for sensor faults
 * @param novel     true for a fault outside the catalogue (its signature came with the scenario)
 * @param sign      direction of a drift, bias or spike: +1, -1, or 0 = let the twin choose
 * @param deadMode  how a dead sensor reads: {@code empty}, {@code high}, {@code low}, or null = let the twin choose
 */
public record FaultSpec(String code, String sensor, String valve, double onsetS, double rampS, double severity,
        Signature signature, boolean novel, int sign, String deadMode) {

    public static final String EMPTY = "empty";
    public static final String HIGH = "high";
    public static final String LOW = "low";

    public FaultSpec {
        if (severity < 0 || severity > 1) {
            throw new IllegalArgumentException("severity must lie in 0..1, got " + severity);
        }
        if (onsetS < 0) {
            throw new IllegalArgumentException("onset must be ≥ 0, got " + onsetS);
        }
        if (rampS < 0) {
            throw new IllegalArgumentException("ramp must be ≥ 0, got " + rampS);
        }
    }

    public static FaultSpec component(String code, String valve, double onsetS, double rampS, double severity,
            Signature signature, boolean novel) {
        return new FaultSpec(code, null, valve, onsetS, rampS, severity, signature, novel, 0, null);
    }

    public static FaultSpec sensor(SensorFaultKind kind, String sensor, double onsetS, double rampS, double severity) {
        return new FaultSpec(kind.code(), sensor, null, onsetS, rampS, severity, null, false, 0, null);
    }

    public Optional<SensorFaultKind> sensorKind() {
        return sensor == null ? Optional.empty() : SensorFaultKind.parse(code);
    }

    public boolean isSensorFault() {
        return sensorKind().isPresent();
    }

    public FaultSpec withSign(int s) {
        return new FaultSpec(code, sensor, valve, onsetS, rampS, severity, signature, novel, s, deadMode);
    }

    public FaultSpec withDeadMode(String mode) {
        return new FaultSpec(code, sensor, valve, onsetS, rampS, severity, signature, novel, sign, mode);
    }

    /** Fraction 0..1 of full effect at run time t (linear ramp after onset + delay). */
    public double envelope(double t, double delayS) {
        double since = t - onsetS - delayS;
        if (since < 0) {
            return 0.0;
        }
        if (rampS <= 0) {
            return 1.0;
        }
        return Math.min(1.0, since / rampS);
    }
}
