package io.hotfire.llm.call;

/** What an LLM call was for. */
public enum Purpose {
    /** Free-text note → observations. */
    INTAKE,
    /** Diagnosis → plain-language explanation. */
    EXPLANATION,
    /** Diagnosis → advisory hypotheses (in distribution only). */
    HYPOTHESES
}
