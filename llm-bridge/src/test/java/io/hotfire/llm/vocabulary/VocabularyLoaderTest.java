package io.hotfire.llm.vocabulary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.llm.support.Gg1;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyLoaderTest {

    final VocabularyLoader checked = new VocabularyLoader(Set.copyOf(Gg1.CATALOGUE), Set.of("VIB_RMS", "N_TP"));

    @Test
    void theShippedGg1Vocabulary_loads_andEverySupportIsACatalogueCodeAndEverySensorAnIcdSensor() {
        Vocabulary v = Gg1.vocabulary();

        assertThat(v.domain()).isEqualTo("gg1");
        assertThat(v.entries()).hasSizeBetween(20, 30);
        assertThat(v.entry("AUDIBLE_WHINE_TURBOPUMP")).get().satisfies(e -> {
            assertThat(e.supports()).containsExactlyInAnyOrder("TP_BEARING_WEAR", "LOX_PUMP_CAVITATION", "FUEL_PUMP_CAVITATION");
            assertThat(e.defaultComponent()).isEqualTo("turbopump");
        });
        assertThat(v.codes()).contains("FUEL_SMELL_GG_SKID", "VISIBLE_LEAK", "FROST_ON_LINE", "SMOKE", "VIBRATION_FELT",
                "POP_OR_BANG", "VALVE_STUCK", "INSTRUMENT_SUSPECT");
        assertThat(v.version()).hasSize(16);
        assertThat(v.expand("TP whine near the GG")).isEqualTo("turbopump whine near the gas generator");
        assertThat(v.expand("RP-1 smell")).isEqualTo("RP-1 smell");
    }

    @Test
    void aSupportOutsideTheCatalogue_isRefused_namingFileFieldAndValue() {
        String yaml = """
                id: t
                observations:
                  - {code: A_B, description: d, components: [c], supports: [TP_BEARING_WEAR, WARP_CORE_BREACH]}
                """;
        assertThatThrownBy(() -> checked.parse("t/vocabulary.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(VocabularyException.class)
                .hasMessage("t/vocabulary.yaml:3: observations[0].supports[1]: 'WARP_CORE_BREACH' is not a catalogue fault code")
                .extracting(e -> ((VocabularyException) e).field()).isEqualTo("observations[0].supports[1]");
    }

    @Test
    void anUnknownSensor_aDuplicateCode_aBadCodeAndAnUnknownField_areRefused() {
        assertRefused("""
                id: t
                observations:
                  - {code: A_B, description: d, components: [c], sensors: [VIB_RMS, PC_Z], supports: [TP_BEARING_WEAR]}
                """, 3, "observations[0].sensors[1]: unknown sensor 'PC_Z'");
        assertRefused("""
                id: t
                observations:
                  - {code: A_B, description: d, components: [c], supports: [TP_BEARING_WEAR]}
                  - {code: A_B, description: e, components: [c], supports: [TP_BEARING_WEAR]}
                """, 4, "observations[1].code: duplicate code 'A_B'");
        assertRefused("""
                id: t
                observations:
                  - {code: whine, description: d, components: [c], supports: [TP_BEARING_WEAR]}
                """, 3, "observations[0].code: must be UPPER_SNAKE");
        assertRefused("""
                id: t
                observations:
                  - {code: A_B, description: d, components: [c], supports: [TP_BEARING_WEAR], severity: HIGH}
                """, 3, "observations[0].severity: unknown field");
        assertRefused("""
                id: t
                observations:
                  - {code: A_B, description: d, components: [], supports: [TP_BEARING_WEAR]}
                """, 3, "observations[0].components: must not be empty");
        assertRefused("""
                id: t
                abbreviations: {two words: x}
                observations:
                  - {code: A_B, description: d, components: [c], supports: [TP_BEARING_WEAR]}
                """, 2, "abbreviations.two words: shorthand must be one word");
        assertRefused("id: t\nobservations: [\n", 2, "(syntax): not valid YAML");
        assertRefused("id: t\n", 1, "observations: must be a non-empty list");
    }

    @Test
    void aMissingFile_isRefusedWithItsPath() {
        assertThatThrownBy(() -> checked.load(Path.of("no/such/vocabulary.yaml")))
                .isInstanceOf(VocabularyException.class)
                .hasMessageStartingWith("no/such/vocabulary.yaml: (file): cannot be read");
    }

    /** Refused with {@code message} at {@code line} of the file (where the field is, or its mapping if it is missing). */
    private void assertRefused(String yaml, int line, String message) {
        assertThatThrownBy(() -> checked.parse("v.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(VocabularyException.class)
                .hasMessageContaining("v.yaml:" + line + ": " + message);
    }
}
