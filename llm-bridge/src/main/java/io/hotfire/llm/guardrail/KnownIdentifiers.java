package io.hotfire.llm.guardrail;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The identifiers the guardrails recognise as codes even when they are single words: the
 * domain's fault catalogue, its sensor ids and the recommendation codes. A text naming one of
 * them that the diagnosis does not contain is refused. (Any UPPER_SNAKE token and any rule id
 * is checked whether listed here or not.)
 *
 * @param faultCodes fault catalogue codes, sensor-fault codes included
 * @param sensorIds  the profile's sensor ids
 */
public record KnownIdentifiers(Set<String> faultCodes, Set<String> sensorIds) {

    /** Recommendation codes and their labels, as the rules emit them. */
    public static final List<String> RECOMMENDATIONS = List.of("CONTINUE", "HOLD_THROTTLE", "REDUCE_THROTTLE", "ABORT",
            "HOLD THROTTLE", "REDUCE THROTTLE");

    public KnownIdentifiers {
        faultCodes = Set.copyOf(faultCodes);
        sensorIds = Set.copyOf(sensorIds);
    }

    public static KnownIdentifiers none() {
        return new KnownIdentifiers(Set.of(), Set.of());
    }

    /** Every single-word identifier to watch for. */
    public Set<String> words() {
        Set<String> out = new HashSet<>(faultCodes);
        out.addAll(sensorIds);
        RECOMMENDATIONS.stream().filter(r -> !r.contains(" ")).forEach(out::add);
        return out;
    }
}
