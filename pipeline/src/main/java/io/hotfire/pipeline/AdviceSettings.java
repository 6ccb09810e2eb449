package io.hotfire.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hotfire.domain.profile.DomainCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * When the learned pattern model's answer is worth showing, per domain, from the {@code advice:}
 * section of {@code domains/<id>/learned.yaml}:
 *
 * <pre>
 * advice:
 *   probability: 0.6   # the class probability a window's best code must reach ...
 *   windows: 3         # ... in this many consecutive windows before it is advised (and before the
 *                      #     hybrid's verdict may take it, in distribution, where the rules are silent)
 *   leaveOneSensorOut: false   # true: the answer must also stay the best class with any one sensor's
 *                              #     inputs (and the derived quantities computed from it) left out
 *   withoutUnitOffsets: false  # true: nothing is advised before the gate's unit baseline is fixed, and the
 *                              #     answer must also stay the best class with the unit's own offsets (bounded by
 *                              #     the family) taken off the classifier's inputs: an answer the unit carries is
 *                              #     this engine unit, not a fault; a code the classifier already named (p ≥ 0.5)
 *                              #     while the baseline was being learned is this unit's look: never advised in the run
 * </pre>
 *
 * Raise {@code probability} until the advice precision measured by {@code hotfire evaluate} on a
 * labelled set not used for training is what the engineers accept; below it the hybrid abstains.
 * Whatever the settings, the inputs of a sensor the rules have disqualified or hold evidence of a
 * sensor fault against are left out before the answer is judged (Router).
 */
public record AdviceSettings(double probability, int windows, boolean leaveOneSensorOut, boolean withoutUnitOffsets) {

    public static final AdviceSettings DEFAULT = new AdviceSettings(0.6, 3, false, false);

    public AdviceSettings(double probability, int windows) {
        this(probability, windows, false, false);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public AdviceSettings {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("advice.probability must lie in (0, 1], got " + probability);
        }
        if (windows < 1) {
            throw new IllegalArgumentException("advice.windows must be at least 1, got " + windows);
        }
    }

    /** The domain's settings, or {@link #DEFAULT} when its learned.yaml has no {@code advice:} (or no learned.yaml). */
    public static AdviceSettings forDomain(DomainCatalog.Domain domain) {
        return domain == null ? DEFAULT : read(domain.folder().resolve("learned.yaml"));
    }

    static AdviceSettings read(Path file) {
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML (" + e.getMessage() + ")", e);
        }
        JsonNode a = root == null ? null : root.get("advice");
        if (a == null || a.isNull()) {
            return DEFAULT;
        }
        if (!a.isObject()) {
            throw new IllegalArgumentException(file + ": advice: must be a mapping (probability, windows, leaveOneSensorOut, withoutUnitOffsets)");
        }
        a.fieldNames().forEachRemaining(f -> {
            if (!Set.of("probability", "windows", "leaveOneSensorOut", "withoutUnitOffsets").contains(f)) {
                throw new IllegalArgumentException(file + ": advice." + f
                        + ": unknown key; use probability, windows, leaveOneSensorOut or withoutUnitOffsets");
            }
        });
        JsonNode p = a.get("probability");
        JsonNode w = a.get("windows");
        if (p != null && !p.isNumber()) {
            throw new IllegalArgumentException(file + ": advice.probability: must be a number, got " + p);
        }
        if (w != null && !w.isIntegralNumber()) {
            throw new IllegalArgumentException(file + ": advice.windows: must be a whole number, got " + w);
        }
        JsonNode l = a.get("leaveOneSensorOut");
        if (l != null && !l.isBoolean()) {
            throw new IllegalArgumentException(file + ": advice.leaveOneSensorOut: must be true or false, got " + l);
        }
        JsonNode u = a.get("withoutUnitOffsets");
        if (u != null && !u.isBoolean()) {
            throw new IllegalArgumentException(file + ": advice.withoutUnitOffsets: must be true or false, got " + u);
        }
        try {
            return new AdviceSettings(p == null ? DEFAULT.probability() : p.asDouble(), w == null ? DEFAULT.windows() : w.asInt(),
                    l == null ? DEFAULT.leaveOneSensorOut() : l.asBoolean(),
                    u == null ? DEFAULT.withoutUnitOffsets() : u.asBoolean());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
