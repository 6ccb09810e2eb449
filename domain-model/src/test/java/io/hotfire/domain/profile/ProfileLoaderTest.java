package io.hotfire.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLoaderTest {

    static final String MINIMAL = """
            id: tiny
            sampleRateHz: 10
            throttle: {channel: CMD, scale: 100, qualified: [0.5, 1.0]}
            phase: {runningChannel: CMD, runningAbove: 1}
            windows: {size: 10, step: 2}
            sensors:
              - {id: CMD, nominal: 100, k: 1, noise: 0, span: [0, 100]}
              - {id: P, nominal: 5, k: 1, noise: 0.1, span: [0, 10], limits: {warnHigh: 6, redHigh: 7}}
            """;

    static EngineProfile parse(String yaml) {
        return ProfileLoader.parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    static EngineProfile gg1() {
        return DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1").profile();
    }

    @Test
    void theGg1ProfileCarriesEveryIcdSensorWithItsNumbers() throws Exception {
        Path icd = DomainCatalog.defaultRoot().toAbsolutePath().getParent().getParent().resolve("shared/domain/GG1-ICD.md");
        Assumptions.assumeTrue(Files.exists(icd), "the ICD lies beside the repository in shared/domain");
        Map<String, double[]> table = new TreeMap<>();
        for (String line : Files.readAllLines(icd)) {
            String[] c = line.split("\\|");
            if (c.length < 8 || !c[1].trim().matches("[A-Z][A-Z0-9_]+") || c[5].trim().equals("k")) {
                continue;
            }
            String[] span = c[7].trim().split("–");
            table.put(c[1].trim(), new double[] {num(c[4]), num(c[5]), num(c[6]), num(span[0]), num(span[1])});
        }
        EngineProfile p = gg1();
        assertThat(p.sensorIds()).containsExactlyInAnyOrderElementsOf(table.keySet());
        assertThat(table).hasSize(32);
        table.forEach((id, v) -> {
            SensorSpec s = p.requireSensor(id);
            assertThat(new double[] {s.nominal(), s.k(), s.noise(), s.span().low(), s.span().high()})
                    .as(id).containsExactly(v);
        });
    }

    private static double num(String cell) {
        return Double.parseDouble(cell.trim().replace(" ", "").replace("−", "-").toLowerCase(Locale.ROOT));
    }

    @Test
    void theGg1ProfileHasTheIcdLimitsRedundancyAndTracking() {
        EngineProfile p = gg1();
        Limits pc = p.requireSensor("PC_A").limits();
        assertThat(pc.warnLow()).isEqualTo(Limit.ofExpected(0.90));
        assertThat(pc.warnHigh()).isEqualTo(Limit.ofExpected(1.08));
        assertThat(pc.redLow()).isEqualTo(Limit.ofExpected(0.80));
        assertThat(pc.redHigh()).isEqualTo(Limit.absolute(11.2));
        assertThat(p.requireSensor("TIT_B").limits().redHigh()).isEqualTo(Limit.absolute(1050));
        assertThat(p.requireSensor("P_OX_IN").limits().redLow()).isEqualTo(Limit.absolute(0.25));
        assertThat(p.partnerOf("PC_A")).contains("PC_B");
        assertThat(p.partnerOf("TIT_B")).contains("TIT_A");
        assertThat(p.trackingLimits()).extracting(TrackingLimit::id).containsExactly("MOV", "MFV", "GGV");
        assertThat(p.validation().redlinePersistenceSamples()).isEqualTo(3);
        assertThat(p.windows()).isEqualTo(new WindowConfig(25, 5));
    }

    @Test
    void expectedFollowsTheThrottleExponent() {
        SensorSpec n = gg1().requireSensor("N_TP");
        assertThat(n.expected(1.0)).isEqualTo(36000);
        assertThat(n.expected(0.7)).isCloseTo(36000 * Math.pow(0.7, 0.6), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(gg1().requireSensor("P_OX_IN").expected(0.7)).isEqualTo(0.45);
    }

    @Test
    void aMinimalProfileLoadsWithDefaults() {
        EngineProfile p = parse(MINIMAL);
        assertThat(p.id()).isEqualTo("tiny");
        assertThat(p.validation().redlinePersistenceSamples()).isEqualTo(3);
        assertThat(p.indexOf("P")).isEqualTo(1);
        assertThat(p.sourceHash()).hasSize(64);
    }

    @Test
    void aMissingFieldIsNamedWithItsPathAndTheLineOfItsMapping() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("sampleRateHz: 10\n", "")))
                .isInstanceOf(ProfileException.class).hasMessage("test.yaml:1: sampleRateHz: is required");
    }

    @Test
    void aWrongTypeNamesTheLineTheFieldAndTheValue() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("nominal: 5,", "nominal: five,")))
                .hasMessage("test.yaml:8: sensors[1].nominal: must be a number, got \"five\"");
    }

    @Test
    void aWarningBeyondItsRedlineIsRefused() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("warnHigh: 6", "warnHigh: 8")))
                .hasMessageContaining("sensors[1].limits.warnHigh").hasMessageContaining("beyond the redline 7.0");
    }

    @Test
    void aDuplicateSensorIdIsRefused() {
        assertThatThrownBy(() -> parse(MINIMAL + "  - {id: P, nominal: 1, k: 0, noise: 0, span: [0, 1]}\n"))
                .hasMessage("test.yaml:9: sensors[2].id: duplicate sensor id 'P'");
    }

    @Test
    void aRedundancyPairNamingAnUnknownSensorIsRefused() {
        assertThatThrownBy(() -> parse(MINIMAL + "redundancy:\n  - {a: P, b: Q, tolerance: 1}\n"))
                .hasMessage("test.yaml:10: redundancy[0].b: unknown sensor 'Q'");
    }

    @Test
    void aDerivedQuantityReadingAnUnknownChannelOrMalformedIsRefused() {
        assertThatThrownBy(() -> parse(MINIMAL + "derived:\n  - {id: D, expr: \"P * X\"}\n"))
                .hasMessage("test.yaml:10: derived[0].expr: 'P * X' reads unknown channel 'X'");
        assertThatThrownBy(() -> parse(MINIMAL + "derived:\n  - {id: D, expr: \"P * (2\"}\n"))
                .hasMessageStartingWith("test.yaml:10: derived[0].expr: 'P * (2': expected ')'");
    }

    @Test
    void anUnknownLimitNameAndASpanTheWrongWayRoundAreRefused() {
        assertThatThrownBy(() -> parse(MINIMAL.replace("warnHigh: 6", "warnHi: 6")))
                .hasMessageContaining("sensors[1].limits.warnHi: unknown limit");
        assertThatThrownBy(() -> parse(MINIMAL.replace("span: [0, 10]", "span: [10, 0]")))
                .hasMessage("test.yaml:8: sensors[1].span: low 10.0 is above high 0.0");
    }

    @Test
    void brokenYamlNamesTheFileAndTheLine() {
        assertThatThrownBy(() -> parse("id: [unclosed")).isInstanceOf(ProfileException.class)
                .hasMessageStartingWith("test.yaml:1: (syntax): not valid YAML/JSON");
    }

    @Test
    void aSecondDomainDroppedIntoTheFolderLoadsWithoutCodeChanges(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("tiny"));
        Files.writeString(root.resolve("tiny/profile.yaml"), MINIMAL);
        Files.createDirectories(root.resolve("gg1"));
        Files.copy(DomainCatalog.defaultRoot().resolve("gg1/profile.yaml"), root.resolve("gg1/profile.yaml"));
        DomainCatalog catalog = DomainCatalog.load(root);
        assertThat(catalog.ids()).isEqualTo(List.of("gg1", "tiny"));
        assertThat(catalog.require("tiny").profile().sensors()).hasSize(2);
    }

    @Test
    void aBadProfileInTheFolderFailsTheWholeLoadNamingTheFile(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("bad"));
        Files.writeString(root.resolve("bad/profile.yaml"), MINIMAL.replace("noise: 0.1", "noise: -1"));
        assertThatThrownBy(() -> DomainCatalog.load(root)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("bad/profile.yaml:8: sensors[1].noise: must be ≥ 0, got -1.0");
    }
}
