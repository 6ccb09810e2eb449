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
 * Whatever a rule session throws, the run goes on: the session is rebuilt from the run's state, a
 * DIAGNOSIS_FAULT event says what happened, and later windows are diagnosed as before. The failure
 * is forced by a test rule whose consequence throws.
 */
class RuleSessionSupervisionTest {

    static EngineProfile gg1;

    @BeforeAll
    static void profile() {
        gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1").profile();
    }

    /** The core rules plus one rule that throws in its consequence on the windows {@code when} selects. */
    static RuleEngine withThrowingRule(String when) {
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        sources.add(new RuleSource("test/99-Throws.drl", """
                package io.hotfire.rules.test;
                import io.hotfire.rules.fact.WindowInfo;
                rule "XX-001 A test rule that throws"
                when
                    WindowInfo( %s )
                then
                    throw new IllegalStateException("forced failure");
                end
                """.formatted(when)));
        return RuleEngine.compile(gg1, sources);
    }

    @Test
    void aConsequenceThatThrowsOnceIsReportedAndTheWindowIsEvaluatedAgainOnARebuiltSession() {
        RuleEngine engine = withThrowingRule("index == 2");
        Windows w = new Windows(gg1);
        try (RuleSession s = engine.newSession()) {
            s.evaluate(w.build());
            s.evaluate(w.build());
            // Window 2: a confirmed redline on T_TURB_EX would abort — and the test rule throws.
            List<Event> events = s.evaluate(w.reset()
                    .breach("T_TURB_EX", LimitLevel.REDLINE, LimitSide.HIGH, 780, 790, 5)
                    .deviation("TIT_A", 5, 3).build());
            Event fault = events.get(0);
            assertThat(fault.type()).isEqualTo(EventType.DIAGNOSIS_FAULT);
            assertThat(fault.evidence()).containsEntry("exception", "java.lang.IllegalStateException")
                    .containsEntry("rule", "XX-001 A test rule that throws").containsEntry("window", 2L);
            assertThat(fault.rules()).containsExactly("XX-001");
            assertThat(fault.message()).contains("IllegalStateException", "XX-001", "window 2");
            // The retry on the rebuilt session meets index == 2 again and throws again, so the window is
            // skipped (nothing else is announced for it); the next window, still a redline, aborts.
            assertThat(events).extracting(Event::type).containsExactly(EventType.DIAGNOSIS_FAULT);
            assertThat(fault.evidence()).containsEntry("recovered", false);
            assertThat(s.faults()).isEqualTo(1);
            List<Event> after = s.evaluate(w.reset()
                    .breach("T_TURB_EX", LimitLevel.REDLINE, LimitSide.HIGH, 780, 790, 6)
                    .deviation("TIT_A", 5, 3).build());
            assertThat(after).extracting(Event::type).contains(EventType.ABORT).doesNotContain(EventType.DIAGNOSIS_FAULT);
            assertThat(s.abortLatched()).isTrue();
        }
    }

    @Test
    void latchedConclusionsSurviveTheRebuild() {
        RuleEngine engine = withThrowingRule("index == 3");
        Windows w = new Windows(gg1);
        try (RuleSession s = engine.newSession()) {
            s.evaluate(w.build());
            // P_GG dead for the persistence count: disqualified (a latched, stated fact).
            List<Event> dq = s.evaluate(w.reset().health("P_GG", 3, 3, 0, 0).build());
            assertThat(dq).extracting(Event::type).contains(EventType.SENSOR);
            s.evaluate(w.reset().build());
            List<Event> failed = s.evaluate(w.reset().build());
            assertThat(failed).extracting(Event::type).containsExactly(EventType.DIAGNOSIS_FAULT);
            assertThat(s.disqualifiedSensors()).containsExactly("P_GG");
            // The sensor is not disqualified (announced) a second time after the rebuild.
            List<Event> later = s.evaluate(w.reset().build());
            assertThat(later).extracting(Event::type).doesNotContain(EventType.SENSOR, EventType.DIAGNOSIS_FAULT);
            assertThat(s.disqualifiedSensors()).containsExactly("P_GG");
        }
    }

    @Test
    void aRuleThatKeepsThrowingIsReportedOnceAndEveryOtherWindowIsStillDiagnosed() {
        RuleEngine engine = withThrowingRule("index >= 1, index <= 20");
        Windows w = new Windows(gg1);
        List<Event> all = new ArrayList<>();
        try (RuleSession s = engine.newSession()) {
            for (int i = 0; i < 30; i++) {
                all.addAll(s.evaluate(w.reset().build()));
            }
            assertThat(s.faults()).isEqualTo(20);
            assertThat(all).filteredOn(e -> e.type() == EventType.DIAGNOSIS_FAULT).hasSize(1);
            // After the failures stop, a redline is diagnosed as before.
            List<Event> redline = s.evaluate(w.reset()
                    .breach("T_TURB_EX", LimitLevel.REDLINE, LimitSide.HIGH, 780, 790, 5)
                    .deviation("TIT_A", 5, 3).build());
            assertThat(redline).extracting(Event::type).contains(EventType.ABORT);
        }
    }

    @Test
    void aSessionThatNeverThrowsReportsNoFault() {
        RuleEngine engine = withThrowingRule("index < 0");
        Windows w = new Windows(gg1);
        try (RuleSession s = engine.newSession()) {
            List<Event> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.addAll(s.evaluate(w.reset().build()));
            }
            assertThat(all).extracting(Event::type).doesNotContain(EventType.DIAGNOSIS_FAULT);
            assertThat(s.faults()).isZero();
        }
    }
}
