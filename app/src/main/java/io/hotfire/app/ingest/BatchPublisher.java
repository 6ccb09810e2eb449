package io.hotfire.app.ingest;

import io.hotfire.app.event.EventEntity;
import io.hotfire.app.ops.OpsMetrics;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.telemetry.Frame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * The one place a stored batch is announced from: its metrics (counted by {@link OpsMetrics} only if
 * the transaction commits) and the {@link BatchStored} CDI event, which observers take
 * {@code during = AFTER_SUCCESS} (the console's live stream): nothing is announced of a batch that
 * rolls back.
 */
@ApplicationScoped
public class BatchPublisher {

    @Inject
    OpsMetrics ops;

    @Inject
    jakarta.enterprise.event.Event<BatchStored> batchStored;

    void stored(UUID runId, String format, int channels, List<Frame> fresh, List<Event> concluded, List<EventEntity> rows,
            long diagnosisNanos) {
        ops.batch(runId, format, fresh.size(), channels, concluded, diagnosisNanos);
        batchStored.fire(new BatchStored(runId, fresh, rows));
    }
}
