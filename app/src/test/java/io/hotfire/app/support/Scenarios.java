package io.hotfire.app.support;

/** GG-1 telemetry whose diagnosis raises known alarms (see DiagnosisFeedTest for what each concludes). */
public final class Scenarios {

    /**
     * PC_A dead from 5 s (a SENSOR alarm, WARNING, that stays) and turbopump vibration past its
     * warning line from 8 s (a WARNING_HIGH limit alarm that clears and returns): non-latching alarms.
     */
    public static final Telemetry DEAD_PC_A_AND_ROUGH_PUMP = Telemetry.nominal()
            .override("PC_A", 5.0, t -> Double.NaN)
            .override("VIB_RMS", 8.0, t -> 9 + 0.2 * Math.sin(31 * t));

    /** Both turbine inlet thermocouples past the 1050 K redline from 8 s: CRITICAL redline alarms, findings, an ABORT. */
    public static final Telemetry HOT_TURBINE = Telemetry.nominal()
            .override("TIT_A", 8.0, t -> 1100 + 3 * Math.sin(37 * t))
            .override("TIT_B", 8.0, t -> 1102 + 3 * Math.cos(29 * t));

    private Scenarios() {
    }
}
