package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WhyNotTest {

    static DiagnosisEngine engine;

    @BeforeAll
    static void load() {
        engine = DiagnosisEngine.load(DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1"));
    }

    @Test
    void aRuleThatDidNotFireNamesItsFirstFailedConditionWithTheValues() {
        // The cage line rises (to five times in 2 s: wear trends), but the synchronous line steps as well: TP-001 must say why not.
        List<Frame> frames = new SyntheticRun(engine.profile()).duration(12)
                .override("VIB_CAGE", (t, x) -> t > 8 ? x * Math.min(5, 1 + 2 * (t - 8)) : x)
                .override("VIB_1N", (t, x) -> t > 8 ? x * 4 : x).frames();
        WhyNot.Answer a = engine.whyNot().explain(frames, "TP_BEARING_WEAR", 11.0);
        WhyNot.RuleAnswer tp001 = a.rules().get(0);
        assertThat(tp001.rule()).isEqualTo("TP-001");
        assertThat(tp001.fired()).isFalse();
        assertThat(tp001.failed()).isEqualTo("Deviation( channel == \"VIB_1N\", !up() )");
        assertThat(tp001.values()).containsKeys("VIB_CAGE", "VIB_1N");
        assertThat(tp001.values().get("VIB_1N")).containsEntry("direction", "UP");
        assertThat(a.windowT()).isBetween(10.8, 11.0);
    }

    @Test
    void aRuleThatFiredSaysSo() {
        List<Frame> frames = new SyntheticRun(engine.profile()).duration(12)
                .override("VIB_CAGE", (t, x) -> t > 8 ? x * Math.min(5, 1 + 2 * (t - 8)) : x).frames();
        WhyNot.RuleAnswer tp001 = engine.whyNot().explain(frames, "TP_BEARING_WEAR", 11.0).rules().get(0);
        assertThat(tp001.fired()).isTrue();
        assertThat(tp001.failed()).isNull();
    }

    @Test
    void beforeMainstageTheFirstConditionFails() {
        List<Frame> frames = new SyntheticRun(engine.profile()).duration(12).frames();
        WhyNot.RuleAnswer tp003 = engine.whyNot().explain(frames, "TP_ROTOR_WHIRL", 2.0).rules().get(0);
        assertThat(tp003.failed()).isEqualTo("WindowInfo( isMainstage() )");
        assertThat(tp003.held()).isEmpty();
    }

    @Test
    void anUnknownCodeIsRefused() {
        assertThatThrownBy(() -> engine.whyNot().explain(List.of(), "NO_SUCH_FAULT", 1.0))
                .hasMessageContaining("no rule concludes 'NO_SUCH_FAULT'");
    }
}
