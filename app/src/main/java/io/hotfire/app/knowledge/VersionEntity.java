package io.hotfire.app.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One activated version of a domain's knowledge (V15 knowledge_version); the highest number is active. */
@Entity
@Table(name = "knowledge_version")
public class VersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 64)
    public String domain;

    @Column(name = "version_no", nullable = false)
    public int versionNo;

    @Column(name = "proposal_id", nullable = false)
    public UUID proposalId;

    @Column(nullable = false, length = 16)
    public String kind;

    /** ACTIVE or MONITOR. */
    @Column(nullable = false, length = 16)
    public String mode;

    @Column(nullable = false)
    public String content;

    @Column(name = "content_digest", nullable = false, length = 64)
    public String contentDigest;

    @Column(name = "rule_set_version", nullable = false, length = 100)
    public String ruleSetVersion;

    @Column(name = "activated_by", nullable = false)
    public String activatedBy;

    @Column(name = "activated_at", nullable = false)
    public Instant activatedAt;

    @Column(name = "effective_at", nullable = false)
    public Instant effectiveAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "ended_by")
    public String endedBy;
}
