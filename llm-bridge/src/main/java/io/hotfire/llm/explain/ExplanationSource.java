package io.hotfire.llm.explain;

/** Who wrote an explanation. */
public enum ExplanationSource {
    /** The template over the rule trace (offline, or as the fallback). */
    TEMPLATE,
    /** The LLM, after its text passed the guardrails. */
    LLM
}
