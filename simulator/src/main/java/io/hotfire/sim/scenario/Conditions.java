package io.hotfire.sim.scenario;

/**
 * The engine and propellants a run is made with, when they differ from the ICD's nominal engine.
 *
 * @param loxInletK  LOX pump inlet temperature, K, or null for the profile's nominal
 * @param fuelInletK fuel pump inlet temperature, K, or null for the profile's nominal
 * @param unitPc     engine-unit offset of chamber pressure (and flows) at a given command, relative
 * @param unitSpeed  engine-unit offset of turbopump speed, relative
 * @param unitThrust engine-unit offset of thrust beyond the Pc offset (nozzle, load cell), relative
 */
public record Conditions(Double loxInletK, Double fuelInletK, double unitPc, double unitSpeed, double unitThrust) {

    public static final Conditions NOMINAL = new Conditions(null, null, 0, 0, 0);

    public boolean hasUnitOffsets() {
        return unitPc != 0 || unitSpeed != 0 || unitThrust != 0;
    }
}
