package io.hotfire.app.note;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A controlled observation taken from a note; only its review status changes. */
@Entity
@Table(name = "run_observation")
public class ObservationEntity {

    @Id
    public UUID id;

    @Column(name = "note_id", nullable = false)
    public UUID noteId;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 100)
    public String code;

    @Column(name = "obs_time")
    public Double time;

    @Column(name = "time_source", nullable = false, length = 32)
    public String timeSource;

    @Column(length = 200)
    public String component;

    @Column(length = 64)
    public String sensor;

    @Column(nullable = false)
    public boolean present;

    @Column(nullable = false)
    public double confidence;

    @Column(name = "quote_start", nullable = false)
    public int quoteStart;

    @Column(name = "quote_end", nullable = false)
    public int quoteEnd;

    @Column(name = "quote_text", nullable = false, length = 4000)
    public String quoteText;

    /** JSON array of quantities. */
    @Column(nullable = false)
    public String quantities;

    @Column(nullable = false, length = 200)
    public String model;

    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "decided_by", length = 255)
    public String decidedBy;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decision_comment", length = 1000)
    public String decisionComment;
}
