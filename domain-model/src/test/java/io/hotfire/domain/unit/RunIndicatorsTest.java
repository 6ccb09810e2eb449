package io.hotfire.domain.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.DataFileException;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunIndicatorsTest {

    static DomainCatalog.Domain gg1;
    static EngineProfile profile;
    static UnitsSpec spec;

    @BeforeAll
    static void load() {
        gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        profile = gg1.profile();
        spec = UnitsLoader.loadIfPresent(gg1.folder(), profile).orElseThrow();
    }

    /** A run at a constant level: every channel at its expected value, for {@code seconds}, then off for 1 s. */
    static List<Frame> run(double percent, double seconds) {
        List<Frame> out = new ArrayList<>();
        double dt = profile.samplePeriod();
        long seq = 0;
        for (double t = 0; t < seconds + 1; t += dt) {
            boolean on = t < seconds;
            double[] v = new double[profile.sensors().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = on ? profile.sensors().get(i).expected(percent / 100) : 0;
            }
            v[profile.indexOf(profile.throttleChannel())] = on ? percent : 0;
            out.add(new Frame(seq++, t, v));
        }
        return out;
    }

    @Test
    void aRunAtFullPower_hasEveryIndicatorAtItsExpectedValue() {
        List<IndicatorValue> v = RunIndicators.compute(profile, spec, run(100, 12), Set.of());
        assertThat(v).extracting(IndicatorValue::indicator).containsExactly("CAGE_LINE_100", "TURBINE_EFF_100", "OX_INJ_DP_100");
        assertThat(v.get(0).value()).isCloseTo(0.20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.get(1).value()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.get(2).value()).isCloseTo(12.3 - 9.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.get(0).samples()).isGreaterThan(300);
    }

    @Test
    void aRunThatNeverReachesTheMatchedLevel_hasItsIndicatorsMissingWithTheReason_neverZero() {
        List<IndicatorValue> v = RunIndicators.compute(profile, spec, run(85, 12), Set.of());
        assertThat(v).allSatisfy(i -> {
            assertThat(i.value()).isNull();
            assertThat(i.missingReason()).contains("no matched operating point").contains("100 ± 1 % power");
        });
    }

    @Test
    void aDisqualifiedSensor_makesTheIndicatorsReadingItMissing() {
        List<IndicatorValue> v = RunIndicators.compute(profile, spec, run(100, 12), Set.of("TIT_B"));
        assertThat(v.get(0).isMissing()).isFalse();
        assertThat(v.get(1).missingReason()).isEqualTo("sensor TIT_B disqualified by the run's diagnosis");
    }

    @Test
    void tooShortAHold_isMissingAndSaysHowLongItWas() {
        IndicatorValue v = RunIndicators.compute(profile, spec, run(100, 5), Set.of()).get(0);
        assertThat(v.missingReason()).contains("s usable").contains("3 s needed");
    }

    @Test
    void usage_countsOneStartAndTheFiringSeconds() {
        RunUsage u = RunIndicators.usage(profile, spec, run(100, 12));
        assertThat(u.starts()).isEqualTo(1);
        assertThat(u.firingSeconds()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void aUnitsFileNamingAnUnknownChannel_failsNamingTheField() {
        String yaml = """
                firing: {channel: PC_A, above: 1}
                components: [{id: TP, name: tp, maxStarts: 3, source: s}]
                indicators:
                  - {id: X, name: x, unit: g, expr: "VIB_CAGE + NOPE", at: {level: 100, tolerance: 1},
                     trend: {direction: up, runs: 4, minChange: 0.1, stepAfterMaintenance: 0.1}, source: s}
                """;
        assertThatThrownBy(() -> UnitsLoader.parse("u.yaml", yaml.getBytes(StandardCharsets.UTF_8), profile))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("u.yaml:4: indicators[0].expr: unknown channel 'NOPE'");
    }

    @Test
    void trendFeatures_skipMissingRunsAndNameThem() {
        List<UnitRun> h = new ArrayList<>();
        double[] cage = {0.200, 0.202, Double.NaN, 0.205, 0.209};
        for (int i = 0; i < cage.length; i++) {
            IndicatorValue v = Double.isNaN(cage[i]) ? IndicatorValue.missing("CAGE_LINE_100", "no matched operating point")
                    : IndicatorValue.of("CAGE_LINE_100", cage[i], 500, 4, 18);
            h.add(new UnitRun("r" + i, "HF-" + i, false, List.of(v)));
        }
        List<IndicatorChange> c = TrendFeatures.at(spec, h);
        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.labels()).containsExactly("HF-0", "HF-1", "HF-3", "HF-4");
            assertThat(x.skipped()).containsExactly("HF-2");
            assertThat(x.everyRunMoved()).isTrue();
            assertThat(x.relativeChange()).isCloseTo(0.045, org.assertj.core.data.Offset.offset(1e-9));
        });
    }
}
