package io.hotfire.app.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event of a monitor-only version on a live run, kept apart from the run's events (V15). */
@Entity
@Table(name = "knowledge_monitor_event")
public class MonitorEventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(nullable = false, length = 64)
    public String domain;

    @Column(name = "version_no", nullable = false)
    public int versionNo;

    @Column(name = "rule_set_version", nullable = false, length = 100)
    public String ruleSetVersion;

    @Column(nullable = false)
    public double t;

    @Column(nullable = false, length = 32)
    public String type;

    @Column(nullable = false, length = 100)
    public String code;

    @Column(nullable = false, length = 16)
    public String severity;

    @Column(length = 64)
    public String sensor;

    @Column(nullable = false, length = 2000)
    public String message;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
