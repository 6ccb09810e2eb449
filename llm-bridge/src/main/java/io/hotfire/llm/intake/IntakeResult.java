package io.hotfire.llm.intake;

import io.hotfire.llm.call.LlmCallRecord;
import java.util.List;

/**
 * What intake made of one note.
 *
 * @param observations   accepted observations, each grounded in the note
 * @param dropped        candidates refused by grounding, with reasons
 * @param model          the model that produced the accepted observations
 * @param fallbackReason why the offline extractor answered instead of the LLM, or null
 * @param calls          the LLM calls made for this note (also sent to the audit sink)
 */
public record IntakeResult(
        List<Observation> observations,
        List<DroppedObservation> dropped,
        String model,
        String fallbackReason,
        List<LlmCallRecord> calls) {

    public IntakeResult {
        observations = List.copyOf(observations);
        dropped = List.copyOf(dropped);
        calls = List.copyOf(calls);
    }

    public boolean fellBack() {
        return fallbackReason != null;
    }
}
