package io.hotfire.app.event;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored diagnosis event; written once, never updated. */
@Entity
@Table(name = "run_event")
public class EventEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

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

    /** JSON array of rule ids. */
    @Column(nullable = false)
    public String rules;

    @Column(nullable = false)
    public String message;

    /** JSON object of evidence values. */
    @Column(nullable = false)
    public String evidence;

    @Column(name = "rule_set_version", nullable = false, length = 128)
    public String ruleSetVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
