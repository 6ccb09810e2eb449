package io.hotfire.llm.intake;

/**
 * A candidate observation that grounding refused.
 *
 * @param code   the code the model proposed
 * @param quote  the quote the model proposed
 * @param reason why it was dropped (code not in the vocabulary, quote not in the note, ...)
 * @param model  the model that proposed it
 */
public record DroppedObservation(String code, String quote, String reason, String model) {
}
