package io.hotfire.app.note;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A note as the API shows it: the text, who wrote it, the model that coded it, the observations
 * with their current review status and what grounding dropped.
 */
public record NoteView(UUID id, UUID runId, String text, Double runTime, String author, Instant createdAt, String model,
                       String fallbackReason, List<ObservationView> observations, List<Map<String, Object>> dropped) {

    /** One observation. {@code quote} is the exact span: {@code text.substring(start, end)}. */
    public record ObservationView(UUID id, UUID noteId, String code, String description, Double time, String timeSource,
                                  String component, String sensor, boolean present, double confidence, Quote quote,
                                  List<Map<String, Object>> quantities, String model, String status, String decidedBy,
                                  Instant decidedAt, String comment) {
    }

    public record Quote(int start, int end, String text) {
    }
}
