package io.hotfire.rules.fact;

import io.hotfire.domain.event.Severity;
import java.util.List;

/**
 * A diagnosis: a fault code from the catalogue (or an ambiguity group of codes the evidence cannot
 * separate), its severity and the evidence facts it rests on (deviations, breaches, checks).
 * Inserted logically by fault-isolation rules.
 *
 * @param code     the fault code, or for a group the member codes joined by {@code |}
 * @param members  the codes this finding stands for (one for a plain finding)
 * @param sensor   the channel it is chiefly about, or null
 * @param evidence the facts that support it, for the evidence list and the rule trace
 */
public record Finding(String code, Severity severity, List<String> members, String sensor, String message,
                      List<Object> evidence) {

    public Finding {
        members = List.copyOf(members);
        evidence = List.copyOf(evidence);
    }

    /** A finding for one fault code. */
    public static Finding of(String code, Severity severity, String sensor, String message, Object... evidence) {
        return new Finding(code, severity, List.of(code), sensor, message, List.of(evidence));
    }

    /** An ambiguity group: the evidence fits every member and separates none. */
    public static Finding group(List<String> members, Severity severity, String message, Object... evidence) {
        return new Finding(String.join("|", members), severity, members, null, message, List.of(evidence));
    }

    public boolean isGroup() {
        return members.size() > 1;
    }
}
