package io.hotfire.app.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where and how often the audit chain head is checkpointed ({@link AuditCheckpoints}; app/README.md "Audit checkpoints"). */
@ConfigMapping(prefix = "hotfire.audit.checkpoint")
public interface CheckpointConfig {

    /** The append-only checkpoint file; default beside a file H2 database, else under data/. */
    Optional<String> file();

    /** HMAC key; default a random key generated into {@code <file>.key} on first start. */
    Optional<String> secret();

    /** At most one checkpoint per interval (and one at shutdown). */
    @WithDefault("1s")
    Duration interval();

    /** A checkpoint is logged at INFO at most this often (and at shutdown). */
    @WithDefault("60s")
    Duration logInterval();
}
