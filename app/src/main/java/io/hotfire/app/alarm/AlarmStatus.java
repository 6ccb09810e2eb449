package io.hotfire.app.alarm;

import io.hotfire.domain.event.Severity;

/**
 * The lifecycle part of an alarm.
 *
 * @param state            ISA-18.2 state
 * @param conditionActive  whether the diagnosis still reports the condition
 * @param severity         the latest severity reported
 * @param notifiedSeverity the highest severity announced in this occurrence
 * @param latching         CRITICAL or SEVERE reached in this occurrence: stays until acknowledged
 * @param occurrences      times raised from CLEARED (1 for a new alarm)
 */
public record AlarmStatus(AlarmState state, boolean conditionActive, Severity severity, Severity notifiedSeverity,
                          boolean latching, int occurrences) {
}
