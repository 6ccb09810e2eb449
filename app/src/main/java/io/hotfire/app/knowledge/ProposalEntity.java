package io.hotfire.app.knowledge;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A proposed change to a domain's knowledge (V15 knowledge_proposal). */
@Entity
@Table(name = "knowledge_proposal")
public class ProposalEntity {

    @Id
    public UUID id;

    @Column(nullable = false, length = 64)
    public String domain;

    @Column(nullable = false, length = 16)
    public String kind;

    @Column(name = "base_version", nullable = false)
    public int baseVersion;

    @Column(name = "target_version")
    public Integer targetVersion;

    @Column(nullable = false)
    public String author;

    @Column(nullable = false, length = 2000)
    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public String files;

    @Column(nullable = false)
    public String content;

    @Column(name = "content_digest", nullable = false, length = 64)
    public String contentDigest;

    @Column(name = "rule_set_version", nullable = false, length = 100)
    public String ruleSetVersion;

    @Column(nullable = false, length = 16)
    public String status;

    @Column(name = "shadow_selection")
    public String shadowSelection;

    @Column(name = "shadow_total", nullable = false)
    public int shadowTotal;

    @Column(name = "shadow_done", nullable = false)
    public int shadowDone;

    @Column(name = "shadow_result")
    public String shadowResult;

    @Column(name = "shadow_digest", length = 64)
    public String shadowDigest;

    @Column(name = "shadow_error", length = 2000)
    public String shadowError;

    @Column(name = "shadow_started")
    public Instant shadowStarted;

    @Column(name = "shadow_finished")
    public Instant shadowFinished;

    public String reviewer;

    @Column(name = "review_comment", length = 2000)
    public String reviewComment;

    @Column(name = "reviewed_at")
    public Instant reviewedAt;

    @Column(name = "activated_version")
    public Integer activatedVersion;

    @Version
    @Column(name = "lock_version", nullable = false)
    public long lockVersion;
}
