package io.hotfire.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleConditionsTest {

    @Test
    void theConditionsOfARuleAreReadAsWrittenInOrder() {
        RuleSource limits = RuleSource.core().get(1);
        RuleConditions.Conditions rl003 = RuleConditions.of(limits).stream()
                .filter(c -> c.ruleId().equals("RL-003")).findFirst().orElseThrow();
        assertThat(rl003.conditions()).containsExactly(
                "WindowInfo( isMainstage() )",
                "Settings( $n : warningPersistenceSamples )",
                "$b : LimitBreach( level == LimitLevel.WARNING, maxConsecutive >= $n, $s : sensor )",
                "not Disqualified( sensor == $s )",
                "not SensorFault( sensor == $s )",
                "not PairCheck( a == $s || b == $s, windowsDisagreeing > 0 )");
    }

    @Test
    void probesCompileAlongsideTheRulesTheyProbe() {
        var gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
        List<RuleSource> sources = new java.util.ArrayList<>(RuleSource.core());
        sources.addAll(RuleSource.folder(gg1.rulesFolder()));
        List<RuleSource> all = new java.util.ArrayList<>(sources);
        sources.forEach(s -> all.add(RuleConditions.probes(s)));
        RuleEngine engine = RuleEngine.compile(gg1.profile(), all);
        assertThat(engine.rules().size()).isGreaterThan(3 * sources.size());
    }
}
