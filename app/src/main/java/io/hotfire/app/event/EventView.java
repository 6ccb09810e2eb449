package io.hotfire.app.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A diagnosis event as the API shows it. */
public record EventView(
        long id,
        UUID runId,
        double t,
        String type,
        String code,
        String severity,
        String sensor,
        List<String> rules,
        String message,
        JsonNode evidence,
        String ruleSetVersion,
        Instant createdAt) {
}
