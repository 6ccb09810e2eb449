package io.hotfire.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.telemetry.CsvFormatException;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rig without throttle or phase channel whose files have their own time column and units. */
class ShortRunProfileTest {

    static final String RIG = """
            id: rig
            sampleRateHz: 1000
            windows: {size: 50, step: 25}
            csv:
              timeColumn: TIME
              timeUnit: ms
              columns: {PRESSURE_1: P1}
              scale: {P2: 0.001}
              ignore: [COMMENT]
            sensors:
              - {id: P1, unit: MPa, nominal: 2, k: 0, noise: 0.01, span: [0, 5]}
              - {id: P2, unit: MPa, nominal: 2, k: 0, noise: 0.01, span: [0, 5]}
            """;

    static EngineProfile rig() {
        return ProfileLoader.parse("profile.yaml", RIG.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutThrottleAndPhaseTheRigRunsFromTheFirstSampleAtThetaOne() {
        EngineProfile p = rig();
        assertThat(p.hasThrottle()).isFalse();
        assertThat(p.qualifiedThrottle()).isNull();
        assertThat(p.phase().hasRunningChannel()).isFalse();

        WindowBuilder b = new WindowBuilder(p);
        List<WindowSnapshot> windows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            WindowSnapshot w = b.add(new Frame(i, i / 1000.0, new double[] {2.0 + (i % 2) * 0.01, 2.0}));
            if (w != null) {
                windows.add(w);
            }
        }
        assertThat(windows).isNotEmpty();
        assertThat(windows.get(0).phase()).isEqualTo(Phase.MAINSTAGE);
        assertThat(windows.get(0).theta()).isEqualTo(1.0);
    }

    @Test
    void theCsvSectionMapsTheTimeColumnItsUnitRenamedScaledAndIgnoredColumns() {
        List<Frame> frames = new CsvFrameReader(rig()).read("TIME,PRESSURE_1,P2,COMMENT\n0,2.0,2000,x\n1.5,2.1,1900,y\n", 0);
        assertThat(frames.get(1).t()).isEqualTo(0.0015);
        assertThat(frames.get(1).values()[0]).isEqualTo(2.1);
        assertThat(frames.get(1).values()[1]).isCloseTo(1.9, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void aFileWithoutTheMappedTimeColumnIsRefusedNamingIt() {
        assertThatThrownBy(() -> new CsvFrameReader(rig()).read("P1\n2\n", 0))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("'TIME'");
    }

    @Test
    void badCsvKeysAreRefusedWithTheirField() {
        assertThatThrownBy(() -> ProfileLoader.parse("p.yaml", RIG.replace("timeUnit: ms", "timeUnit: hours")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("csv.timeUnit");
        assertThatThrownBy(() -> ProfileLoader.parse("p.yaml", RIG.replace("{PRESSURE_1: P1}", "{PRESSURE_1: P9}")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("csv.columns.PRESSURE_1");
        assertThatThrownBy(() -> ProfileLoader.parse("p.yaml", RIG.replace("ignore:", "skip:")
                .getBytes(StandardCharsets.UTF_8))).hasMessageContaining("csv.skip");
    }
}
