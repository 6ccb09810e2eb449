package io.hotfire.llm.call;

/** What became of one LLM call's answer. */
public enum CallOutcome {
    /** Parsed and passed every guardrail; its content was used. */
    ACCEPTED,
    /** Parsed; some items were dropped by grounding (intake) but the rest was used. */
    ACCEPTED_WITH_DROPS,
    /** Not the JSON asked for. */
    MALFORMED,
    /** Parsed but a guardrail rejected it (violations named in the record). */
    REJECTED_BY_GUARDRAIL,
    /** The provider failed (HTTP error, connection refused, ...). */
    PROVIDER_ERROR,
    /** The caller's timeout passed before the answer; the answer, if any, was not used. */
    TIMED_OUT
}
