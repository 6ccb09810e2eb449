package io.hotfire.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotfire.sim.Gg1;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Knobs;
import io.hotfire.sim.scenario.Scenario;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The distribution-shift knobs move the engine plausibly, and one seed always gives one run. */
class ShiftAndDeterminismTest {

    private static double mean(SimulatedRun r, String s) {
        return Gg1.mean(r, s, 10, 28);
    }

    @Test
    void sameScenarioAndSeedGiveIdenticalFramesAndAnotherSeedDoesNot() {
        Scenario sc = Gg1.nominal(90, 20).withFault(Gg1.fault("REGEN_JACKET_LEAK", 8));
        SimulatedRun a = Gg1.twin().simulate(sc, 99);
        SimulatedRun b = Gg1.twin().simulate(sc, 99);
        SimulatedRun c = Gg1.twin().simulate(sc, 100);
        assertThat(a.frames()).isEqualTo(b.frames());
        assertThat(a.frames()).isNotEqualTo(c.frames());
    }

    @Test
    void densifiedLoxRaisesLoxMassFlowAndMixtureRatioWhileTheLoopHoldsPc() {
        Scenario base = Gg1.nominal(85, 30);
        SimulatedRun nominal = Gg1.twin().simulate(base, 5);
        SimulatedRun cold = Gg1.twin().simulate(base.withConditions(new Conditions(78.0, null, 0, 0, 0)), 5);
        assertThat(mean(cold, "T_OX_IN")).isCloseTo(78.0, within(0.1));
        assertThat(mean(cold, "MDOT_OX")).isGreaterThan(mean(nominal, "MDOT_OX") * 1.005);
        assertThat(mean(cold, "MDOT_OX") / mean(cold, "MDOT_F")).isGreaterThan(1.03 * mean(nominal, "MDOT_OX") / mean(nominal, "MDOT_F"));
        assertThat(mean(cold, "N_TP")).isLessThan(mean(nominal, "N_TP") * 0.98);
        assertThat(mean(cold, "PC_A") / mean(nominal, "PC_A")).isCloseTo(1.0, within(0.003));
        assertThat(Knobs.derive(base.withConditions(new Conditions(78.0, null, 0, 0, 0)), Gg1.domain().config(), Set.of()))
                .containsExactly(Knobs.DENSIFIED_LOX);
    }

    @Test
    void chilledFuelCoolsTheCoolantOutletAndRunsFuelRich() {
        Scenario base = Gg1.nominal(85, 30);
        SimulatedRun nominal = Gg1.twin().simulate(base, 5);
        SimulatedRun cold = Gg1.twin().simulate(base.withConditions(new Conditions(null, 260.0, 0, 0, 0)), 5);
        assertThat(mean(cold, "T_F_IN")).isCloseTo(260.0, within(0.1));
        assertThat(mean(cold, "T_COOL_OUT")).isLessThan(mean(nominal, "T_COOL_OUT") - 20);
        assertThat(mean(cold, "MDOT_OX") / mean(cold, "MDOT_F")).isLessThan(mean(nominal, "MDOT_OX") / mean(nominal, "MDOT_F"));
    }

    @Test
    void upratePinsTheGgValveAtItsStopBecauseTheIcdScheduleExceedsTheSpan() {
        SimulatedRun up = Gg1.twin().simulate(Gg1.nominal(109, 30), 5);
        assertThat(Gg1.spec("GGV_CMD").expected(1.09)).isGreaterThan(100);
        assertThat(mean(up, "GGV_CMD")).isEqualTo(100.0);
        assertThat(mean(up, "PC_A") / Gg1.spec("PC_A").expected(1.09)).isCloseTo(1.0, within(0.005));
        assertThat(Knobs.derive(Gg1.nominal(109, 30), Gg1.domain().config(), Set.of())).containsExactly(Knobs.UPRATE);
    }

    @Test
    void deepThrottleRoughensCombustionBeyondTheIcdLaw() {
        SimulatedRun deep = Gg1.twin().simulate(Gg1.nominal(55, 30), 5);
        assertThat(mean(deep, "PC_OSC")).isGreaterThan(Gg1.spec("PC_OSC").nominal() + 0.5);
        assertThat(Knobs.derive(Gg1.nominal(55, 30), Gg1.domain().config(), Set.of())).containsExactly(Knobs.DEEP_THROTTLE);
    }

    @Test
    void anotherEngineUnitRunsItsOwnPcSpeedAndThrustOffsets() {
        Scenario base = Gg1.nominal(85, 30);
        SimulatedRun nominal = Gg1.twin().simulate(base, 5);
        SimulatedRun unit = Gg1.twin().simulate(base.withConditions(new Conditions(null, null, 0.03, -0.02, 0.01)), 5);
        assertThat(mean(unit, "PC_A") / mean(nominal, "PC_A")).isCloseTo(1.03, within(0.003));
        assertThat(mean(unit, "N_TP") / mean(nominal, "N_TP")).isCloseTo(0.98, within(0.002));
        assertThat(mean(unit, "THRUST") / mean(nominal, "THRUST")).isCloseTo(1.03 * 1.01, within(0.004));
    }

    @Test
    void aFaultUnderAShiftedRegimeCarriesBothKnobs() {
        Scenario sc = Gg1.nominal(60, 30).withFault(Gg1.fault("TP_ROTOR_WHIRL", 10)).withFault(Gg1.fault("COMBUSTION_INSTABILITY", 12));
        assertThat(Knobs.derive(sc, Gg1.domain().config(), Set.of("TP_ROTOR_WHIRL")))
                .containsExactly(Knobs.DEEP_THROTTLE, Knobs.FAULT_UNDER_SHIFT, Knobs.HELD_OUT_FAULT, Knobs.COMPOUND_FAULT);
        assertThat(Knobs.derive(Gg1.nominal(85, 30), Gg1.domain().config(), Set.of())).isEmpty();
    }
}
