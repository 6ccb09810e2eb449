package io.hotfire.rules.gg1;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.observation.ObservationFact;
import io.hotfire.domain.feature.Direction;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.rules.Windows;
import io.hotfire.rules.engine.RuleEngine;
import io.hotfire.rules.engine.RuleInfo;
import io.hotfire.rules.engine.RuleSession;
import io.hotfire.rules.engine.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One positive and one negative test per GG-1 fault-isolation rule, named after its id. Each test
 * gives a window the evidence its rule reads (deviations in bands, persistence in windows) and
 * asserts the finding, its rule id and its code.
 */
class Gg1RulesTest {

    /** A wearing bearing's cage line arrives as a ramp: its largest 60 ms jump holds a tenth of today's deviation. */
    static final double WEAR = 0.1;

    static DomainCatalog.Domain gg1;
    static RuleEngine engine;
    RuleSession session;
    Windows w;

    @BeforeAll
    static void compile() {
        gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        sources.addAll(RuleSource.folder(gg1.rulesFolder()));
        engine = RuleEngine.compile(gg1.profile(), sources);
    }

    @BeforeEach
    void open() {
        session = engine.newSession();
        w = new Windows(gg1.profile());
    }

    @AfterEach
    void close() {
        session.close();
    }

    List<Event> findings() {
        return session.evaluate(w.build()).stream().filter(e -> e.type() == EventType.FINDING).toList();
    }

    static void isOnly(List<Event> findings, String code, String rule) {
        assertThat(findings).as("findings").extracting(Event::code).containsExactly(code);
        assertThat(findings.get(0).rules()).as("rules of " + code).endsWith(rule);
    }

    static void none(List<Event> findings, String code) {
        assertThat(findings).as("findings").extracting(Event::code).doesNotContain(code);
    }

    /** Makes a sensor disqualified (dead) in one window, then starts a fresh window. */
    void disqualify(String... sensors) {
        for (String s : sensors) {
            w.health(s, 3, 3, 0, 0);
        }
        session.evaluate(w.build());
        w.reset();
    }

    @Test
    void everyCatalogueComponentCodeHasARule() {
        List<String> codes = engine.rules().stream().flatMap(r -> r.faultCodes().stream()).toList();
        assertThat(codes).contains("LOX_PUMP_CAVITATION", "FUEL_PUMP_CAVITATION", "TP_BEARING_WEAR", "TP_ROTOR_IMBALANCE",
                "TP_ROTOR_WHIRL", "TURBINE_EFFICIENCY_LOSS", "REGEN_JACKET_LEAK", "FUEL_INJECTOR_BLOCKAGE",
                "OX_INJECTOR_BLOCKAGE", "GG_FUEL_STARVATION", "COMBUSTION_INSTABILITY", "LOX_LINE_LEAK", "VALVE_SLOW",
                "SENSOR_DRIFT", "SENSOR_BIAS", "SENSOR_FROZEN", "SENSOR_DEAD", "SENSOR_SPIKE");
        assertThat(engine.rules()).filteredOn(r -> r.file().startsWith("gg1/")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.source()).isNotBlank());
    }

    @Test
    void findingsCarryTheirEvidenceWithSensorValueAndExpected() {
        w.deviation("VIB_SUB", 5, 3);
        Event e = findings().get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> evidence = (List<Map<String, Object>>) e.evidence().get("evidence");
        assertThat(evidence).singleElement().satisfies(m -> {
            assertThat(m).containsEntry("sensor", "VIB_SUB").containsEntry("feature", "mean").containsKeys("value", "expected", "t");
        });
        assertThat(e.evidence()).containsEntry("members", List.of("TP_ROTOR_WHIRL"));
    }

    // TP-001
    @Test
    void tp001_fires_whenTheCageLineRisesAlone() {
        w.deviation("VIB_CAGE", 4, 3, 0.05, Direction.NONE, WEAR);
        isOnly(findings(), "TP_BEARING_WEAR", "TP-001");
    }

    @Test
    void tp001_fires_alsoWhenTheCageLineArrivedAsAStep() {
        // A jump of 4 bands within 60 ms may be a biased channel, but it may be wear too (a worn
        // bearing's noise at deep throttle): the rise is read as the fault, the safe reading.
        w.deviation("VIB_CAGE", 4, 3, 0.0, Direction.NONE, 1.0);
        isOnly(findings(), "TP_BEARING_WEAR", "TP-001");
    }

    @Test
    void tp001_fires_whenTheLargestJumpIsHalfTheDeviationButWithinTwiceTheBand() {
        // A small early rise whose largest jump is noise: half of 1.5 bands is not a step beyond two bands.
        w.deviation("VIB_CAGE", 1.5, 3, 0.0, Direction.NONE, 1.0);
        isOnly(findings(), "TP_BEARING_WEAR", "TP-001");
    }

    @Test
    void tp001_doesNotFire_whenTheSynchronousLineRisesToo() {
        w.deviation("VIB_CAGE", 4, 3, 0.05, Direction.NONE, WEAR).deviation("VIB_1N", 4, 3);
        none(findings(), "TP_BEARING_WEAR");
    }

    // SV-009 on the vibration lines, with the domain's fault rules present (issue 16)

    List<Event> sensorEvents() {
        return session.evaluate(w.build()).stream().filter(e -> e.type() == EventType.SENSOR).toList();
    }

    @Test
    void sv009_doesNotName_aCageLineThatSteppedUp_whichStaysBearingWear() {
        List<Event> events = session.evaluate(w.steady(0).deviation("VIB_CAGE", 4, 30, 0.0, Direction.NONE, 1.0).build());
        assertThat(events).filteredOn(e -> e.type() == EventType.SENSOR).isEmpty();
        assertThat(events).filteredOn(e -> e.type() == EventType.FINDING).extracting(Event::code).containsExactly("TP_BEARING_WEAR");
    }

    @Test
    void sv009_doesNotName_aCageLineRisingSmoothly_whichStaysBearingWear() {
        // The documented limit: a smooth rise of the cage line is wear or a drift, and is read as wear.
        List<Event> events = session.evaluate(w.steady(0).deviation("VIB_CAGE", 4, 30, 0.05, Direction.NONE, WEAR).build());
        assertThat(events).filteredOn(e -> e.type() == EventType.SENSOR).isEmpty();
        assertThat(events).filteredOn(e -> e.type() == EventType.FINDING).extracting(Event::code).containsExactly("TP_BEARING_WEAR");
    }

    @Test
    void sv009_namesASynchronousLineDriftingAloneWhileTheThrottleMoves() {
        // Rotor imbalance would shake the broadband level too (TP-002 needs VIB_RMS up); alone it is the sensor.
        Event e = sensorEvents(w.steady(0).deviation("VIB_1N", 3, 30, 0.05, Direction.NONE, 0.2)).get(0);
        assertThat(e.code()).isEqualTo("SENSOR_DRIFT");
        assertThat(e.sensor()).isEqualTo("VIB_1N");
        assertThat(e.rules()).containsExactly("SV-009", "SV-100");
    }

    @Test
    void sv009_namesABroadbandLineFallingAlone() {
        Event e = sensorEvents(w.steady(0).deviation("VIB_RMS", -3, 30, -0.05, Direction.NONE, 0.2)).get(0);
        assertThat(e.code()).isEqualTo("SENSOR_DRIFT");
        assertThat(e.sensor()).isEqualTo("VIB_RMS");
    }

    @Test
    void sv009_doesNotName_aSynchronousLineWithTheBroadbandLevelUp_whichIsRotorImbalance() {
        List<Event> events = session.evaluate(w.deviation("VIB_1N", 6, 30).deviation("VIB_RMS", 2, 30).build());
        assertThat(events).filteredOn(e -> e.type() == EventType.SENSOR).isEmpty();
        assertThat(events).filteredOn(e -> e.type() == EventType.FINDING).extracting(Event::code).containsExactly("TP_ROTOR_IMBALANCE");
    }

    @Test
    void sv009_doesNotName_aVibrationLineWhoseShaftSpeedEstimateMovedWithIt() {
        assertThat(sensorEvents(w.steady(0).deviation("VIB_RMS", 3, 30, 0.05, Direction.NONE, 0.2)
                .deviation("VIB_RMS_EST", 3, 30))).isEmpty();
    }

    List<Event> sensorEvents(Windows window) {
        return session.evaluate(window.build()).stream().filter(e -> e.type() == EventType.SENSOR).toList();
    }

    // TP-002
    @Test
    void tp002_fires_whenTheSynchronousLineSteps() {
        w.deviation("VIB_1N", 6, 3).deviation("VIB_RMS", 2, 3);
        isOnly(findings(), "TP_ROTOR_IMBALANCE", "TP-002");
    }

    @Test
    void tp002_doesNotFire_beforeTheDeviationPersists() {
        w.deviation("VIB_1N", 6, 2).deviation("VIB_RMS", 2, 3);
        none(findings(), "TP_ROTOR_IMBALANCE");
    }

    @Test
    void tp002_doesNotFire_onTheSynchronousLineAloneWhichLooksLikeABiasedChannel() {
        w.deviation("VIB_1N", 6, 3);
        none(findings(), "TP_ROTOR_IMBALANCE");
    }

    // TP-003
    @Test
    void tp003_fires_whenTheSubSynchronousLineRises() {
        w.deviation("VIB_SUB", 8, 4);
        isOnly(findings(), "TP_ROTOR_WHIRL", "TP-003");
    }

    @Test
    void tp003_doesNotFire_onADisqualifiedWhirlSensor() {
        disqualify("VIB_SUB");
        w.deviation("VIB_SUB", 8, 4);
        none(findings(), "TP_ROTOR_WHIRL");
    }

    // GG-001
    @Test
    void gg001_fires_whenBothThermocouplesRiseFast() {
        w.deviation("TIT_A", 3, 2, 90, Direction.UP).deviation("TIT_B", 3, 2, 85, Direction.UP);
        isOnly(findings(), "GG_FUEL_STARVATION", "GG-001");
    }

    @Test
    void gg001_doesNotFire_whenOnlyOneThermocoupleRisesFast() {
        w.deviation("TIT_A", 3, 2, 90, Direction.UP);
        none(findings(), "GG_FUEL_STARVATION");
    }

    // GG-002
    @Test
    void gg002_fires_whenTheQualifiedThermocoupleAndTheExhaustRiseWithItsPartnerDisqualified() {
        disqualify("TIT_B");
        w.deviation("TIT_A", 3, 2, 90, Direction.UP).deviation("T_TURB_EX", 3, 2, 40, Direction.NONE);
        isOnly(findings(), "GG_FUEL_STARVATION", "GG-002");
    }

    @Test
    void gg002_doesNotFire_whenTheExhaustStaysNormal() {
        disqualify("TIT_B");
        w.deviation("TIT_A", 3, 2, 90, Direction.UP);
        none(findings(), "GG_FUEL_STARVATION");
    }

    // TB-001
    @Test
    void tb001_fires_whenTitAndGgValveRiseWithTheCoolingCircuitNormal() {
        w.deviation("TIT_A", 4, 5).deviation("TIT_B", 4, 5).deviation("GGV_POS", 3, 5).deviation("P_GG", 2, 5)
                .deviation("T_TURB_EX", 3, 5);
        isOnly(findings(), "TURBINE_EFFICIENCY_LOSS", "TB-001");
    }

    @Test
    void tb001_fires_whenTheJacketPressureDropFallsALittle_asItDoesAtPartPower() {
        // at 60 % the twin's jacket ΔP sags 1.2 bands with the loss: no argument for a jacket leak, whose ΔP rises
        w.deviation("TIT_A", 4, 5).deviation("TIT_B", 4, 5).deviation("GGV_POS", 3, 5).deviation("T_TURB_EX", 3, 5)
                .deviation("JACKET_DP", -1.2, 5);
        isOnly(findings(), "TURBINE_EFFICIENCY_LOSS", "TB-001");
    }

    @Test
    void tb001_doesNotFire_whenTheJacketPressureDropRises() {
        w.deviation("TIT_A", 4, 5).deviation("TIT_B", 4, 5).deviation("GGV_POS", 3, 5).deviation("T_TURB_EX", 3, 5)
                .deviation("JACKET_DP", 3, 5);
        none(findings(), "TURBINE_EFFICIENCY_LOSS");
    }

    @Test
    void tb001_doesNotFire_whenTheExhaustCoolsWhileTheInletHeats() {
        w.deviation("TIT_A", 4, 5).deviation("TIT_B", 4, 5).deviation("GGV_POS", 3, 5).deviation("T_TURB_EX", -4, 5);
        none(findings(), "TURBINE_EFFICIENCY_LOSS");
    }

    @Test
    void tb001_doesNotFire_whenTheWallIsHot() {
        w.deviation("TIT_A", 4, 5).deviation("GGV_POS", 3, 5).deviation("T_WALL", 3, 5);
        none(findings(), "TURBINE_EFFICIENCY_LOSS");
    }

    @Test
    void tb001_doesNotFire_rightAfterAThrottleMove() {
        w.steady(0.5).deviation("TIT_A", 4, 5).deviation("GGV_POS", 3, 5);
        none(findings(), "TURBINE_EFFICIENCY_LOSS");
    }

    // FD-001
    @Test
    void fd001_fires_whenLoxInletPressureIsLowAndHeadCollapses() {
        w.deviation("P_OX_IN", -4, 5).deviation("OX_HEAD_RATIO", -3, 3).deviation("VIB_RMS", 3, 3);
        isOnly(findings(), "LOX_PUMP_CAVITATION", "FD-001");
    }

    @Test
    void fd001_doesNotFire_onLowInletPressureAlone() {
        w.deviation("P_OX_IN", -4, 5);
        none(findings(), "LOX_PUMP_CAVITATION");
    }

    // FD-002
    @Test
    void fd002_fires_onHeadCollapseAndVibrationWithTheInletTransducerDisqualified() {
        disqualify("P_OX_IN");
        w.deviation("OX_HEAD_RATIO", -3, 3).deviation("VIB_RMS", 3, 3);
        isOnly(findings(), "LOX_PUMP_CAVITATION", "FD-002");
    }

    @Test
    void fd002_doesNotFire_whenTheFuelPumpHeadCollapsesToo() {
        disqualify("P_OX_IN");
        w.deviation("OX_HEAD_RATIO", -3, 3).deviation("VIB_RMS", 3, 3).deviation("F_HEAD_RATIO", -3, 3);
        none(findings(), "LOX_PUMP_CAVITATION");
    }

    // FD-003
    @Test
    void fd003_fires_whenFuelInletPressureIsLowAndFuelHeadCollapses() {
        w.deviation("P_F_IN", -4, 5).deviation("F_HEAD_RATIO", -3, 3);
        isOnly(findings(), "FUEL_PUMP_CAVITATION", "FD-003");
    }

    @Test
    void fd003_doesNotFire_withoutHeadCollapse() {
        w.deviation("P_F_IN", -4, 5);
        none(findings(), "FUEL_PUMP_CAVITATION");
    }

    // FD-004
    @Test
    void fd004_fires_whenLoxInjectorPressureFallsWithFlowNormalAndTheWallCooler() {
        w.deviation("P_OX_INJ", -2, 4).deviation("T_WALL", -2, 4).deviation("PC_A", -2, 4).deviation("GGV_POS", 2, 4);
        isOnly(findings(), "LOX_LINE_LEAK", "FD-004");
    }

    @Test
    void fd004_fires_whenLoxFlowSagsByFarLessThanTheInjectorPressureFalls() {
        // at full power the twin's loop cannot hold the flow: MDOT_OX a little low, P_OX_INJ four times as far
        w.deviation("P_OX_INJ", -6, 40).deviation("MDOT_OX", -1.5, 10).deviation("T_WALL", -3, 40).deviation("PC_A", -2, 40)
                .deviation("GGV_POS", 2, 40);
        isOnly(findings(), "LOX_LINE_LEAK", "FD-004");
    }

    @Test
    void fd004_fires_whenTheFlowmeterUpstreamReadsMoreFlowWhileTheInjectorPressureFalls() {
        // at part power the twin's loop over-holds the flow: the meter upstream of the leak reads its flow too
        w.deviation("P_OX_INJ", -3, 40).deviation("MDOT_OX", 1.5, 10).deviation("T_WALL", -3, 40).deviation("PC_A", -2, 40)
                .deviation("GGV_POS", 2, 40);
        isOnly(findings(), "LOX_LINE_LEAK", "FD-004");
    }

    /** The leak's pattern in one window, {@code steady} seconds after the last power-level move. */
    List<Event> leakWindow(boolean leak, double steady) {
        w.reset().steady(steady);
        if (leak) {
            w.deviation("P_OX_INJ", -2, 40).deviation("T_WALL", -2, 40).deviation("PC_A", -2, 40).deviation("GGV_POS", 2, 40);
        }
        return session.evaluate(w.build());
    }

    @Test
    void aFindingAndItsRecommendation_holdWhileTheEngineSettlesAfterAMove_thenClearAfterTheDeadband() {
        assertThat(leakWindow(true, 10)).extracting(Event::code).contains("LOX_LINE_LEAK", "REDUCE_THROTTLE");
        // the conductor reduces throttle as recommended: while the engine settles the steady-state rule cannot judge
        double settle = io.hotfire.rules.fact.Settings.of(gg1.profile()).steadyAfterSeconds();
        for (int i = 0; 0.1 * i < settle - 1e-9; i++) {
            List<Event> events = leakWindow(false, 0.1 * i);
            assertThat(events).as("settling, %.1f s after the move", 0.1 * i).extracting(Event::type)
                    .doesNotContain(EventType.CLEAR, EventType.RECOMMENDATION);
        }
        assertThat(session.recommendation()).isEqualTo(io.hotfire.rules.fact.Recommendation.Action.REDUCE_THROTTLE);
        // settled, and the pattern is gone: cleared after the deadband, not before, with the recommendation
        List<EventType> types = new ArrayList<>();
        for (int i = 0; i < 20 && !types.contains(EventType.CLEAR); i++) {
            List<Event> events = leakWindow(false, settle + 0.1 * i);
            types.addAll(events.stream().map(Event::type).toList());
            if (events.stream().anyMatch(e -> e.type() == EventType.CLEAR)) {
                assertThat(i).as("windows of deadband before the CLEAR").isGreaterThanOrEqualTo(9);
                assertThat(events).extracting(Event::code).contains("LOX_LINE_LEAK", "CONTINUE");
            }
        }
        assertThat(types).contains(EventType.CLEAR);
    }

    @Test
    void fd004_doesNotFire_whenLoxFlowFallsToo() {
        w.deviation("P_OX_INJ", -2, 4).deviation("T_WALL", -2, 4).deviation("MDOT_OX", -2, 4);
        none(findings(), "LOX_LINE_LEAK");
    }

    // CB-001
    @Test
    void cb001_fires_whenFuelInjectorDeltaPRisesWithFuelFlowDown() {
        w.deviation("F_INJ_DP", 3, 4).deviation("MDOT_F", -3, 4);
        isOnly(findings(), "FUEL_INJECTOR_BLOCKAGE", "CB-001");
    }

    @Test
    void cb001_doesNotFire_whenFuelFlowIsNormal() {
        w.deviation("F_INJ_DP", 3, 4);
        none(findings(), "FUEL_INJECTOR_BLOCKAGE");
    }

    // CB-002
    @Test
    void cb002_fires_whenLoxInjectorDeltaPRisesWithLoxFlowDown() {
        w.deviation("OX_INJ_DP", 3, 4).deviation("MDOT_OX", -3, 4);
        isOnly(findings(), "OX_INJECTOR_BLOCKAGE", "CB-002");
    }

    @Test
    void cb002_doesNotFire_whenTheLoxInletPressureIsLow() {
        w.deviation("OX_INJ_DP", 3, 4).deviation("MDOT_OX", -3, 4).deviation("P_OX_IN", -3, 4);
        none(findings(), "OX_INJECTOR_BLOCKAGE");
    }

    // CB-003
    @Test
    void cb003_fires_whenPressureOscillationRisesWithTheWallHotter() {
        w.deviation("PC_OSC", 5, 3).deviation("T_WALL", 3, 3);
        isOnly(findings(), "COMBUSTION_INSTABILITY", "CB-003");
    }

    @Test
    void cb003_doesNotFire_onPressureOscillationAlone() {
        w.deviation("PC_OSC", 5, 3);
        none(findings(), "COMBUSTION_INSTABILITY");
    }

    // CB-004
    @Test
    void cb004_fires_whenJacketDeltaPRisesWithAHotWallAndFuelFlowNormal() {
        w.deviation("JACKET_DP", 3, 4).deviation("T_WALL", 3, 4).deviation("TIT_A", 3, 4).deviation("GGV_POS", 2, 4);
        isOnly(findings(), "REGEN_JACKET_LEAK", "CB-004");
    }

    @Test
    void cb004_doesNotFire_whenTheWallAndCoolantStayNormal() {
        w.deviation("JACKET_DP", 3, 4);
        none(findings(), "REGEN_JACKET_LEAK");
    }

    // VL-001
    @Test
    void vl001_fires_whenAValveLagsItsCommand() {
        w.tracking("MFV", 8, 0.6, 0);
        isOnly(findings(), "VALVE_SLOW", "VL-001");
    }

    @Test
    void vl001_doesNotFire_onAShortLag() {
        w.tracking("MFV", 8, 0.3, 0);
        none(findings(), "VALVE_SLOW");
    }

    @Test
    void vl001_doesNotFire_whenThePositionWandersFromASteadyCommand() {
        w.tracking("GGV", 8, 0.8, 0, 0.4);
        none(findings(), "VALVE_SLOW");
    }

    // AG-001
    @Test
    void ag001_reportsTheTurbineOrJacketGroupWhenTheCoolingSensorsAreGone() {
        disqualify("P_F_INJ", "T_WALL", "T_COOL_OUT");
        w.deviation("TIT_A", 4, 5).deviation("TIT_B", 4, 5).deviation("GGV_POS", 3, 5);
        List<Event> f = findings();
        isOnly(f, "TURBINE_EFFICIENCY_LOSS|REGEN_JACKET_LEAK", "AG-001");
        assertThat(f.get(0).evidence()).containsEntry("members", List.of("TURBINE_EFFICIENCY_LOSS", "REGEN_JACKET_LEAK"));
    }

    @Test
    void ag001_narrowsToTurbineEfficiencyLossWhenTheCoolingSensorsAreQualified() {
        w.deviation("TIT_A", 4, 5).deviation("TIT_B", 4, 5).deviation("GGV_POS", 3, 5).deviation("T_TURB_EX", 3, 5);
        List<Event> f = findings();
        none(f, "TURBINE_EFFICIENCY_LOSS|REGEN_JACKET_LEAK");
        assertThat(f).extracting(Event::code).contains("TURBINE_EFFICIENCY_LOSS");
    }

    // AG-002
    @Test
    void ag002_reportsTheInjectorOrPumpGroupWhenBothFuelPressuresAreGone() {
        disqualify("P_F_IN", "P_F_INJ");
        w.deviation("MDOT_F", -3, 4).deviation("MR", 3, 4).deviation("T_WALL", 3, 4);
        isOnly(findings(), "FUEL_INJECTOR_BLOCKAGE|FUEL_PUMP_CAVITATION", "AG-002");
    }

    @Test
    void ag002_doesNotReportTheGroupWhileTheFuelInletTransducerIsQualified() {
        disqualify("P_F_INJ");
        w.deviation("MDOT_F", -3, 4).deviation("MR", 3, 4).deviation("T_WALL", 3, 4);
        none(findings(), "FUEL_INJECTOR_BLOCKAGE|FUEL_PUMP_CAVITATION");
    }

    // OB-001..003: accepted observations corroborate standing findings and never raise severity

    static ObservationFact heard(String id, String code, Double time, boolean present) {
        return new ObservationFact(id, code, time, "turbopump", null, present, 0.8, "quoted words");
    }

    List<Event> findings(ObservationFact... observations) {
        return session.evaluate(w.build(), List.of((Object[]) observations)).stream()
                .filter(e -> e.type() == EventType.FINDING).toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> observationsOf(Event finding) {
        return (List<Map<String, Object>>) finding.evidence().getOrDefault("observations", List.of());
    }

    // OB-001
    @Test
    void ob001_corroboratesABearingWearFindingWithTheWhineAndKeepsItsSeverity() {
        w.deviation("VIB_CAGE", 4, 3, 0.05, Direction.NONE, WEAR);
        Event withWhine = findings(heard("obs-1", "AUDIBLE_WHINE_TURBOPUMP", 9.0, true)).get(0);
        assertThat(withWhine.code()).isEqualTo("TP_BEARING_WEAR");
        assertThat(withWhine.severity()).isEqualTo(Severity.WARNING);
        assertThat(withWhine.rules()).containsExactly("OB-001", "TP-001");
        assertThat(observationsOf(withWhine)).singleElement().satisfies(o -> assertThat(o)
                .containsEntry("observation", "obs-1").containsEntry("code", "AUDIBLE_WHINE_TURBOPUMP")
                .containsEntry("rule", "OB-001").containsEntry("quote", "quoted words"));
    }

    @Test
    void ob001_corroboratesALoxCavitationFindingToo() {
        w.deviation("P_OX_IN", -4, 5).deviation("OX_HEAD_RATIO", -3, 3).deviation("VIB_RMS", 3, 3);
        Event f = findings(heard("obs-2", "AUDIBLE_WHINE_TURBOPUMP", null, true)).get(0);
        assertThat(f.code()).isEqualTo("LOX_PUMP_CAVITATION");
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.rules()).containsExactly("OB-001", "FD-001");
    }

    @Test
    void ob001_doesNotFire_onAWhineAloneWhichNeverMakesAFindingOrAnAlarm() {
        List<Event> events = session.evaluate(w.build(), List.of(heard("obs-3", "AUDIBLE_WHINE_TURBOPUMP", 9.0, true)));
        assertThat(events).extracting(Event::type).doesNotContain(EventType.FINDING, EventType.ALARM, EventType.ABORT);
        assertThat(session.recommendation()).isEqualTo(io.hotfire.rules.fact.Recommendation.Action.CONTINUE);
    }

    @Test
    void ob001_doesNotFire_whenTheNoteSaysThereWasNoWhine() {
        w.deviation("VIB_CAGE", 4, 3, 0.05, Direction.NONE, WEAR);
        Event f = findings(heard("obs-4", "AUDIBLE_WHINE_TURBOPUMP", 9.0, false)).get(0);
        assertThat(f.rules()).containsExactly("TP-001");
        assertThat(observationsOf(f)).isEmpty();
    }

    @Test
    void ob001_doesNotFire_onARotorImbalanceFindingWhichAWhineDoesNotSupport() {
        w.deviation("VIB_1N", 6, 3).deviation("VIB_RMS", 2, 3);
        Event f = findings(heard("obs-5", "AUDIBLE_WHINE_TURBOPUMP", 9.0, true)).get(0);
        assertThat(f.code()).isEqualTo("TP_ROTOR_IMBALANCE");
        assertThat(f.rules()).doesNotContain("OB-001");
    }

    @Test
    void ob001_doesNotFire_beforeTheRunTimeTheNotePutsTheWhineAt() {
        w.deviation("VIB_CAGE", 4, 3, 0.05, Direction.NONE, WEAR);
        Event f = findings(heard("obs-6", "AUDIBLE_WHINE_TURBOPUMP", 30.0, true)).get(0);
        assertThat(observationsOf(f)).isEmpty();
    }

    @Test
    void ob001_reannouncesAStandingFindingWhenTheWhineIsAcceptedLaterWithTheSameSeverity() {
        w.deviation("VIB_CAGE", 4, 3, 0.05, Direction.NONE, WEAR);
        Event before = findings().get(0);
        Event after = findings(heard("obs-7", "AUDIBLE_WHINE_TURBOPUMP", 9.0, true)).get(0);
        assertThat(after.severity()).isEqualTo(before.severity());
        assertThat(observationsOf(after)).extracting(o -> o.get("observation")).containsExactly("obs-7");
        assertThat(findings(heard("obs-7", "AUDIBLE_WHINE_TURBOPUMP", 9.0, true))).as("nothing new to say").isEmpty();
    }

    // OB-002
    @Test
    void ob002_corroboratesARotorWhirlFindingWithAGrindingNoise() {
        w.deviation("VIB_SUB", 8, 4);
        Event f = findings(heard("obs-8", "GRINDING_OR_RUBBING_NOISE", null, true)).get(0);
        assertThat(f.code()).isEqualTo("TP_ROTOR_WHIRL");
        assertThat(f.severity()).isEqualTo(Severity.DISTRESS);
        assertThat(f.rules()).containsExactly("OB-002", "TP-003");
    }

    @Test
    void ob002_doesNotFire_onACombustionInstabilityFinding() {
        w.deviation("PC_OSC", 5, 3).deviation("T_WALL", 3, 3);
        Event f = findings(heard("obs-9", "GRINDING_OR_RUBBING_NOISE", null, true)).get(0);
        assertThat(f.rules()).doesNotContain("OB-002");
    }

    // OB-003
    @Test
    void ob003_corroboratesACombustionInstabilityFindingWithRoughCombustionNoise() {
        w.deviation("PC_OSC", 5, 3).deviation("T_WALL", 3, 3);
        Event f = findings(heard("obs-10", "ROUGH_COMBUSTION_NOISE", 9.5, true)).get(0);
        assertThat(f.code()).isEqualTo("COMBUSTION_INSTABILITY");
        assertThat(f.rules()).containsExactly("OB-003", "CB-003");
    }

    @Test
    void ob003_doesNotFire_onRoughCombustionNoiseWithPressureOscillationAlone() {
        w.deviation("PC_OSC", 5, 3);
        assertThat(findings(heard("obs-11", "ROUGH_COMBUSTION_NOISE", 9.5, true))).isEmpty();
    }

    @Test
    void everyGg1RuleIdHasATestInThisClass() throws Exception {
        String source = new String(Gg1RulesTest.class.getResourceAsStream("Gg1RulesTest.class").readAllBytes(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        for (RuleInfo r : engine.rules()) {
            if (r.file().startsWith("gg1/")) {
                String prefix = r.id().replace("-", "").toLowerCase(java.util.Locale.ROOT) + "_";
                assertThat(source).as("a test method for " + r.id()).contains(prefix);
            }
        }
    }
}
