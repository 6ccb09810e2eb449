package io.hotfire.llm.guardrail;

/**
 * One thing a guardrail refused.
 *
 * @param kind   what sort of thing
 * @param found  the offending text as it stood in the answer
 * @param detail why it is refused, in words the retry prompt can quote
 */
public record Violation(Kind kind, String found, String detail) {

    /** What sort of thing was refused. */
    public enum Kind {
        /** A fault code the diagnosis does not contain. */
        FAULT_CODE,
        /** A sensor id the diagnosis does not contain. */
        SENSOR,
        /** A rule id the diagnosis does not contain. */
        RULE_ID,
        /** A recommendation (ABORT, REDUCE THROTTLE, ...) the diagnosis does not contain. */
        RECOMMENDATION,
        /** Another code-like identifier the diagnosis does not contain. */
        IDENTIFIER,
        /** A number that matches no value of the diagnosis. */
        NUMBER,
        /** Out of distribution: speculation beyond the rule trace. */
        SPECULATION,
        /** Out of distribution: the text does not say it rests on the rules. */
        MISSING_RULE_TRACE,
        /** A hypothesis code outside the fault catalogue. */
        NOT_IN_CATALOGUE,
        /** A confidence outside 0..1. */
        CONFIDENCE,
        /** More hypotheses than allowed, or a required field missing. */
        SHAPE,
        /** A claim cites no event, or an id the diagnosis does not have. */
        CITATION,
        /** A fault named in words that no cited finding's code or ambiguity group is about. */
        FAULT_NAME,
        /** An observation (vocabulary synonym) described that no cited event observed or is about. */
        OBSERVATION,
        /** A component named that no cited finding or sensor is about. */
        COMPONENT,
        /** An action word that is not the rules' recommendation in force at the cited time. */
        ACTION,
        /** A severity word that no cited event has. */
        SEVERITY,
        /** A number with a unit that matches no cited value of that quantity. */
        QUANTITY,
        /** A time (T+...) that no cited event has. */
        TIME,
        /** Learned advice presented as a rule conclusion, or restated out of distribution. */
        ADVICE_AS_RULE,
        /** Text telling anyone to set the rules aside. */
        DEFIANCE
    }

    /** One line for logs and retry prompts. */
    public String describe() {
        return kind + " '" + found + "': " + detail;
    }
}
