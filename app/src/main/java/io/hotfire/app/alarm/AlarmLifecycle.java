package io.hotfire.app.alarm;

import io.hotfire.domain.event.Severity;

/**
 * The alarm state machine, free of storage and time. Alarms latch at CRITICAL and SEVERE: their
 * condition clearing does not end them, only an acknowledgement does. An alarm is announced
 * (a notification) when raised, and again only when its severity climbs above the highest already
 * announced in the same occurrence; an escalation also asks for a new acknowledgement. A
 * de-escalation or a repeat is silent.
 *
 * <pre>
 *                 condition (new or from CLEARED): RAISED
 *                          v
 *   +-------------- UNACKNOWLEDGED --ack--> ACKNOWLEDGED
 *   | clear (non-latching)   |  ^ clear (latching): stays     | clear
 *   v                        |  | escalation                  v
 * RETURNED_UNACKNOWLEDGED ---+  +----------------------- CLEARED
 *   |  ack                 ack of a latched, cleared alarm    ^
 *   +---------------------------------------------------------+
 * </pre>
 */
public final class AlarmLifecycle {

    /** Why an alarm is announced. */
    public enum Notice {
        RAISED, ESCALATED
    }

    /** The status after a step and what to announce (null: nothing). */
    public record Step(AlarmStatus status, Notice notice) {
    }

    private AlarmLifecycle() {
    }

    public static boolean latches(Severity s) {
        return s.atLeast(Severity.CRITICAL);
    }

    /** A condition seen for the first time. */
    public static Step raise(Severity s) {
        return new Step(new AlarmStatus(AlarmState.UNACKNOWLEDGED, true, s, s, latches(s), 1), Notice.RAISED);
    }

    /** The diagnosis reports the condition (again, or at another severity). */
    public static Step condition(AlarmStatus cur, Severity s) {
        if (cur.state() == AlarmState.CLEARED) {
            return new Step(new AlarmStatus(AlarmState.UNACKNOWLEDGED, true, s, s, latches(s), cur.occurrences() + 1), Notice.RAISED);
        }
        boolean latching = cur.latching() || latches(s);
        if (s.compareTo(cur.notifiedSeverity()) > 0) {
            return new Step(new AlarmStatus(AlarmState.UNACKNOWLEDGED, true, s, s, latching, cur.occurrences()), Notice.ESCALATED);
        }
        AlarmState state = cur.state() == AlarmState.RETURNED_UNACKNOWLEDGED ? AlarmState.UNACKNOWLEDGED : cur.state();
        return new Step(new AlarmStatus(state, true, s, cur.notifiedSeverity(), latching, cur.occurrences()), null);
    }

    /** The diagnosis reports the condition gone. */
    public static AlarmStatus clear(AlarmStatus cur) {
        AlarmState state = switch (cur.state()) {
            case UNACKNOWLEDGED -> cur.latching() ? AlarmState.UNACKNOWLEDGED : AlarmState.RETURNED_UNACKNOWLEDGED;
            case ACKNOWLEDGED -> AlarmState.CLEARED;
            case RETURNED_UNACKNOWLEDGED, CLEARED -> cur.state();
        };
        return new AlarmStatus(state, false, cur.severity(), cur.notifiedSeverity(), cur.latching(), cur.occurrences());
    }

    public static boolean acknowledgeable(AlarmStatus cur) {
        return cur.state() == AlarmState.UNACKNOWLEDGED || cur.state() == AlarmState.RETURNED_UNACKNOWLEDGED;
    }

    /** An operator acknowledges; only UNACKNOWLEDGED and RETURNED_UNACKNOWLEDGED alarms can be. */
    public static AlarmStatus acknowledge(AlarmStatus cur) {
        if (!acknowledgeable(cur)) {
            throw new IllegalStateException("an alarm in state " + cur.state() + " cannot be acknowledged");
        }
        AlarmState state = cur.conditionActive() ? AlarmState.ACKNOWLEDGED : AlarmState.CLEARED;
        return new AlarmStatus(state, cur.conditionActive(), cur.severity(), cur.notifiedSeverity(), cur.latching(), cur.occurrences());
    }
}
