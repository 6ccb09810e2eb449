package io.hotfire.app.ingest;

import java.util.UUID;

/**
 * What a telemetry batch did.
 *
 * @param accepted   new frames stored
 * @param duplicates frames identical to already stored ones (resends), not stored again
 * @param lastSeq    the run's highest stored seq after the batch
 * @param frameCount frames the run holds after the batch
 * @param events     diagnosis events the new frames produced
 */
public record IngestResult(UUID runId, int accepted, int duplicates, Long lastSeq, long frameCount, int events) {
}
