package io.hotfire.app.ingest;

import io.hotfire.app.event.EventEntity;
import io.hotfire.domain.telemetry.Frame;
import java.util.List;
import java.util.UUID;

/**
 * Fired (CDI) by {@link Ingestion} for every batch that stored new frames. Observers that publish
 * to the outside world (the console's live stream) observe it with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}, so they see only committed data.
 *
 * @param frames the newly stored frames, in seq order
 * @param events the event rows stored with them (ids assigned)
 */
public record BatchStored(UUID runId, List<Frame> frames, List<EventEntity> events) {
}
