package io.hotfire.pipeline;

import io.hotfire.domain.DataFileException;
import io.hotfire.domain.data.DataNode;
import io.hotfire.domain.profile.DomainCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 *   concurrentFaults: false    # true: while the rules see two faults at once (a process finding with a sensor they
 *                              #     doubt, or two distinct findings) the route is out of distribution, by construction,
 *                              #     when the learned parts were trained on one fault at a time (Route)
 *   evidence:                  # per fault code, the channels its own evidence is read on (default: none) ...
 *     VALVE_SLOW: [MOV_POS, MFV_POS, GGV_POS, GGV_CMD]
 *                              # ... an answer with such a list is advised only if, with these channels' inputs (and
 *                              #     those of the quantities derived from them) left out, the classifier would no
 *                              #     longer give it at the advice probability: the answer rests on the code's own
 *                              #     evidence, not on the rest of the pattern (a nominal unit at the family's edge
 *                              #     read as a slow valve while every valve tracks its command)
 * </pre>
 *
 * Raise {@code probability} until the advice precision measured by {@code hotfire evaluate} on a
 * labelled set not used for training is what the engineers accept; below it the hybrid abstains.
 * Whatever the settings, the inputs of a sensor the rules have disqualified or hold evidence of a
 * sensor fault against are left out before the answer is judged (Router).
 */
public record AdviceSettings(double probability, int windows, boolean leaveOneSensorOut, boolean withoutUnitOffsets,
                             boolean concurrentFaults, Map<String, List<String>> evidence) {

    public static final AdviceSettings DEFAULT = new AdviceSettings(0.6, 3, false, false, false, Map.of());

    public AdviceSettings(double probability, int windows, boolean leaveOneSensorOut, boolean withoutUnitOffsets,
                          boolean concurrentFaults) {
        this(probability, windows, leaveOneSensorOut, withoutUnitOffsets, concurrentFaults, Map.of());
    }

    public AdviceSettings(double probability, int windows, boolean leaveOneSensorOut, boolean withoutUnitOffsets) {
        this(probability, windows, leaveOneSensorOut, withoutUnitOffsets, false);
    }

    public AdviceSettings(double probability, int windows) {
        this(probability, windows, false, false);
    }


    public AdviceSettings {
        if (!(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("advice.probability must lie in (0, 1], got " + probability);
        }
        if (windows < 1) {
            throw new IllegalArgumentException("advice.windows must be at least 1, got " + windows);
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (evidence != null) {
            evidence.forEach((code, channels) -> {
                if (channels == null || channels.isEmpty()) {
                    throw new IllegalArgumentException("advice.evidence." + code + " must list at least one channel");
                }
                copy.put(code, List.copyOf(channels));
            });
        }
        evidence = java.util.Collections.unmodifiableMap(copy);
    }

    /** The domain's settings, or {@link #DEFAULT} when its learned.yaml has no {@code advice:} (or no learned.yaml). */
    public static AdviceSettings forDomain(DomainCatalog.Domain domain) {
        if (domain == null) {
            return DEFAULT;
        }
        java.util.Set<String> channels = new java.util.HashSet<>();
        domain.profile().sensors().forEach(s -> channels.add(s.id()));
        domain.profile().derived().forEach(d -> channels.add(d.id()));
        return read(domain.folder().resolve("learned.yaml"), channels);
    }

    /**
     * The {@code advice:} section of a domain's {@code learned.yaml}, read with domain-model's data
     * reader: a mistake is an {@link IllegalArgumentException} reading {@code file:line: advice.x: ...}.
     */
    static AdviceSettings read(Path file) {
        return read(file, null);
    }

    /** As {@link #read(Path)}; an evidence channel not among {@code channels} (the profile's sensors and derived quantities) is named. */
    static AdviceSettings read(Path file, java.util.Set<String> channels) {
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        try {
            DataNode root = DataNode.parseAny(file.toString(), Files.readAllBytes(file), DataNode.PLAIN);
            Optional<DataNode> a = root.isMissing() ? Optional.empty() : root.requireObject().opt("advice");
            if (a.isEmpty()) {
                return DEFAULT;
            }
            DataNode advice = a.get();
            if (!advice.isObject()) {
                throw advice.error("must be a mapping (probability, windows, leaveOneSensorOut, withoutUnitOffsets,"
                        + " concurrentFaults, evidence)");
            }
            advice.allowOnly("probability", "windows", "leaveOneSensorOut", "withoutUnitOffsets", "concurrentFaults", "evidence");
            double p = advice.number("probability", DEFAULT.probability());
            if (!(p > 0 && p <= 1)) {
                throw advice.error("probability", "must lie in (0, 1], got " + p);
            }
            int w = advice.intValue("windows", DEFAULT.windows());
            if (w < 1) {
                throw advice.error("windows", "must be at least 1, got " + w);
            }
            Map<String, List<String>> evidence = new LinkedHashMap<>();
            Optional<DataNode> ev = advice.opt("evidence");
            if (ev.isPresent()) {
                if (!ev.get().isObject()) {
                    throw ev.get().error("must be a mapping of fault code to the channels of its own evidence, got "
                            + ev.get().show());
                }
                ev.get().fields().forEach((code, list) -> {
                    if (!list.isList() || list.elements().isEmpty()) {
                        throw list.error("must be a non-empty list of channels, got " + list.show());
                    }
                    for (DataNode c : list.elements()) {
                        if (channels != null && !channels.contains(c.text())) {
                            throw c.error("is not a sensor or derived quantity of the profile: " + c.text());
                        }
                    }
                    evidence.put(code, list.texts());
                });
            }
            return new AdviceSettings(p, w, advice.bool("leaveOneSensorOut", DEFAULT.leaveOneSensorOut()),
                    advice.bool("withoutUnitOffsets", DEFAULT.withoutUnitOffsets()),
                    advice.bool("concurrentFaults", DEFAULT.concurrentFaults()), evidence);
        } catch (DataFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
