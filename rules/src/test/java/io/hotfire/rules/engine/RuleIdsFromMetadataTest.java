package io.hotfire.rules.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.LimitLevel;
import io.hotfire.domain.profile.LimitSide;
import io.hotfire.rules.Windows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events name the rules behind them by each rule's {@code @id} metadata, read from the rule that
 * concluded each fact, not from ids written into the session's Java: a rule whose name does not start
 * with its id is named by its id, and every rule that recommends ABORT on an abort decision is named
 * on the ABORT event, not only the core's RC-001 (with the core alone: RL-001, RC-001, CoreRulesTest).
 */
class RuleIdsFromMetadataTest {

    static EngineProfile gg1;

    @BeforeAll
    static void profile() {
        gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1").profile();
    }

    static RuleEngine withRule(String drl) {
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        sources.add(new RuleSource("test/99-Test.drl", drl));
        return RuleEngine.compile(gg1, sources);
    }

    @Test
    void anAlarmNamesItsRuleByTheIdInItsMetadata() {
        RuleEngine engine = withRule("""
                package io.hotfire.rules.test;
                import io.hotfire.rules.fact.WindowInfo;
                import io.hotfire.rules.fact.Alarm;
                import io.hotfire.domain.event.Severity;
                rule "A test alarm whose name does not start with its id"
                    @id("XX-010")
                when
                    WindowInfo( index >= 0 )
                then
                    insertLogical(new Alarm("TEST:PC_A", "TEST_ALARM", Severity.WARNING, "PC_A", "test alarm", 1.0, 0.0));
                end
                """);
        try (RuleSession s = engine.newSession()) {
            List<Event> events = s.evaluate(new Windows(gg1).build());
            Event alarm = events.stream().filter(e -> e.type() == EventType.ALARM && e.code().equals("TEST_ALARM"))
                    .findFirst().orElseThrow();
            assertThat(alarm.rules()).containsExactly("XX-010");
        }
    }

    @Test
    void theAbortNamesTheDecidingRuleThenEveryRuleRecommendingAbort() {
        RuleEngine engine = withRule("""
                package io.hotfire.rules.test;
                import io.hotfire.rules.fact.AbortDecision;
                import io.hotfire.rules.fact.Recommendation;
                import io.hotfire.rules.fact.Recommendation.Action;
                rule "XX-011 A second rule recommends ABORT on an abort decision"
                    @id("XX-011")
                when
                    exists AbortDecision()
                then
                    insertLogical(new Recommendation(Action.ABORT, "a test reason"));
                end
                """);
        try (RuleSession s = engine.newSession()) {
            List<Event> events = s.evaluate(new Windows(gg1).breach("T_TURB_EX", LimitLevel.REDLINE, LimitSide.HIGH, 780, 790, 3)
                    .deviation("TIT_A", 5, 3).build());
            Event abort = events.stream().filter(e -> e.type() == EventType.ABORT).findFirst().orElseThrow();
            assertThat(abort.rules()).containsExactly("RL-001", "RC-001", "XX-011");
        }
    }
}
