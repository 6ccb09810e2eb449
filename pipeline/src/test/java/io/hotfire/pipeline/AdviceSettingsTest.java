package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdviceSettingsTest {

    @Test
    void theDomainsAdviceThresholdsComeFromLearnedYaml_elseTheDefaults(@TempDir Path dir) throws Exception {
        assertThat(AdviceSettings.read(dir.resolve("learned.yaml"))).isEqualTo(AdviceSettings.DEFAULT);
        Files.writeString(dir.resolve("learned.yaml"), "phase: MAINSTAGE\nadvice: {probability: 0.9, windows: 5}\n");
        assertThat(AdviceSettings.read(dir.resolve("learned.yaml"))).isEqualTo(new AdviceSettings(0.9, 5));
        Files.writeString(dir.resolve("learned.yaml"),
                "advice: {probability: 0.9, windows: 5, leaveOneSensorOut: true, withoutUnitOffsets: true}\n");
        assertThat(AdviceSettings.read(dir.resolve("learned.yaml"))).isEqualTo(new AdviceSettings(0.9, 5, true, true));
    }

    @Test
    void routingConcurrentFaultsOutIsASettingOffByDefault(@TempDir Path dir) throws Exception {
        assertThat(AdviceSettings.DEFAULT.concurrentFaults()).isFalse();
        Files.writeString(dir.resolve("learned.yaml"), "advice: {probability: 0.9, windows: 5, concurrentFaults: true}\n");
        assertThat(AdviceSettings.read(dir.resolve("learned.yaml")).concurrentFaults()).isTrue();
        Files.writeString(dir.resolve("learned.yaml"), "advice: {concurrentFaults: often}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"))).hasMessageContaining("advice.concurrentFaults");
    }

    @Test
    void theRulesSeeConcurrentFaultsWithAProcessFindingAndADoubtedSensorOrTwoFindings() {
        assertThat(DiagnosisEngine.concurrentFaults(java.util.Set.of("TP_BEARING_WEAR"), java.util.Set.of("T_TURB_EX")))
                .containsExactly("TP_BEARING_WEAR with doubted T_TURB_EX");
        assertThat(DiagnosisEngine.concurrentFaults(java.util.Set.of("LOX_LINE_LEAK", "TP_ROTOR_WHIRL"), java.util.Set.of()))
                .containsExactly("LOX_LINE_LEAK with TP_ROTOR_WHIRL");
        // One fault: a finding alone (an ambiguity group is one finding), a doubted sensor alone, nothing.
        assertThat(DiagnosisEngine.concurrentFaults(java.util.Set.of("A|B"), java.util.Set.of())).isEmpty();
        assertThat(DiagnosisEngine.concurrentFaults(java.util.Set.of(), java.util.Set.of("P_F_DIS"))).isEmpty();
        assertThat(DiagnosisEngine.concurrentFaults(java.util.Set.of(), java.util.Set.of())).isEmpty();
    }

    @Test
    void theRobustnessChecksAreBooleans(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("learned.yaml"), "advice: {leaveOneSensorOut: yes please}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"))).hasMessageContaining("advice.leaveOneSensorOut");
        Files.writeString(dir.resolve("learned.yaml"), "advice: {withoutUnitOffsets: 1}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"))).hasMessageContaining("advice.withoutUnitOffsets");
    }

    @Test
    void evidenceChannelsPerCodeAreReadInFileOrder_noneByDefault(@TempDir Path dir) throws Exception {
        assertThat(AdviceSettings.DEFAULT.evidence()).isEmpty();
        Files.writeString(dir.resolve("learned.yaml"),
                "advice: {probability: 0.9, evidence: {VALVE_SLOW: [MOV_POS, GGV_CMD], LOX_LINE_LEAK: [P_OX_INJ]}}\n");
        AdviceSettings a = AdviceSettings.read(dir.resolve("learned.yaml"));
        assertThat(a.evidence()).containsExactly(java.util.Map.entry("VALVE_SLOW", java.util.List.of("MOV_POS", "GGV_CMD")),
                java.util.Map.entry("LOX_LINE_LEAK", java.util.List.of("P_OX_INJ")));
        assertThat(a).isEqualTo(new AdviceSettings(0.9, 3, false, false, false, java.util.Map.of("VALVE_SLOW",
                java.util.List.of("MOV_POS", "GGV_CMD"), "LOX_LINE_LEAK", java.util.List.of("P_OX_INJ"))));
    }

    @Test
    void gg1sEvidenceChannelsAreItsOwn() {
        AdviceSettings gg1 = AdviceSettings.forDomain(io.hotfire.domain.profile.DomainCatalog.load(
                io.hotfire.domain.profile.DomainCatalog.defaultRoot()).require("gg1"));
        assertThat(gg1.evidence()).containsOnlyKeys("VALVE_SLOW");
        assertThat(gg1.evidence().get("VALVE_SLOW")).containsExactly("MOV_POS", "MFV_POS", "GGV_POS", "GGV_CMD");
    }

    @Test
    void badEvidenceIsRefusedNamingTheCode(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("learned.yaml"), "advice: {evidence: [MOV_POS]}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"))).hasMessageContaining("advice.evidence");
        Files.writeString(dir.resolve("learned.yaml"), "advice: {evidence: {VALVE_SLOW: []}}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"))).hasMessageContaining("advice.evidence.VALVE_SLOW");
        Files.writeString(dir.resolve("learned.yaml"), "advice: {evidence: {VALVE_SLOW: MOV_POS}}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"))).hasMessageContaining("advice.evidence.VALVE_SLOW");
        // Against the profile's channels: a typo is named with the code, a sensor or a derived quantity is accepted.
        Files.writeString(dir.resolve("learned.yaml"), "advice: {evidence: {VALVE_SLOW: [MOV_POS, JACKET_DP, MOV_POZ]}}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"), java.util.Set.of("MOV_POS", "JACKET_DP")))
                .hasMessageContaining("advice.evidence.VALVE_SLOW").hasMessageContaining("MOV_POZ");
        assertThat(AdviceSettings.read(dir.resolve("learned.yaml"), java.util.Set.of("MOV_POS", "JACKET_DP", "MOV_POZ"))
                .evidence().get("VALVE_SLOW")).containsExactly("MOV_POS", "JACKET_DP", "MOV_POZ");
    }

    @Test
    void aBadAdviceKeyIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("learned.yaml"), "advice: {probability: 1.5}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"))).hasMessageContaining("advice.probability");
        Files.writeString(dir.resolve("learned.yaml"), "advice: {confidence: 0.9}\n");
        assertThatThrownBy(() -> AdviceSettings.read(dir.resolve("learned.yaml"))).hasMessageContaining("advice.confidence");
    }
}
