package io.hotfire.app.alarm;

import static io.hotfire.app.alarm.AlarmLifecycle.Notice.ESCALATED;
import static io.hotfire.app.alarm.AlarmLifecycle.Notice.RAISED;
import static io.hotfire.app.alarm.AlarmState.ACKNOWLEDGED;
import static io.hotfire.app.alarm.AlarmState.CLEARED;
import static io.hotfire.app.alarm.AlarmState.RETURNED_UNACKNOWLEDGED;
import static io.hotfire.app.alarm.AlarmState.UNACKNOWLEDGED;
import static io.hotfire.domain.event.Severity.CRITICAL;
import static io.hotfire.domain.event.Severity.DISTRESS;
import static io.hotfire.domain.event.Severity.SEVERE;
import static io.hotfire.domain.event.Severity.WARNING;
import static io.hotfire.domain.event.Severity.WATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.event.Severity;
import org.junit.jupiter.api.Test;

/** The alarm state machine on plain JUnit: one test per transition rule. */
class AlarmLifecycleTest {

    private static AlarmStatus raised(Severity s) {
        return AlarmLifecycle.raise(s).status();
    }

    @Test
    void aNewConditionIsUnacknowledgedActiveAndAnnounced() {
        AlarmLifecycle.Step step = AlarmLifecycle.raise(WARNING);

        assertThat(step.notice()).isEqualTo(RAISED);
        assertThat(step.status()).isEqualTo(new AlarmStatus(UNACKNOWLEDGED, true, WARNING, WARNING, false, 1));
    }

    @Test
    void acknowledgingAStandingAlarmKeepsItUntilItsConditionClears() {
        AlarmStatus acked = AlarmLifecycle.acknowledge(raised(WARNING));
        assertThat(acked.state()).isEqualTo(ACKNOWLEDGED);

        assertThat(AlarmLifecycle.clear(acked).state()).isEqualTo(CLEARED);
    }

    @Test
    void aNonLatchingAlarmThatClearsBeforeAcknowledgementReturnsUnacknowledged_andAcknowledgingClearsIt() {
        AlarmStatus returned = AlarmLifecycle.clear(raised(DISTRESS));
        assertThat(returned.state()).isEqualTo(RETURNED_UNACKNOWLEDGED);
        assertThat(returned.conditionActive()).isFalse();

        assertThat(AlarmLifecycle.acknowledge(returned).state()).isEqualTo(CLEARED);
    }

    @Test
    void aCriticalAlarmLatches_stayingUnacknowledgedAfterItsConditionClears_untilAcknowledged() {
        AlarmStatus latched = AlarmLifecycle.clear(raised(CRITICAL));

        assertThat(latched.latching()).isTrue();
        assertThat(latched.state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(latched.conditionActive()).isFalse();
        assertThat(AlarmLifecycle.acknowledge(latched).state()).isEqualTo(CLEARED);
    }

    @Test
    void severeAndCriticalLatch_watchWarningAndDistressDoNot() {
        assertThat(AlarmLifecycle.latches(SEVERE)).isTrue();
        assertThat(AlarmLifecycle.latches(CRITICAL)).isTrue();
        assertThat(AlarmLifecycle.latches(DISTRESS)).isFalse();
        assertThat(AlarmLifecycle.latches(WARNING)).isFalse();
        assertThat(AlarmLifecycle.latches(WATCH)).isFalse();
    }

    @Test
    void anEscalationIsAnnouncedAndAsksForANewAcknowledgement() {
        AlarmStatus acked = AlarmLifecycle.acknowledge(raised(WARNING));

        AlarmLifecycle.Step step = AlarmLifecycle.condition(acked, DISTRESS);

        assertThat(step.notice()).isEqualTo(ESCALATED);
        assertThat(step.status().state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(step.status().severity()).isEqualTo(DISTRESS);
        assertThat(step.status().notifiedSeverity()).isEqualTo(DISTRESS);
    }

    @Test
    void aRepeatOrADeEscalationIsSilentAndKeepsTheAcknowledgement() {
        AlarmStatus acked = AlarmLifecycle.acknowledge(AlarmLifecycle.condition(raised(WARNING), DISTRESS).status());

        AlarmLifecycle.Step repeat = AlarmLifecycle.condition(acked, DISTRESS);
        AlarmLifecycle.Step lower = AlarmLifecycle.condition(acked, WARNING);

        assertThat(repeat.notice()).isNull();
        assertThat(repeat.status().state()).isEqualTo(ACKNOWLEDGED);
        assertThat(lower.notice()).isNull();
        assertThat(lower.status().state()).isEqualTo(ACKNOWLEDGED);
        assertThat(lower.status().severity()).isEqualTo(WARNING);
        assertThat(lower.status().notifiedSeverity()).isEqualTo(DISTRESS);
    }

    @Test
    void climbingBackToASeverityAlreadyAnnouncedIsNotAnnouncedAgain() {
        AlarmStatus s = AlarmLifecycle.condition(raised(DISTRESS), WARNING).status();

        assertThat(AlarmLifecycle.condition(s, DISTRESS).notice()).isNull();
        assertThat(AlarmLifecycle.condition(s, CRITICAL).notice()).isEqualTo(ESCALATED);
    }

    @Test
    void aConditionReturningAfterItWasClearedIsANewOccurrence_announcedAgain() {
        AlarmStatus cleared = AlarmLifecycle.clear(AlarmLifecycle.acknowledge(raised(DISTRESS)));

        AlarmLifecycle.Step again = AlarmLifecycle.condition(cleared, WARNING);

        assertThat(again.notice()).isEqualTo(RAISED);
        assertThat(again.status()).isEqualTo(new AlarmStatus(UNACKNOWLEDGED, true, WARNING, WARNING, false, 2));
    }

    @Test
    void aConditionReturningBeforeAnyoneAcknowledgedItIsStandingAgain_notAnnouncedAgain() {
        AlarmStatus returned = AlarmLifecycle.clear(raised(WARNING));

        AlarmLifecycle.Step back = AlarmLifecycle.condition(returned, WARNING);

        assertThat(back.notice()).isNull();
        assertThat(back.status().state()).isEqualTo(UNACKNOWLEDGED);
        assertThat(back.status().conditionActive()).isTrue();
        assertThat(back.status().occurrences()).isEqualTo(1);
    }

    @Test
    void latchingOnceReachedInAnOccurrenceHoldsAfterADeEscalation() {
        AlarmStatus s = AlarmLifecycle.condition(AlarmLifecycle.condition(raised(WARNING), CRITICAL).status(), WARNING).status();

        assertThat(s.latching()).isTrue();
        assertThat(AlarmLifecycle.clear(s).state()).isEqualTo(UNACKNOWLEDGED);
    }

    @Test
    void onlyUnacknowledgedAlarmsCanBeAcknowledged() {
        AlarmStatus acked = AlarmLifecycle.acknowledge(raised(WARNING));
        AlarmStatus cleared = AlarmLifecycle.clear(acked);

        assertThatThrownBy(() -> AlarmLifecycle.acknowledge(acked)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AlarmLifecycle.acknowledge(cleared)).isInstanceOf(IllegalStateException.class);
        assertThat(AlarmLifecycle.acknowledgeable(raised(WARNING))).isTrue();
        assertThat(AlarmLifecycle.acknowledgeable(AlarmLifecycle.clear(raised(WARNING)))).isTrue();
    }

    @Test
    void clearingAnAlreadyClearedOrReturnedAlarmChangesNothing() {
        AlarmStatus returned = AlarmLifecycle.clear(raised(WARNING));
        AlarmStatus cleared = AlarmLifecycle.clear(AlarmLifecycle.acknowledge(raised(WARNING)));

        assertThat(AlarmLifecycle.clear(returned)).isEqualTo(returned);
        assertThat(AlarmLifecycle.clear(cleared)).isEqualTo(cleared);
    }
}
