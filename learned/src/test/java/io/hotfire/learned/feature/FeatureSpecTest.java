package io.hotfire.learned.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.data.DataNode;
import io.hotfire.learned.data.LearnedDataException;
import io.hotfire.learned.TwinData;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {

    private static final DomainCatalog.Domain GG1 = TwinData.gg1();
    private static final EngineProfile PROFILE = GG1.profile();

    private static FeatureSpec parse(String yaml) {
        return FeatureSpec.parse("learned.yaml", yaml.getBytes(StandardCharsets.UTF_8), PROFILE);
    }

    private static final String MINIMAL = """
            gate:
              features: {relMean: [PC_A, PC_B, N_TP]}
            classifier:
              features: {relMean: [PC_A, MR], relSlope: [N_TP]}
            """;

    @Test
    void theShippedGg1SpecLoadsWithSensorsOnlyInTheGateAndDerivedQuantitiesInTheClassifier() {
        FeatureSpec spec = FeatureSpec.forDomain(GG1);
        assertThat(spec.phase()).isEqualTo(Phase.MAINSTAGE);
        assertThat(spec.gate().features()).allMatch(f -> PROFILE.indexOf(f.channel()) >= 0);
        assertThat(spec.gate().operatingPointScale()).isEqualTo(0.01);
        assertThat(spec.gate().alpha()).isEqualTo(0.01);
        assertThat(spec.gate().persistence()).isEqualTo(5);
        assertThat(spec.classifier().features()).extracting(Feature::name).contains("MR.relMean", "PC_A.relSlope");
    }

    @Test
    void omittedSettingsTakeTheirDocumentedDefaults() {
        FeatureSpec spec = parse(MINIMAL);
        assertThat(spec.gate().neighbours()).isEqualTo(3);
        assertThat(spec.gate().compression()).isEqualTo(1.0);
        assertThat(spec.gate().tolerance()).isEqualTo(0.5);
        assertThat(spec.gate().trim()).isEqualTo(1);
        assertThat(spec.gate().trimDoubted()).isFalse();
        assertThat(spec.gate().referenceStride()).isEqualTo(5);
        assertThat(spec.gate().operatingPointScale()).isZero();
        assertThat(spec.classifier().operatingPoint()).isTrue();
        assertThat(spec.classifier().features()).extracting(Feature::name)
                .containsExactly("PC_A.relMean", "MR.relMean", "N_TP.relSlope");
    }

    @Test
    void theSpecSurvivesItsJsonFormUnchanged() {
        FeatureSpec spec = FeatureSpec.forDomain(GG1);
        FeatureSpec again = FeatureSpec.read(DataNode.of("model", spec.toJson(), LearnedDataException::new), null);
        assertThat(again).isEqualTo(spec);
    }

    @Test
    void trimmingTheSensorsTheRulesDoubtIsASettingThatSurvivesTheModelFile() {
        FeatureSpec spec = parse(MINIMAL.replace("gate:\n", "gate:\n  trim: 0\n  trimDoubted: true\n"));
        assertThat(spec.gate().trim()).isZero();
        assertThat(spec.gate().trimDoubted()).isTrue();
        assertThat(spec.gate().withAlpha(0.02).trimDoubted()).isTrue();
        assertThat(FeatureSpec.read(DataNode.of("model", spec.toJson(), LearnedDataException::new), null)).isEqualTo(spec);
        assertThat(FeatureSpec.read(DataNode.of("model", parse(MINIMAL).toJson(), LearnedDataException::new), null).gate().trimDoubted()).isFalse();
    }

    @Test
    void theSequentialTestIsASettingThatSurvivesTheModelFileAndIsOffWhenAbsent() {
        assertThat(parse(MINIMAL).gate().sequential()).isNull();
        assertThat(parse(MINIMAL).toJson().get("gate").has("sequential")).as("absent when unused: old model bytes stay").isFalse();
        FeatureSpec spec = parse(MINIMAL.replace("gate:\n", "gate:\n  sequential: {reference: 0.9, limit: 1.5}\n"));
        assertThat(spec.gate().sequential().reference()).isEqualTo(0.9);
        assertThat(spec.gate().sequential().limit()).isEqualTo(1.5);
        assertThat(spec.gate().withAlpha(0.02).withPersistence(3).sequential()).isEqualTo(spec.gate().sequential());
        assertThat(FeatureSpec.read(DataNode.of("model", spec.toJson(), LearnedDataException::new), null)).isEqualTo(spec);
        assertThat(parse(MINIMAL.replace("gate:\n", "gate:\n  sequential: {limit: 2}\n")).gate().sequential().reference())
                .as("documented default: only windows at p <= alpha add evidence").isEqualTo(1.0);
        assertThat(FeatureSpec.forDomain(GG1).gate().sequential()).as("GG-1 ships one").isNotNull();
    }

    @Test
    void aBadSequentialTestIsRefusedNamingTheField() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("gate:\n", "gate:\n  sequential: {reference: 1.2, limit: 1}\n")))
                .isInstanceOf(LearnedDataException.class).hasMessageContaining("gate.sequential.reference: must lie in (0, 1]");
        assertThatThrownBy(() -> parse(MINIMAL.replace("gate:\n", "gate:\n  sequential: {limit: 0}\n")))
                .hasMessageContaining("gate.sequential.limit: must be > 0, got 0");
        assertThatThrownBy(() -> parse(MINIMAL.replace("gate:\n", "gate:\n  sequential: {reference: 0.9}\n")))
                .hasMessageContaining("gate.sequential.limit");
        assertThatThrownBy(() -> parse(MINIMAL.replace("gate:\n", "gate:\n  sequential: {limt: 1}\n")))
                .hasMessageContaining("gate.sequential.limt: unknown field");
    }

    @Test
    void abstentionClassesAreReadWithTheirCodePatternsAndSurviveTheModelFile() {
        FeatureSpec plain = parse(MINIMAL);
        assertThat(plain.classifier().abstain()).isEmpty();
        assertThat(plain.classifier().abstentionClassOf("SENSOR_DRIFT")).isNull();
        assertThat(plain.toJson().get("classifier").has("abstain")).as("absent when unused: old model bytes stay").isFalse();

        FeatureSpec spec = parse(MINIMAL + "  abstain: {INSTRUMENT: [\"SENSOR_*\"], RIG: [STAND_LEAK]}\n");
        assertThat(spec.classifier().abstain()).containsOnlyKeys("INSTRUMENT", "RIG");
        assertThat(spec.classifier().abstentionClassOf("SENSOR_DRIFT")).isEqualTo("INSTRUMENT");
        assertThat(spec.classifier().abstentionClassOf("STAND_LEAK")).isEqualTo("RIG");
        assertThat(spec.classifier().abstentionClassOf("STAND_LEAKS")).isNull();
        assertThat(spec.classifier().abstentionClassOf("LOX_LINE_LEAK")).isNull();
        assertThat(FeatureSpec.read(DataNode.of("model", spec.toJson(), LearnedDataException::new), null)).isEqualTo(spec);
    }

    @Test
    void aBadAbstentionClassIsRefusedNamingTheField() {
        assertThatThrownBy(() -> parse(MINIMAL + "  abstain: {NOMINAL: [\"SENSOR_*\"]}\n"))
                .isInstanceOf(LearnedDataException.class).hasMessageContaining("classifier.abstain.NOMINAL");
        assertThatThrownBy(() -> parse(MINIMAL + "  abstain: {INSTRUMENT: [\"SENSOR*X\"]}\n"))
                .hasMessageContaining("classifier.abstain.INSTRUMENT[0]").hasMessageContaining("code prefix ending in '*'");
        assertThatThrownBy(() -> parse(MINIMAL + "  abstain: {A: [\"SENSOR_*\"], B: [\"SENSOR_*\"]}\n"))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> parse(MINIMAL + "  abstain: {INSTRUMENT: []}\n")).hasMessageContaining("names no code");
        assertThatThrownBy(() -> parse(MINIMAL + "  abstain: [SENSOR_DRIFT]\n")).hasMessageContaining("must be a mapping");
    }

    @Test
    void aDomainWithoutASpecGetsTheDefaultsFromItsProfile() {
        FeatureSpec spec = FeatureSpec.defaults(PROFILE);
        long noisy = PROFILE.sensors().stream().filter(s -> s.noise() > 0).count();
        assertThat(spec.gate().features()).hasSize((int) noisy);
        assertThat(spec.classifier().features()).hasSize((int) (3 * noisy + PROFILE.derived().size()));
        assertThat(FeatureSpec.read(DataNode.of("x", spec.toJson(), LearnedDataException::new), PROFILE)).isEqualTo(spec);
    }

    @Test
    void everyMistakeNamesTheFileAndField() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("N_TP]}\nclassifier", "N_TQ]}\nclassifier")))
                .isInstanceOf(LearnedDataException.class)
                .hasMessageContaining("learned.yaml:2: gate.features.relMean[2]: unknown channel 'N_TQ'");
        assertThatThrownBy(() -> parse(MINIMAL.replace("[PC_A, PC_B, N_TP]", "[PC_A, PC_B, MR]")))
                .hasMessageContaining("gate.features.relMean[2]").hasMessageContaining("derived quantity");
        assertThatThrownBy(() -> parse(MINIMAL.replace("relMean: [PC_A, PC_B", "mean2: [PC_A, PC_B")))
                .hasMessageContaining("gate.features.mean2: unknown statistic 'mean2'");
        assertThatThrownBy(() -> parse(MINIMAL + "  alpah: 0.05\n"))
                .hasMessageContaining("classifier.alpah: unknown field");
        assertThatThrownBy(() -> parse(MINIMAL.replace("gate:\n", "gate:\n  alpha: 0.7\n")))
                .hasMessageContaining("gate.alpha: must lie in (0, 0.5), got 0.7");
        assertThatThrownBy(() -> parse(MINIMAL.replace("gate:\n", "gate:\n  trim: 3\n")))
                .hasMessageContaining("gate.trim: must lie in 0..2");
        assertThatThrownBy(() -> parse(MINIMAL.replace("gate:\n", "gate:\n  persistence: 0\n")))
                .hasMessageContaining("gate.persistence: must be at least 1, got 0");
        assertThatThrownBy(() -> parse(MINIMAL.replace("[PC_A, MR]", "[PC_A, PC_A]")))
                .hasMessageContaining("duplicate feature PC_A.relMean");
        assertThatThrownBy(() -> parse("phase: STEADY\n" + MINIMAL)).hasMessageContaining("phase: must be one of");
        assertThatThrownBy(() -> parse("gate: [")).hasMessageContaining("(syntax)");
        assertThatThrownBy(() -> parse("classifier: {features: {relMean: [PC_A]}}\n"))
                .hasMessageContaining("learned.yaml:1: gate: is required");
    }

    @Test
    void alphaAndPersistenceCanBeOverriddenWithinTheirRanges() {
        FeatureSpec spec = parse(MINIMAL).withAlpha(0.05).withPersistence(3);
        assertThat(spec.gate().alpha()).isEqualTo(0.05);
        assertThat(spec.gate().persistence()).isEqualTo(3);
        assertThatThrownBy(() -> spec.withAlpha(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec.withPersistence(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
