package io.hotfire.app.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One audit record; inserted once by {@link AuditLog}, never updated (see V4__create_audit_record.sql). */
@Entity
@Table(name = "audit_record")
public class AuditRecordEntity {

    @Id
    public long seq;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "actor_subject", nullable = false)
    public String actorSubject;

    @Column(name = "actor_name")
    public String actorName;

    @Column(name = "actor_client")
    public String actorClient;

    @Column(nullable = false, length = 64)
    public String action;

    @Column(nullable = false)
    public String target;

    @Column(name = "run_id")
    public UUID runId;

    @Column(length = 64)
    public String route;

    @Column(nullable = false, length = 1000)
    public String summary;

    @Column(nullable = false)
    public String payload;

    @Column(name = "prev_hash", nullable = false, length = 64)
    public String prevHash;

    @Column(nullable = false, length = 64)
    public String hash;
}
