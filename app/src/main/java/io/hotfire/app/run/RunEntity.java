package io.hotfire.app.run;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A stored run; {@code lastSeq} and {@code frameCount} move forward as frames are ingested. */
@Entity
@Table(name = "run")
public class RunEntity {

    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String engine;

    @Column(name = "test_id", length = 200)
    public String testId;

    /** Client metadata, a JSON object. */
    @Column(nullable = false)
    public String metadata;

    /** Profile sensor ids in stored value order, comma-separated. */
    @Column(nullable = false)
    public String channels;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "frame_count", nullable = false)
    public long frameCount;

    @Column(name = "last_seq")
    public Long lastSeq;

    @Column(name = "last_t")
    public Double lastT;

    /** Serial of the engine unit fired, or null: "unit unknown". */
    @Column(name = "unit_serial", length = 64)
    public String unitSerial;

    @Column(length = 64)
    public String stand;

    /** When the run was ended (its indicators computed), or null while in progress. */
    @Column(name = "ended_at")
    public Instant endedAt;
}
