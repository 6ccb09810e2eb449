package io.hotfire.app.note;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An engineer's free-text note on a run; written once, never changed. */
@Entity
@Table(name = "run_note")
public class NoteEntity {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(nullable = false, length = 4000)
    public String text;

    @Column(name = "run_time")
    public Double runTime;

    @Column(nullable = false, length = 255)
    public String author;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false, length = 200)
    public String model;

    @Column(name = "fallback_reason")
    public String fallbackReason;

    /** JSON array of the dropped candidates. */
    @Column(nullable = false)
    public String dropped;
}
