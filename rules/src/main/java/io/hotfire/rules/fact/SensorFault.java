package io.hotfire.rules.fact;

/**
 * Evidence, in this window, that a sensor is not measuring: code {@code SENSOR_DEAD},
 * {@code SENSOR_FROZEN}, {@code SENSOR_SPIKE}, {@code SENSOR_BIAS} or {@code SENSOR_DRIFT}.
 * Inserted logically by validation rules; it disappears when the evidence does.
 */
public record SensorFault(String sensor, String code, String detail, double value, double reference) {
}
