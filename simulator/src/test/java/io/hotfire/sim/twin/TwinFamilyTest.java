package io.hotfire.sim.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.sim.Gg1;
import io.hotfire.domain.data.DataNode;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.layout.StandardLayout;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Knobs;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The engine family (twin/family.yaml): what it declares, what the twin draws from it, and where the shift knobs start. */
class TwinFamilyTest {

    static final TwinFamily GG1 = Gg1.domain().config().family();

    static TwinFamily parse(String yaml) {
        return TwinFamily.from(DataNode.parse("family.yaml", yaml.getBytes(StandardCharsets.UTF_8), SimDataException::new), Gg1.profile());
    }

    @Test
    void gg1DeclaresItsFamily() {
        assertThat(GG1.unitPc()).isEqualTo(0.008);
        assertThat(GG1.unitSpeed()).isEqualTo(0.005);
        assertThat(GG1.sensorTolerance()).containsEntry("PC_A", 0.002).containsEntry("MOV_POS", 0.0)
                .doesNotContainKey("THROTTLE_CMD");
        assertThat(GG1.noiseMin()).isEqualTo(0.8);
        assertThat(GG1.noiseMax()).isEqualTo(2.0);
    }

    @Test
    void drawsStayInsideTheFamilyAndTheEdgeIsAtItsBorderOnTheNoisiestStand() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 200; i++) {
            Conditions c = GG1.sample(Conditions.NOMINAL, rng);
            assertThat(GG1.coversUnit(c) && GG1.coversNoise(c)).as("%s", c).isTrue();
            Conditions e = GG1.edge(Conditions.NOMINAL, rng);
            assertThat(GG1.coversUnit(e)).isTrue();
            assertThat(Math.abs(e.unitPc())).isGreaterThanOrEqualTo(0.8 * GG1.unitPc() - 1e-4);
            assertThat(e.noiseScale()).isEqualTo(GG1.noiseMax());
        }
    }

    @Test
    void aFamilyUnitIsNoShiftButAUnitBeyondItOrANoisierStandIs() {
        Scenario base = Scenario.nominal("n", 20, ThrottleProfile.constant(85, 10));
        TwinConfig cfg = Gg1.domain().config();
        assertThat(Knobs.derive(base.withConditions(new Conditions(null, null, 0.008, -0.005, 0.004, 2.0,
                Map.of("PC_A", 0.002))), cfg, Set.of())).isEmpty();
        assertThat(Knobs.derive(base.withConditions(new Conditions(null, null, 0.03, 0, 0)), cfg, Set.of()))
                .containsExactly(Knobs.ENGINE_UNIT);
        assertThat(Knobs.derive(base.withConditions(new Conditions(null, null, 0, 0, 0, 1.0, Map.of("T_WALL", 0.01))), cfg,
                Set.of())).containsExactly(Knobs.ENGINE_UNIT);
        assertThat(Knobs.derive(base.withConditions(new Conditions(null, null, 0, 0, 0, 2.5, Map.of())), cfg, Set.of()))
                .containsExactly(Knobs.STAND_NOISE);
        assertThat(Knobs.derive(base.withConditions(new Conditions(null, null, 0.001, 0, 0)),
                cfg.withFamily(TwinFamily.NONE), Set.of())).as("no family declared: any offset is another unit")
                .containsExactly(Knobs.ENGINE_UNIT);
    }

    @Test
    void theTwinAppliesChannelOffsetsAndStandNoise() {
        Scenario base = Scenario.nominal("n", 12, ThrottleProfile.constant(100, 10));
        SimulatedRun plain = Gg1.twin().simulate(base, 5);
        SimulatedRun unit = Gg1.twin().simulate(base.withConditions(new Conditions(null, null, 0, 0, 0, 2.0,
                Map.of("T_WALL", 0.01))), 5);
        int wall = Gg1.profile().indexOf("T_WALL");
        int pc = Gg1.profile().indexOf("PC_A");
        double dWall = 0;
        double spreadPlain = 0;
        double spreadUnit = 0;
        int n = 0;
        for (int k = 400; k < 500; k++) {
            dWall += unit.frames().get(k).values()[wall] - plain.frames().get(k).values()[wall];
            spreadPlain += Math.pow(plain.frames().get(k).values()[pc] - 9.70, 2);
            spreadUnit += Math.pow(unit.frames().get(k).values()[pc] - 9.70, 2);
            n++;
        }
        assertThat(dWall / n).as("T_WALL reads 1 %% high").isCloseTo(7.5, org.assertj.core.data.Offset.offset(1.5));
        assertThat(Math.sqrt(spreadUnit / spreadPlain)).as("noise × 2").isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void theStandardLayoutDrawsEveryRunFromTheFamilyAndAddsFamilyEdgeTestRuns() {
        List<StandardLayout.PlannedRun> plan = new StandardLayout(Gg1.domain())
                .plan(new StandardLayout.Options(42, 0, 0, Set.of("OX_INJECTOR_BLOCKAGE"), List.of()));
        assertThat(plan).allMatch(r -> r.scenario().conditions().hasStandOrChannelTerms());
        assertThat(plan).filteredOn(r -> r.scenario().name().equals("family-edge"))
                .hasSize(4).allMatch(r -> r.split().equals(StandardLayout.TEST)
                        && r.scenario().conditions().noiseScale() == GG1.noiseMax()
                        && Knobs.derive(r.scenario(), Gg1.domain().config(), Set.of()).isEmpty());
    }

    @Test
    void badFamilyDataIsRefusedNamingTheField() {
        assertThatThrownBy(() -> parse("unit: {pc: 0.2, speed: 0, thrust: 0}\nsensors: {default: 0}\nnoise: {min: 1, max: 1}\n"))
                .isInstanceOf(SimDataException.class).hasMessageContaining("pc");
        assertThatThrownBy(() -> parse("unit: {pc: 0, speed: 0, thrust: 0}\nsensors: {default: 0, N_TQ: 0.01}\nnoise: {min: 1, max: 1}\n"))
                .isInstanceOf(SimDataException.class).hasMessageContaining("N_TQ");
        assertThatThrownBy(() -> parse("unit: {pc: 0, speed: 0, thrust: 0}\nsensors: {default: 0}\nnoise: {min: 2, max: 1}\n"))
                .isInstanceOf(SimDataException.class).hasMessageContaining("noise");
        assertThatThrownBy(() -> parse("unit: {pc: 0, speed: 0, thrust: 0, mass: 1}\nsensors: {default: 0}\nnoise: {min: 1, max: 1}\n"))
                .isInstanceOf(SimDataException.class).hasMessageContaining("mass");
    }
}
