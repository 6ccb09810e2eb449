package io.hotfire.app.ingest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One stored frame: every channel's value at one instant in one row (see {@link FrameCodec}). */
@Entity
@Table(name = "run_frame")
@IdClass(FrameEntity.Key.class)
public class FrameEntity {

    @Id
    @Column(name = "run_id")
    public UUID runId;

    @Id
    public long seq;

    @Column(nullable = false)
    public double t;

    @Column(nullable = false)
    public byte[] vals;

    @Column(nullable = false)
    public byte[] dead;

    @Column(nullable = false)
    public long checksum;

    /** Primary key: run and sequence number. */
    public static class Key implements Serializable {
        public UUID runId;
        public long seq;

        public Key() {
        }

        public Key(UUID runId, long seq) {
            this.runId = runId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.runId, runId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(runId, seq);
        }
    }
}
