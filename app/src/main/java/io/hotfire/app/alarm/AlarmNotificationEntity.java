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

/** An entry of the notification feed: an alarm raised or escalated. */
@Entity
@Table(name = "alarm_notification")
public class AlarmNotificationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alarm_id", nullable = false)
    public long alarmId;

    @Column(name = "run_id")
    public UUID runId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public AlarmLifecycle.Notice reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public Severity severity;

    @Column(nullable = false)
    public double t;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
