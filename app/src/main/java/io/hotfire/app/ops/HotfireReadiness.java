package io.hotfire.app.ops;

import io.hotfire.app.audit.AuditCheckpoints;
import io.hotfire.app.domain.Engines;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when at least one engine domain is loaded and the audit chain still holds its newest
 * checkpoint ({@link AuditCheckpoints}: one primary-key lookup per probe); the database and, when
 * enabled, the Kafka consumer have their own checks from their extensions. A broken chain is DOWN
 * with {@code auditChain} saying why.
 */
@Readiness
@ApplicationScoped
public class HotfireReadiness implements HealthCheck {

    @Inject
    Engines engines;

    @Inject
    ActiveMonitors monitors;

    @Inject
    AuditCheckpoints checkpoints;

    @ConfigProperty(name = "hotfire.kafka.enabled", defaultValue = "false")
    boolean kafka;

    @Override
    public HealthCheckResponse call() {
        var ids = engines.ids();
        AuditCheckpoints.Checkpoint latest = checkpoints.latest();
        if (latest != null && checkpoints.broken() == null) {
            checkpoints.check(latest);
        }
        String broken = checkpoints.broken();
        return HealthCheckResponse.named("hotfire")
                .status(!ids.isEmpty() && broken == null)
                .withData("auditChain", broken == null ? "ok" : "broken: " + broken)
                .withData("auditCheckpoint", latest == null ? "none yet" : "seq " + latest.seq() + " at " + latest.at())
                .withData("engines", String.join(",", ids))
                .withData("activeRunMonitors", monitors.size())
                .withData("kafkaIngestion", kafka)
                .build();
    }
}
