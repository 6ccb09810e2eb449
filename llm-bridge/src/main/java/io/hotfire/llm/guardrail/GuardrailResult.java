package io.hotfire.llm.guardrail;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What a guardrail made of one answer.
 *
 * @param guardrail  which guardrail ran
 * @param violations what it refused; empty when the answer passed
 */
public record GuardrailResult(String guardrail, List<Violation> violations) {

    public GuardrailResult {
        violations = List.copyOf(violations);
    }

    public static GuardrailResult pass(String guardrail) {
        return new GuardrailResult(guardrail, List.of());
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** The combined result of several guardrails over the same answer. */
    public GuardrailResult and(GuardrailResult other) {
        List<Violation> all = new java.util.ArrayList<>(violations);
        other.violations.stream().filter(v -> !all.contains(v)).forEach(all::add);
        return new GuardrailResult(guardrail + "+" + other.guardrail, all);
    }

    public List<String> lines() {
        return violations.stream().map(Violation::describe).toList();
    }

    /** The violations as one sentence for a retry prompt. */
    public String describe() {
        return violations.stream().map(Violation::describe).collect(Collectors.joining("; "));
    }
}
