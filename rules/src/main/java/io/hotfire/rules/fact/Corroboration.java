package io.hotfire.rules.fact;

import io.hotfire.domain.observation.ObservationFact;
import java.util.Objects;

/**
 * An accepted observation that corroborates a standing finding (inserted logically by the domain's
 * observation rules). It adds the observation to the finding's evidence and rule trace; it never
 * changes the finding's severity, and without the finding it does not exist.
 *
 * @param finding     the finding's code (for a group, the group's {@code A|B} code)
 * @param observation the observation that supports it
 */
public record Corroboration(String finding, ObservationFact observation) {

    public Corroboration {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(observation, "observation");
    }
}
