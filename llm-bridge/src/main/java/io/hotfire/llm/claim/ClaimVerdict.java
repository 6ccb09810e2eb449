package io.hotfire.llm.claim;

import io.hotfire.llm.guardrail.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the checker made of one claim.
 *
 * @param index      the claim's position in the answer, from 1
 * @param claim      the claim
 * @param violations why it was refused; empty when accepted
 */
public record ClaimVerdict(int index, Claim claim, List<Violation> violations) {

    public ClaimVerdict {
        violations = List.copyOf(violations);
    }

    public boolean accepted() {
        return violations.isEmpty();
    }

    /** "claim 2: ACTION 'abort': ..." for retry prompts and the audit log. */
    public String describe() {
        return "claim " + index + ": " + violations.stream().map(Violation::describe).collect(Collectors.joining("; "));
    }

    /** The kinds of failure only, for users: no text the model wrote. */
    public String kinds() {
        return "claim " + index + " dropped (" + violations.stream().map(v -> v.kind().name()).distinct()
                .collect(Collectors.joining(", ")) + ")";
    }
}
