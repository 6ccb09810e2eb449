package io.hotfire.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.Gg1;
import io.hotfire.sim.scenario.CommandChanges;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.SimulatedRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per FAULTS.md component code: at full severity, 85 % throttle, the twin shows the
 * catalogue's direction on every channel the row names (and its numbers where it gives some).
 */
class CatalogueFaultSignatureTest {

    @Test
    void everyCatalogueCodeHasASignatureAndATestHere() {
        assertThat(Gg1.domain().catalog().codes()).containsExactlyInAnyOrder(
                "LOX_PUMP_CAVITATION", "FUEL_PUMP_CAVITATION", "TP_BEARING_WEAR", "TP_ROTOR_IMBALANCE", "TP_ROTOR_WHIRL",
                "TURBINE_EFFICIENCY_LOSS", "REGEN_JACKET_LEAK", "FUEL_INJECTOR_BLOCKAGE", "OX_INJECTOR_BLOCKAGE",
                "GG_FUEL_STARVATION", "COMBUSTION_INSTABILITY", "LOX_LINE_LEAK", "VALVE_SLOW");
    }

    @Test
    void loxPumpCavitationDropsInletPressureThenCollapsesHeadAtRisingSpeed() {
        SignatureCheck c = SignatureCheck.of("LOX_PUMP_CAVITATION");
        c.down("P_OX_IN", "P_OX_DIS", "MDOT_OX", "PC_A", "PC_B").up("N_TP", "VIB_RMS");
        assertThat(c.after("P_OX_IN")).isLessThan(0.30);
        assertThat(c.ratio("P_OX_DIS")).isBetween(0.70, 0.90);
        assertThat(c.ratio("N_TP")).isBetween(1.02, 1.05);
        assertThat(c.ratio("VIB_RMS")).isBetween(2.0, 3.0);
        assertThat(c.mixtureRatioChange()).isLessThan(-0.01);
    }

    @Test
    void fuelPumpCavitationDropsFuelInletPressureAndHeadAndRunsOxRich() {
        SignatureCheck c = SignatureCheck.of("FUEL_PUMP_CAVITATION");
        c.down("P_F_IN", "P_F_DIS", "MDOT_F").up("N_TP", "VIB_RMS", "T_WALL");
        assertThat(c.after("P_F_IN")).isLessThan(0.22);
        assertThat(c.mixtureRatioChange()).isGreaterThan(0.01);
    }

    @Test
    void bearingWearRaisesTheCageLineAloneAndTrendsOverTensOfSeconds() {
        SignatureCheck c = SignatureCheck.of("TP_BEARING_WEAR");
        c.up("VIB_CAGE", "VIB_RMS").same("PC_A", "N_TP", "MDOT_OX", "MDOT_F", "TIT_A", "P_GG", "P_OX_DIS", "VIB_1N", "VIB_SUB");
        assertThat(c.ratio("VIB_CAGE")).isBetween(3.0, 6.0);
        assertThat(c.ratio("VIB_RMS")).isLessThan(1.5);
        double early = Gg1.mean(c.faulty, "VIB_CAGE", 14, 16);
        double mid = Gg1.mean(c.faulty, "VIB_CAGE", 19, 21);
        double late = Gg1.mean(c.faulty, "VIB_CAGE", 28, 30);
        assertThat(early).isLessThan(mid);
        assertThat(mid).isLessThan(late);
    }

    @Test
    void rotorImbalanceStepsTheSynchronousLineWithASmallSpeedLossAndHotterTurbine() {
        SignatureCheck c = SignatureCheck.of("TP_ROTOR_IMBALANCE");
        c.up("VIB_1N", "VIB_RMS", "TIT_A", "TIT_B").down("N_TP");
        assertThat(c.ratio("VIB_1N")).isBetween(3.0, 5.0);
        assertThat(c.ratio("N_TP")).isGreaterThan(0.98);
        double justAfter = Gg1.mean(c.faulty, "VIB_1N", 10.2, 10.6);
        assertThat(justAfter / c.before("VIB_1N")).as("a step, not a trend").isGreaterThan(3.0);
    }

    @Test
    void rotorWhirlRaisesTheSubSynchronousLineOnly() {
        SignatureCheck c = SignatureCheck.of("TP_ROTOR_WHIRL");
        c.up("VIB_SUB", "VIB_RMS").same("VIB_1N", "VIB_CAGE", "PC_A", "N_TP", "TIT_A", "MDOT_OX", "MDOT_F");
        assertThat(c.ratio("VIB_SUB")).isBetween(5.0, 10.0);
    }

    @Test
    void turbineEfficiencyLossMakesTheControllerOpenTheGgValveHoldingPc() {
        SignatureCheck c = SignatureCheck.of("TURBINE_EFFICIENCY_LOSS");
        c.up("GGV_POS", "GGV_CMD", "P_GG", "TIT_A", "TIT_B", "T_TURB_EX").same("PC_A", "PC_B");
        assertThat(c.delta("N_TP")).as("N_TP ≈ or ↓ slightly").isLessThan(c.threshold("N_TP"));
        assertThat(c.delta("TIT_A")).isBetween(30.0, 80.0);
        assertThat(Math.abs(c.differenceChange("P_F_DIS", "P_F_INJ"))).as("jacket ΔP normal")
                .isLessThan(c.differenceThreshold("P_F_DIS", "P_F_INJ"));
        assertThat(Math.abs(c.differenceChange("P_OX_INJ", "PC_A"))).as("LOX injector ΔP normal")
                .isLessThan(c.differenceThreshold("P_OX_INJ", "PC_A"));
        assertThat(Math.abs(c.differenceChange("P_F_INJ", "PC_A"))).as("fuel injector ΔP normal")
                .isLessThan(c.differenceThreshold("P_F_INJ", "PC_A"));
    }

    @Test
    void regenJacketLeakRaisesJacketDeltaPAndWallTemperatureWhileTheControllerCompensates() {
        SignatureCheck c = SignatureCheck.of("REGEN_JACKET_LEAK");
        c.down("P_F_INJ", "PC_A", "PC_B").up("T_WALL", "T_COOL_OUT", "GGV_POS", "TIT_A", "TIT_B", "N_TP").same("MDOT_F");
        assertThat(c.differenceChange("P_F_DIS", "P_F_INJ")).as("jacket ΔP ↑")
                .isGreaterThan(c.differenceThreshold("P_F_DIS", "P_F_INJ"));
        assertThat(c.ratio("PC_A")).as("PC ↓ only slightly").isGreaterThan(0.97);
    }

    @Test
    void fuelInjectorBlockageBacksUpFuelManifoldPressureWithLessFuelFlow() {
        SignatureCheck c = SignatureCheck.of("FUEL_INJECTOR_BLOCKAGE");
        c.up("P_F_INJ", "T_WALL").down("MDOT_F", "PC_A", "PC_B");
        assertThat(c.mixtureRatioChange()).isGreaterThan(0.01);
        assertThat(c.differenceChange("P_F_INJ", "PC_A")).as("fuel injector ΔP ↑")
                .isGreaterThan(c.differenceThreshold("P_F_INJ", "PC_A"));
    }

    @Test
    void oxInjectorBlockageBacksUpLoxManifoldPressureWithLessLoxFlow() {
        SignatureCheck c = SignatureCheck.of("OX_INJECTOR_BLOCKAGE");
        c.up("P_OX_INJ").down("MDOT_OX", "PC_A", "PC_B", "T_WALL");
        assertThat(c.mixtureRatioChange()).isLessThan(-0.01);
        assertThat(c.differenceChange("P_OX_INJ", "PC_A")).as("LOX injector ΔP ↑")
                .isGreaterThan(c.differenceThreshold("P_OX_INJ", "PC_A"));
    }

    @Test
    void ggFuelStarvationRaisesTurbineTemperatureFastOnBothThermocouplesTowardTheRedline() {
        SignatureCheck c = SignatureCheck.of("GG_FUEL_STARVATION");
        c.up("TIT_A", "TIT_B", "T_TURB_EX");
        assertThat(c.delta("P_GG")).as("P_GG ≈ or ↑").isGreaterThan(-c.threshold("P_GG"));
        double before = Gg1.mean(c.faulty, "TIT_A", 9.5, 10.0);
        double twoSecondsOn = Gg1.mean(c.faulty, "TIT_A", 11.9, 12.1);
        assertThat((twoSecondsOn - before) / 2.0).as("TIT rise rate, K/s").isBetween(50.0, 150.0);
        for (Frame f : Gg1.window(c.faulty, 10, 38)) {
            assertThat(Math.abs(Gg1.value(f, "TIT_A") - Gg1.value(f, "TIT_B"))).isLessThan(25.0);
        }
        double peak = Gg1.window(c.faulty, 10, 12).stream().mapToDouble(f -> Gg1.value(f, "N_TP")).max().orElseThrow();
        assertThat(peak - Gg1.mean(c.nominal, "N_TP", 10, 12)).as("N_TP ↑ first").isGreaterThan(c.threshold("N_TP"));
        assertThat(c.after("N_TP")).as("then falls back").isLessThan(peak);
        assertThat(c.faulty.redline().reached()).isTrue();
        assertThat(c.faulty.redline().channel()).startsWith("TIT");
        assertThat(c.faulty.redline().t()).isBetween(10.5, 14.0);
    }

    @Test
    void combustionInstabilityRaisesPcOscillationBeyondTheWarningWithMeanPcUnchanged() {
        SignatureCheck c = SignatureCheck.of("COMBUSTION_INSTABILITY");
        c.up("PC_OSC", "VIB_RMS", "T_WALL").same("PC_A", "PC_B");
        assertThat(c.after("PC_OSC")).isBetween(4.0, 10.0);
    }

    @Test
    void loxLineLeakLowersLoxManifoldPressureAtUnchangedMeteredFlowAndTheControllerSpeedsUp() {
        SignatureCheck c = SignatureCheck.of("LOX_LINE_LEAK");
        c.same("MDOT_OX").down("P_OX_INJ", "PC_A", "PC_B", "T_WALL").up("GGV_POS", "N_TP");
    }

    @Test
    void slowGgValveLagsItsCommandAfterAThrottleStepAndPcFollowsThePosition() {
        SimulatedRun run = slowValveRun("GGV", 80);
        assertThat(run.scenario().throttle().steps()).as("a command change was added").isNotEmpty();
        assertThat(longestLag(run, "GGV_CMD", "GGV_POS", 5.0)).isGreaterThan(0.5);
        SimulatedRun healthy = Gg1.twin().simulate(run.scenario().withFaults(List.of()), run.seed());
        assertThat(longestLag(healthy, "GGV_CMD", "GGV_POS", 5.0)).isLessThan(0.5);
        double step = run.scenario().throttle().steps().get(0).atS();
        double pcSlow = Gg1.mean(run, "PC_A", step + 1.5, step + 2.5);
        double pcHealthy = Gg1.mean(healthy, "PC_A", step + 1.5, step + 2.5);
        assertThat(pcSlow).as("PC follows the lagging position").isLessThan(pcHealthy - 3 * Gg1.spec("PC_A").noise());
    }

    @Test
    void slowMainLoxValveLagsAValveCheckCommand() {
        SimulatedRun run = slowValveRun("MOV", 85);
        assertThat(run.scenario().valveSteps()).isNotEmpty();
        assertThat(longestLag(run, "MOV_CMD", "MOV_POS", 5.0)).isGreaterThan(0.5);
    }

    @Test
    void slowMainFuelValveLagsAValveCheckCommand() {
        SimulatedRun run = slowValveRun("MFV", 85);
        assertThat(longestLag(run, "MFV_CMD", "MFV_POS", 5.0)).isGreaterThan(0.5);
    }

    private static SimulatedRun slowValveRun(String valve, double throttle) {
        CatalogFault cf = Gg1.domain().catalog().fault("VALVE_SLOW").orElseThrow();
        Scenario sc = new Scenario("slow", 30, ThrottleProfile.constant(throttle, 10), List.of(), Conditions.NOMINAL,
                List.of(FaultSpec.component("VALVE_SLOW", valve, 10, 0, 1.0, cf.signature(), false)));
        return Gg1.twin().simulate(CommandChanges.ensureFor(sc, Gg1.domain()), 4);
    }

    /** Longest stretch (s) in which |POS - CMD| exceeds {@code delta}. */
    static double longestLag(SimulatedRun run, String cmd, String pos, double delta) {
        double longest = 0;
        double since = Double.NaN;
        for (Frame f : Gg1.window(run, 3.5, run.shutdownS())) {
            if (Math.abs(Gg1.value(f, pos) - Gg1.value(f, cmd)) > delta) {
                if (Double.isNaN(since)) {
                    since = f.t();
                }
                longest = Math.max(longest, f.t() - since);
            } else {
                since = Double.NaN;
            }
        }
        return longest;
    }
}
