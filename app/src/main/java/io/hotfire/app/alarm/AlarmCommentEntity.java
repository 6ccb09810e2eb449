package io.hotfire.app.alarm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An operator's comment on an alarm. */
@Entity
@Table(name = "alarm_comment")
public class AlarmCommentEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "alarm_id", nullable = false)
    public long alarmId;

    @Column(nullable = false)
    public String author;

    @Column(nullable = false, length = 2000)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
