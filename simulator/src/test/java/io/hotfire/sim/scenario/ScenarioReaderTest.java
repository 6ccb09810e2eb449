package io.hotfire.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.sim.Gg1;
import io.hotfire.domain.data.DataNode;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.twin.SimulatedRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {

    private static ScenarioReader.ScenarioFile read(String yaml) {
        return new ScenarioReader(Gg1.domain()).read(DataNode.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8), SimDataException::new));
    }

    private static void failsOn(String yaml, String field, String messagePart) {
        assertThatThrownBy(() -> read(yaml))
                .isInstanceOf(SimDataException.class)
                .satisfies(e -> assertThat(((SimDataException) e).field()).isEqualTo(field))
                .hasMessageContaining("test.yaml")
                .hasMessageContaining(messagePart);
    }

    @Test
    void aFullScenarioFileReadsEveryPart() {
        ScenarioReader.ScenarioFile f = read("""
                name: cold-leak
                durationS: 35
                seed: 7
                throttle: {initial: 80, steps: [{at: 12, to: 95}], ratePerS: 5}
                conditions: {loxInletK: 78, fuelInletK: 260, unit: {pc: 0.02, speed: -0.01}}
                valveSteps: [{valve: MFV, at: 20, to: 90, holdS: 3}]
                faults:
                  - {code: LOX_LINE_LEAK, onset: 15, severity: 0.8}
                  - {code: SENSOR_BIAS, sensor: PC_B, onset: 18, sign: -1}
                  - {code: SENSOR_DEAD, sensor: T_WALL, onset: 20, mode: high}
                  - code: MY_NEW_FAULT
                    onset: 22
                    ramp: 2
                    signature:
                      plant: {turbinePower: -0.03}
                      channels: {THRUST: {rel: -0.02}, TIT: {abs: 20}}
                """);
        Scenario sc = f.scenario();
        assertThat(f.seed()).contains(7L);
        assertThat(sc.name()).isEqualTo("cold-leak");
        assertThat(sc.throttle().steps()).containsExactly(new ThrottleStep(12, 95));
        assertThat(sc.throttle().ratePerS()).isEqualTo(5);
        assertThat(sc.conditions()).isEqualTo(new Conditions(78.0, 260.0, 0.02, -0.01, 0));
        assertThat(sc.valveSteps()).containsExactly(new ValveStep("MFV", 20, 90, 3));
        assertThat(sc.faults()).extracting(FaultSpec::code)
                .containsExactly("LOX_LINE_LEAK", "SENSOR_BIAS", "SENSOR_DEAD", "MY_NEW_FAULT");
        assertThat(sc.faults().get(0).rampS()).as("catalogue default ramp").isEqualTo(3.0);
        assertThat(sc.faults().get(1).sign()).isEqualTo(-1);
        assertThat(sc.faults().get(2).deadMode()).isEqualTo(FaultSpec.HIGH);
        assertThat(sc.faults().get(3).novel()).isTrue();
        assertThat(sc.faults().get(3).signature().turbinePower()).isEqualTo(-0.03);
    }

    @Test
    void aNovelFaultMovesTheChannelsItsSignatureNames() {
        Scenario sc = read("""
                durationS: 30
                throttle: 85
                faults:
                  - code: NOZZLE_EXTENSION_CRACK
                    onset: 10
                    signature: {channels: {THRUST: {rel: -0.03}}}
                """).scenario();
        SimulatedRun faulty = Gg1.twin().simulate(sc, 3);
        SimulatedRun nominal = Gg1.twin().simulate(sc.withFaults(List.of()), 3);
        assertThat(Gg1.mean(faulty, "THRUST", 15, 25) / Gg1.mean(nominal, "THRUST", 15, 25)).isBetween(0.965, 0.975);
        assertThat(Gg1.mean(faulty, "PC_A", 15, 25)).isEqualTo(Gg1.mean(nominal, "PC_A", 15, 25));
    }

    @Test
    void theShippedNovelScenarioFilesParseAndHoldANovelFault() throws Exception {
        Path dir = Gg1.domain().folder().resolve("twin/scenarios");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("novel-")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path p : files) {
            Scenario sc = new ScenarioReader(Gg1.domain()).read(p).scenario();
            assertThat(sc.faults()).anyMatch(FaultSpec::novel);
        }
    }

    @Test
    void aSeverityOutsideZeroToOneNamesTheField() {
        failsOn("faults: [{code: TP_ROTOR_WHIRL, onset: 10, severity: 1.5}]", "faults[0].severity", "0..1");
    }

    @Test
    void aMisspelledFieldIsRejectedByName() {
        failsOn("faults: [{code: TP_ROTOR_WHIRL, onsett: 10}]", "faults[0].onsett", "unknown field");
    }

    @Test
    void aMissingOnsetNamesTheField() {
        failsOn("faults: [{code: TP_ROTOR_WHIRL}]", "faults[0].onset", "required");
    }

    @Test
    void anUnknownCodeWithoutSignatureNamesTheCode() {
        failsOn("faults: [{code: WARP_CORE_BREACH, onset: 10}]", "faults[0].code", "needs a signature");
    }

    @Test
    void aSignatureOnAnUnknownSensorNamesTheChannel() {
        failsOn("faults: [{code: NEW_ONE, onset: 10, signature: {channels: {P_NOPE: {rel: 0.1}}}}]",
                "faults[0].signature.channels.P_NOPE", "not a sensor");
    }

    @Test
    void aTextWhereANumberBelongsNamesTheField() {
        failsOn("durationS: forty", "durationS", "must be a number");
    }

    @Test
    void anOnsetAfterShutdownNamesTheField() {
        failsOn("durationS: 20\nfaults: [{code: TP_ROTOR_WHIRL, onset: 19}]", "faults[0].onset", "before the shutdown");
    }

    @Test
    void aSensorFaultOnAnUnknownSensorNamesTheField() {
        failsOn("faults: [{code: SENSOR_DRIFT, sensor: PC_C, onset: 10}]", "faults[0].sensor", "no sensor 'PC_C'");
    }

    @Test
    void aThrottleStepOutsideMainstageNamesTheStep() {
        failsOn("throttle: {initial: 80, steps: [{at: 1, to: 90}]}", "throttle.steps[0].at", "mainstage");
    }

    @Test
    void aCatalogueFaultCannotBeGivenAnotherSignature() {
        failsOn("faults: [{code: TP_ROTOR_WHIRL, onset: 10, signature: {channels: {VIB_SUB: {factor: 2}}}}]",
                "faults[0].signature", "catalogue fault");
    }

    @Test
    void aBadUnitOffsetNamesTheField() {
        failsOn("conditions: {unit: {pc: 0.5}}", "conditions.unit.pc", "±0.2");
    }

    @Test
    void brokenYamlIsReportedAsSyntax() {
        failsOn("faults: [", "(syntax)", "not valid YAML");
    }
}
