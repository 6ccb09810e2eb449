package io.hotfire.app.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A domain's console.yaml: what the console charts first, checked like the profile. */
class ConsoleDefaultsTest {

    private static final EngineProfile GG1 = DomainCatalog.load(Path.of("../domains")).require("gg1").profile();

    @TempDir
    Path dir;

    @Test
    void theFileNamesTheCharts() throws Exception {
        Path f = Files.writeString(dir.resolve("console.yaml"), "charts: [N_TP, VIB_CAGE]\n");
        assertThat(ConsoleDefaults.read(f, GG1)).containsExactly("N_TP", "VIB_CAGE");
    }

    @Test
    void withoutTheFile_theFirstFourSensorsWithARedlineAreCharted() {
        assertThat(ConsoleDefaults.read(dir.resolve("console.yaml"), GG1)).hasSize(4)
                .allSatisfy(id -> assertThat(GG1.sensor(id).orElseThrow().limits()).satisfiesAnyOf(
                        l -> assertThat(l.redHigh()).isNotNull(), l -> assertThat(l.redLow()).isNotNull()));
    }

    @Test
    void anUnknownSensorOrKeyStopsWithTheFileLineAndFieldNamed() throws Exception {
        Path bad = Files.writeString(dir.resolve("console.yaml"), "charts: [PC_A, NO_SUCH]\n");
        assertThatThrownBy(() -> ConsoleDefaults.read(bad, GG1)).hasMessageContaining("console.yaml:1: charts[1]: 'NO_SUCH' is not a sensor");
        Files.writeString(bad, "charts: [PC_A]\ncolours: dark\n");
        assertThatThrownBy(() -> ConsoleDefaults.read(bad, GG1)).hasMessageContaining("console.yaml:2: colours: unknown field");
        Files.writeString(bad, "charts: []\n");
        assertThatThrownBy(() -> ConsoleDefaults.read(bad, GG1)).hasMessageContaining("console.yaml:1: charts: must be a non-empty list");
    }
}
