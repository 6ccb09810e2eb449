package io.hotfire.rules.gg1;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Severity;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.unit.IndicatorChange;
import io.hotfire.domain.unit.UnitsSpec.Direction;
import io.hotfire.rules.engine.RuleSource;
import io.hotfire.rules.engine.TrendRules;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One positive and one negative test per GG-1 trend rule, named after its id, on plain JUnit. */
class Gg1TrendRulesTest {

    static TrendRules rules;

    @BeforeAll
    static void compile() {
        DomainCatalog.Domain gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        rules = TrendRules.compile("gg1", RuleSource.folder(gg1.folder().resolve("trends")));
    }

    static IndicatorChange consecutive(String indicator, Direction dir, boolean every, double rel, double threshold) {
        return new IndicatorChange(indicator, IndicatorChange.Kind.CONSECUTIVE, dir, every, rel, threshold,
                List.of("r1", "r2", "r3", "r4"), List.of("HF-1", "HF-2", "HF-3", "HF-4"), List.of(1.0, 1.1, 1.2, 1.3), List.of());
    }

    static IndicatorChange acrossMaintenance(String indicator, double rel, double threshold) {
        return new IndicatorChange(indicator, IndicatorChange.Kind.ACROSS_MAINTENANCE, Direction.UP, false, rel, threshold,
                List.of("r1", "r2", "r3"), List.of("HF-1", "HF-2", "HF-3"), List.of(1.0, 1.0, 1.2), List.of());
    }

    @Test
    void tr001_fires_whenTheCageLineRoseAtEveryRunByMoreThanTheThreshold() {
        List<TrendRules.Result> r = rules.evaluate(List.of(consecutive("CAGE_LINE_100", Direction.UP, true, 0.04, 0.015)));
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.rules()).containsExactly("TR-001");
            assertThat(x.finding().code()).isEqualTo("TP_BEARING_WEAR");
            assertThat(x.finding().severity()).isEqualTo(Severity.WATCH);
            assertThat(x.finding().message()).contains("HF-1, HF-2, HF-3, HF-4");
        });
    }

    @Test
    void tr001_doesNotFire_whenOneRunFellBack() {
        assertThat(rules.evaluate(List.of(consecutive("CAGE_LINE_100", Direction.UP, false, 0.04, 0.015)))).isEmpty();
    }

    @Test
    void tr001_doesNotFire_whenTheRiseIsWithinTheThreshold() {
        assertThat(rules.evaluate(List.of(consecutive("CAGE_LINE_100", Direction.UP, true, 0.01, 0.015)))).isEmpty();
    }

    @Test
    void tr002_fires_whenTheTurbineEfficiencyProxyFellAtEveryRun() {
        assertThat(rules.evaluate(List.of(consecutive("TURBINE_EFF_100", Direction.DOWN, true, -0.02, 0.01))))
                .singleElement().satisfies(x -> {
                    assertThat(x.rules()).containsExactly("TR-002");
                    assertThat(x.finding().code()).isEqualTo("TURBINE_EFFICIENCY_LOSS");
                });
    }

    @Test
    void tr002_doesNotFire_whenTheProxyRose() {
        assertThat(rules.evaluate(List.of(consecutive("TURBINE_EFF_100", Direction.DOWN, false, 0.02, 0.01)))).isEmpty();
    }

    @Test
    void tr003_fires_whenTheLoxInjectorPressureDropRoseAtEveryRun() {
        assertThat(rules.evaluate(List.of(consecutive("OX_INJ_DP_100", Direction.UP, true, 0.03, 0.02))))
                .singleElement().satisfies(x -> {
                    assertThat(x.rules()).containsExactly("TR-003");
                    assertThat(x.finding().code()).isEqualTo("OX_INJECTOR_BLOCKAGE");
                });
    }

    @Test
    void tr003_doesNotFire_forAnotherIndicatorRising() {
        assertThat(rules.evaluate(List.of(consecutive("SOMETHING_ELSE", Direction.UP, true, 0.3, 0.02)))).isEmpty();
    }

    @Test
    void tr010_fires_whenAnIndicatorSteppedAcrossAMaintenance() {
        assertThat(rules.evaluate(List.of(acrossMaintenance("CAGE_LINE_100", -0.08, 0.05))))
                .singleElement().satisfies(x -> {
                    assertThat(x.rules()).containsExactly("TR-010");
                    assertThat(x.finding().code()).isEqualTo("MAINTENANCE_STEP");
                    assertThat(x.finding().message()).contains("HF-3");
                });
    }

    @Test
    void tr010_doesNotFire_whenTheStepIsWithinTheThreshold() {
        assertThat(rules.evaluate(List.of(acrossMaintenance("CAGE_LINE_100", 0.02, 0.05)))).isEmpty();
    }

    @Test
    void everyTrendRuleHasAnIdANameAndASource() {
        assertThat(rules.rules()).extracting(i -> i.id()).containsExactly("TR-001", "TR-002", "TR-003", "TR-010");
        assertThat(rules.rules()).allSatisfy(i -> {
            assertThat(i.source()).isNotBlank();
            assertThat(i.name()).contains(" means ");
        });
    }
}
