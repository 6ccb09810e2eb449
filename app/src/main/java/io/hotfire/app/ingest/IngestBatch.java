package io.hotfire.app.ingest;

import io.hotfire.domain.telemetry.Frame;
import java.util.List;
import java.util.UUID;

/**
 * One batch of {@link Ingestion#ingest}'s arguments, for ingesting several runs' batches in one
 * transaction ({@link Ingestion#ingestTogether}).
 */
public record IngestBatch(UUID runId, List<Frame> frames, boolean numberAfterLast, BatchSource source) {
}
