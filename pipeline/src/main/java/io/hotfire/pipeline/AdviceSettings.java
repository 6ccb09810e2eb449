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
 * </pre>
 *
 * Raise {@code probability} until the advice precision measured by {@code hotfire evaluate} on a
 * labelled set not used for training is what the engineers accept; below it the hybrid abstains.
 */
public record AdviceSettings(double probability, int windows) {

    public static final AdviceSettings DEFAULT = new AdviceSettings(0.6, 3);

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
            throw new IllegalArgumentException(file + ": advice: must be a mapping (probability, windows)");
        }
        a.fieldNames().forEachRemaining(f -> {
            if (!Set.of("probability", "windows").contains(f)) {
                throw new IllegalArgumentException(file + ": advice." + f + ": unknown key; use probability or windows");
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
        try {
            return new AdviceSettings(p == null ? DEFAULT.probability() : p.asDouble(), w == null ? DEFAULT.windows() : w.asInt());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
