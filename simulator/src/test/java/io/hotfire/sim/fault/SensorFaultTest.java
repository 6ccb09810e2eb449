package io.hotfire.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.Gg1;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.twin.SimulatedRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each FAULTS.md sensor-fault kind, on one sensor, leaving the engine and the other sensors alone. */
class SensorFaultTest {

    private static final double ONSET = 12.0;

    private static SimulatedRun[] runs(FaultSpec fault) {
        Scenario base = Gg1.nominal(85, 30);
        return new SimulatedRun[] {Gg1.twin().simulate(base, 31), Gg1.twin().simulate(base.withFault(fault), 31)};
    }

    private static void othersUnchanged(SimulatedRun nominal, SimulatedRun faulty, String sensor) {
        int skip = Gg1.index(sensor);
        for (int k = 0; k < nominal.frames().size(); k++) {
            double[] a = nominal.frames().get(k).values();
            double[] b = faulty.frames().get(k).values();
            for (int i = 0; i < a.length; i++) {
                if (i != skip) {
                    assertThat(b[i]).as("%s at sample %d", Gg1.profile().sensors().get(i).id(), k).isEqualTo(a[i]);
                }
            }
        }
        assertThat(faulty.redline().reached()).isEqualTo(nominal.redline().reached());
    }

    @Test
    void sensorDriftRampsOneChannelAwayAtTwoTenthsToTwoPercentPerSecond() {
        FaultSpec drift = FaultSpec.sensor(SensorFaultKind.DRIFT, "PC_A", ONSET, 0, 0.5).withSign(1);
        SimulatedRun[] r = runs(drift);
        double base = Gg1.mean(r[0], "PC_A", 20, 22);
        double drifted = Gg1.mean(r[1], "PC_A", 20, 22);
        double ratePerS = (drifted / base - 1) / (21 - ONSET);
        assertThat(ratePerS).isBetween(0.002, 0.02);
        assertThat(Gg1.mean(r[1], "PC_B", 20, 22)).isEqualTo(Gg1.mean(r[0], "PC_B", 20, 22));
        othersUnchanged(r[0], r[1], "PC_A");
    }

    @Test
    void sensorDriftRateSpansTheCatalogueRangeWithSeverity() {
        for (double severity : new double[] {0.0, 1.0}) {
            SimulatedRun[] r = runs(FaultSpec.sensor(SensorFaultKind.DRIFT, "N_TP", ONSET, 0, severity).withSign(-1));
            double rate = (1 - Gg1.mean(r[1], "N_TP", 16.9, 17.1) / Gg1.mean(r[0], "N_TP", 16.9, 17.1)) / 5.0;
            assertThat(rate).as("severity %s", severity).isBetween(0.0015, 0.021);
        }
    }

    @Test
    void sensorBiasIsAStepOnOneChannelWithItsPartnerUnchanged() {
        SimulatedRun[] r = runs(FaultSpec.sensor(SensorFaultKind.BIAS, "TIT_B", ONSET, 0, 1.0).withSign(1));
        double before = Gg1.mean(r[1], "TIT_B", ONSET - 2, ONSET);
        double after = Gg1.mean(r[1], "TIT_B", ONSET, ONSET + 2);
        double later = Gg1.mean(r[1], "TIT_B", ONSET + 10, ONSET + 12);
        assertThat(after - before).as("step beyond the 25 K pair tolerance").isGreaterThan(25);
        assertThat(Math.abs(later - after)).as("a step, not a ramp").isLessThan(3.0);
        othersUnchanged(r[0], r[1], "TIT_B");
    }

    @Test
    void frozenSensorReadsExactlyTheSameValueWhileTheEngineRuns() {
        SimulatedRun[] r = runs(FaultSpec.sensor(SensorFaultKind.FROZEN, "P_GG", ONSET, 0, 1.0));
        List<Frame> after = Gg1.window(r[1], ONSET, r[1].shutdownS());
        double first = Gg1.value(after.get(0), "P_GG");
        assertThat(after).allSatisfy(f -> assertThat(Gg1.value(f, "P_GG")).isEqualTo(first));
        assertThat(after.size() * Gg1.profile().samplePeriod()).isGreaterThan(Gg1.profile().validation().frozenSeconds());
        othersUnchanged(r[0], r[1], "P_GG");
    }

    @Test
    void deadSensorReadsEmptyOrOutsideItsSpan() {
        for (String mode : List.of(FaultSpec.EMPTY, FaultSpec.HIGH, FaultSpec.LOW)) {
            SimulatedRun[] r = runs(FaultSpec.sensor(SensorFaultKind.DEAD, "T_WALL", ONSET, 0, 1.0).withDeadMode(mode));
            SensorSpec spec = Gg1.spec("T_WALL");
            for (Frame f : Gg1.window(r[1], ONSET, 30)) {
                assertThat(spec.isDead(Gg1.value(f, "T_WALL"))).as(mode).isTrue();
            }
            for (Frame f : Gg1.window(r[1], 0, ONSET)) {
                assertThat(spec.isDead(Gg1.value(f, "T_WALL"))).isFalse();
            }
            othersUnchanged(r[0], r[1], "T_WALL");
        }
    }

    @Test
    void sensorSpikesAreIsolatedSingleSamples() {
        SimulatedRun[] r = runs(FaultSpec.sensor(SensorFaultKind.SPIKE, "MDOT_F", ONSET, 0, 1.0));
        SensorSpec spec = Gg1.spec("MDOT_F");
        double threshold = Math.max(Gg1.profile().validation().spikeSigma() * spec.noise(),
                Gg1.profile().validation().spikeSpanFraction() * spec.span().width());
        List<Frame> nominal = r[0].frames();
        List<Frame> faulty = r[1].frames();
        int spikes = 0;
        int run = 0;
        for (int k = 0; k < faulty.size(); k++) {
            double d = Math.abs(Gg1.value(faulty.get(k), "MDOT_F") - Gg1.value(nominal.get(k), "MDOT_F"));
            if (d > 0) {
                assertThat(faulty.get(k).t()).isGreaterThanOrEqualTo(ONSET);
                assertThat(d).as("a spike clears the validation threshold").isGreaterThan(threshold);
                spikes++;
                run++;
                assertThat(run).as("not persistent").isLessThan(2);
            } else {
                run = 0;
            }
        }
        assertThat(spikes).isBetween(4, 40);
        othersUnchanged(r[0], r[1], "MDOT_F");
    }

    @Test
    void aDriftingRedlineSensorDoesNotCountAsAPhysicalRedline() {
        SimulatedRun[] r = runs(FaultSpec.sensor(SensorFaultKind.DRIFT, "TIT_A", ONSET, 0, 1.0).withSign(1));
        assertThat(Gg1.mean(r[1], "TIT_A", 26, 27)).isGreaterThan(1050);
        assertThat(r[1].redline().reached()).isFalse();
    }
}
