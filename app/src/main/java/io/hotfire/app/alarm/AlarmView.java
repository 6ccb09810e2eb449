package io.hotfire.app.alarm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An alarm as the API shows it.
 *
 * @param runId           the run; null for a system alarm (source SYSTEM, e.g. AUDIT_CHAIN_BROKEN)
 * @param key             identifies the alarm within its run (evidence key, else TYPE:code:sensor)
 * @param source          event type that raised it: ALARM, SENSOR, FINDING or ABORT; SYSTEM for a system alarm
 * @param lastEventId     the latest event behind it; null for a system alarm
 * @param state           UNACKNOWLEDGED, ACKNOWLEDGED, RETURNED_UNACKNOWLEDGED or CLEARED
 * @param conditionActive whether the diagnosis still reports the condition (false with state
 *                        UNACKNOWLEDGED: a latched alarm whose condition cleared)
 * @param latching        CRITICAL or SEVERE reached: stays until acknowledged
 * @param shelved         a shelf is in force now ({@code shelvedUntil} null while shelved: until un-shelved)
 * @param firstOut        the first alarm raised in its run (where a cascade started)
 * @param members         the evidence keys holding the condition now and their severities (an escalated
 *                        limit alarm: warning, redline, the abort on it)
 * @param comments        oldest first; only in the single-alarm view
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlarmView(
        long id,
        UUID runId,
        String key,
        String source,
        String code,
        String sensor,
        String message,
        String severity,
        boolean latching,
        String state,
        boolean conditionActive,
        int occurrences,
        double raisedT,
        double lastT,
        Double clearedT,
        Long lastEventId,
        Instant createdAt,
        Instant updatedAt,
        String acknowledgedBy,
        Instant acknowledgedAt,
        boolean shelved,
        String shelvedBy,
        Instant shelvedAt,
        Instant shelvedUntil,
        String shelveReason,
        String assignee,
        String assignedBy,
        Instant assignedAt,
        List<String> tags,
        boolean firstOut,
        Map<String, String> members,
        List<Comment> comments) {

    /** A comment on an alarm. */
    public record Comment(long id, String author, String text, Instant createdAt) {
    }

    /** An entry of the notification feed; {@code testId} names the run. */
    public record Notification(long id, long alarmId, UUID runId, String testId, String key, String code, String sensor, String reason,
                               String severity, double t, Instant createdAt) {
    }

    /**
     * The outcome of a bulk acknowledgement.
     *
     * @param acknowledged the alarms acknowledged, after
     * @param skipped      the ids that were not acknowledgeable (already acknowledged, cleared) with why
     */
    public record BulkAck(List<AlarmView> acknowledged, Map<Long, String> skipped) {
    }

    /**
     * Alarm counts for a header or a status strip.
     *
     * @param unacknowledged unacknowledged (or returned unacknowledged) and not shelved, by severity
     * @param shelved        shelves in force
     */
    public record Counts(Map<String, Long> unacknowledged, long shelved) {
    }
}
