package io.hotfire.app.alarm;

import io.hotfire.domain.event.Severity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One alarm per condition of a run (see V5__create_alarm.sql, V10); changed by the diagnosis and by operators. */
@Entity
@Table(name = "alarm")
public class AlarmEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "alarm_key", nullable = false, length = 200)
    public String alarmKey;

    @Column(nullable = false, length = 16)
    public String source;

    @Column(nullable = false, length = 100)
    public String code;

    @Column(length = 64)
    public String sensor;

    @Column(nullable = false)
    public String message;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(name = "notified_severity", nullable = false, length = 16)
    public Severity notifiedSeverity;

    @Column(nullable = false)
    public boolean latching;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    public AlarmState state;

    @Column(name = "condition_active", nullable = false)
    public boolean conditionActive;

    @Column(nullable = false)
    public int occurrences;

    @Column(name = "raised_t", nullable = false)
    public double raisedT;

    @Column(name = "last_t", nullable = false)
    public double lastT;

    @Column(name = "cleared_t")
    public Double clearedT;

    @Column(name = "last_event_id")
    public Long lastEventId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "acked_by")
    public String ackedBy;

    @Column(name = "acked_at")
    public Instant ackedAt;

    @Column(nullable = false)
    public boolean shelved;

    @Column(name = "shelved_by")
    public String shelvedBy;

    @Column(name = "shelved_at")
    public Instant shelvedAt;

    @Column(name = "shelved_until")
    public Instant shelvedUntil;

    @Column(name = "shelve_reason", length = 500)
    public String shelveReason;

    @Column
    public String assignee;

    @Column(name = "assigned_by")
    public String assignedBy;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** JSON array of strings. */
    @Column(nullable = false)
    public String tags;

    /** The evidence keys holding the condition now, with their severities (JSON object, see V10). */
    @Column(nullable = false, length = 2000)
    public String members;

    /** The first alarm raised in its run. */
    @Column(name = "first_out", nullable = false)
    public boolean firstOut;

    AlarmStatus status() {
        return new AlarmStatus(state, conditionActive, severity, notifiedSeverity, latching, occurrences);
    }

    void apply(AlarmStatus s) {
        state = s.state();
        conditionActive = s.conditionActive();
        severity = s.severity();
        notifiedSeverity = s.notifiedSeverity();
        latching = s.latching();
        occurrences = s.occurrences();
    }

    boolean shelvedAt(Instant now) {
        return Shelf.active(shelved, shelvedUntil, now);
    }

    void unshelve() {
        shelved = false;
        shelvedBy = null;
        shelvedAt = null;
        shelvedUntil = null;
        shelveReason = null;
    }
}
