package io.hotfire.llm.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.vocabulary.VocabularyException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClaimLanguageLoaderTest {

    @Test
    void theShippedGg1Language_loads_withItsActionsSeveritiesAndUnits() {
        ClaimLanguage l = Gg1.claimLanguage();

        assertThat(l.actions()).containsKeys("CONTINUE", "HOLD_THROTTLE", "REDUCE_THROTTLE", "ABORT");
        assertThat(l.severities()).containsKeys("WATCH", "WARNING", "DISTRESS", "CRITICAL", "SEVERE");
        assertThat(l.units().get("psi").quantity()).isEqualTo("pressure");
        assertThat(l.faults().keySet()).containsAll(Gg1.CATALOGUE);
    }

    @Test
    void aBadUnit_isRefused_namingTheFileAndField() {
        String yaml = "id: x\nunits:\n  - {unit: kN, quantity: force, factor: 0}\n";

        assertThatThrownBy(() -> ClaimLanguageLoader.parse("claims.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(VocabularyException.class)
                .hasMessageContaining("claims.yaml").hasMessageContaining("units[0].factor");
    }

    @Test
    void aComponentWithoutNames_isRefused_namingTheField() {
        String yaml = "id: x\ncomponents:\n  - {faults: [A]}\n";

        assertThatThrownBy(() -> ClaimLanguageLoader.parse("claims.yaml", yaml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(VocabularyException.class).hasMessageContaining("components[0].names");
    }
}
