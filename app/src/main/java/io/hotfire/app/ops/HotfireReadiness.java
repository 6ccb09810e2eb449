package io.hotfire.app.ops;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.telemetry.RunMonitors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when at least one engine domain is loaded (the database and, when enabled, the Kafka
 * consumer have their own checks from their extensions).
 */
@Readiness
@ApplicationScoped
public class HotfireReadiness implements HealthCheck {

    @Inject
    Engines engines;

    @Inject
    RunMonitors monitors;

    @ConfigProperty(name = "hotfire.kafka.enabled", defaultValue = "false")
    boolean kafka;

    @Override
    public HealthCheckResponse call() {
        var ids = engines.ids();
        return HealthCheckResponse.named("hotfire")
                .status(!ids.isEmpty())
                .withData("engines", String.join(",", ids))
                .withData("activeRunMonitors", monitors.size())
                .withData("kafkaIngestion", kafka)
                .build();
    }
}
