package io.hotfire.llm.hypothesis;

/**
 * An advisory hypothesis: a catalogue fault code the LLM thinks worth checking, with its
 * reason. Shown apart from the rule findings; it has no severity and no recommendation, and
 * nothing downstream may derive either from it.
 *
 * @param code       a fault catalogue code
 * @param reason     why, citing the diagnosis's evidence
 * @param confidence 0..1, the model's own
 * @param model      the model that offered it
 */
public record Hypothesis(String code, String reason, double confidence, String model) {
}
