package io.hotfire.sim.scenario;

import java.util.Map;
import java.util.TreeMap;

/**
 * The engine, stand and propellants a run is made with, when they differ from the ICD's nominal
 * engine on the ICD's stand.
 *
 * @param loxInletK     LOX pump inlet temperature, K, or null for the profile's nominal
 * @param fuelInletK    fuel pump inlet temperature, K, or null for the profile's nominal
 * @param unitPc        engine-unit offset of chamber pressure (and flows) at a given command, relative
 * @param unitSpeed     engine-unit offset of turbopump speed, relative
 * @param unitThrust    engine-unit offset of thrust beyond the Pc offset (nozzle, load cell), relative
 * @param noiseScale    the stand's sensor noise as a multiple of the profile's σ (1 = the ICD's)
 * @param sensorOffsets per-channel offset of the reading (instrumentation, installation), relative,
 *                      by sensor id; absent = 0
 */
public record Conditions(Double loxInletK, Double fuelInletK, double unitPc, double unitSpeed, double unitThrust,
        double noiseScale, Map<String, Double> sensorOffsets) {

    public static final Conditions NOMINAL = new Conditions(null, null, 0, 0, 0);

    public Conditions {
        if (!(noiseScale > 0)) {
            throw new IllegalArgumentException("noise scale must be > 0, got " + noiseScale);
        }
        sensorOffsets = sensorOffsets == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(sensorOffsets));
    }

    /** Conditions on the ICD's stand (noise as the ICD says, no per-channel offsets). */
    public Conditions(Double loxInletK, Double fuelInletK, double unitPc, double unitSpeed, double unitThrust) {
        this(loxInletK, fuelInletK, unitPc, unitSpeed, unitThrust, 1.0, Map.of());
    }

    public boolean hasUnitOffsets() {
        return unitPc != 0 || unitSpeed != 0 || unitThrust != 0;
    }

    /** Whether the stand noise or a channel offset differs from the ICD's (a family draw was applied). */
    public boolean hasStandOrChannelTerms() {
        return noiseScale != 1.0 || !sensorOffsets.isEmpty();
    }

    public Conditions withUnit(double pc, double speed, double thrust) {
        return new Conditions(loxInletK, fuelInletK, pc, speed, thrust, noiseScale, sensorOffsets);
    }

    public Conditions withStand(double noise, Map<String, Double> offsets) {
        return new Conditions(loxInletK, fuelInletK, unitPc, unitSpeed, unitThrust, noise, offsets);
    }
}
