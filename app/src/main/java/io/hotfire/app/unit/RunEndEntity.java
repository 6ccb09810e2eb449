package io.hotfire.app.unit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The end of a run: what it used of its unit's life, its indicators and the trend findings at it. */
@Entity
@Table(name = "run_end")
public class RunEndEntity {

    @Id
    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "ended_at", nullable = false)
    public Instant endedAt;

    @Column(name = "ended_by", nullable = false)
    public String endedBy;

    @Column(nullable = false)
    public int starts;

    @Column(name = "firing_seconds", nullable = false)
    public double firingSeconds;

    /** JSON array of indicator values. */
    @Column(nullable = false)
    public String indicators;

    /** JSON array of trend findings. */
    @Column(nullable = false)
    public String trends;

    @Column(name = "units_hash", nullable = false, length = 64)
    public String unitsHash;

    @Column(name = "trend_version", nullable = false, length = 64)
    public String trendVersion;
}
