package io.hotfire.learned.feature;

import io.hotfire.domain.data.DataNode;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.learned.classify.Prediction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the fields of {@value FeatureSpec#FILE_NAME} that are more than a number: feature lists and abstention classes. */
final class FeatureSpecFields {

    private FeatureSpecFields() {
    }

    /** {@code {INSTRUMENT: [SENSOR_*]}}: abstention class → code patterns (exact, or a prefix ending in {@code *}). */
    static Map<String, List<String>> abstain(DataNode n) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (n.isMissing()) {
            return out;
        }
        n.requireObject();
        Map<String, String> owner = new HashMap<>();
        for (String name : n.fieldNames()) {
            DataNode list = n.field(name);
            if (!name.matches("[A-Z][A-Z0-9_]*")) {
                throw list.error("abstention class names are upper-case codes (A-Z, 0-9, _), got '" + name + "'");
            }
            if (name.equals(Prediction.NOMINAL)) {
                throw list.error(Prediction.NOMINAL + " is the class of fault-free windows, not an abstention class");
            }
            List<String> patterns = new ArrayList<>();
            for (DataNode item : list.elements()) {
                String pattern = item.text();
                String stem = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
                if (!stem.matches("[A-Z][A-Z0-9_]*")) {
                    throw item.error("a code, or a code prefix ending in '*' (SENSOR_*), got '" + pattern + "'");
                }
                if (stem.equals(Prediction.NOMINAL)) {
                    throw item.error(Prediction.NOMINAL + " windows cannot train an abstention class");
                }
                String before = owner.put(pattern, name);
                if (before != null) {
                    throw item.error("'" + pattern + "' is given twice (" + before + ", " + name + ")");
                }
                patterns.add(pattern);
            }
            if (patterns.isEmpty()) {
                throw list.error("names no code: give the codes whose windows train " + name);
            }
            out.put(name, patterns);
        }
        return out;
    }

    static void positive(DataNode n, int v) {
        if (v < 1) {
            throw n.error("must be at least 1, got " + v);
        }
    }

    /** {@code {relMean: [A, B], noiseStd: [C]}}: statistic → channels, in file order. */
    static List<Feature> features(DataNode n, EngineProfile profile, boolean sensorsOnly) {
        Set<String> sensors = new HashSet<>();
        Set<String> derived = new HashSet<>();
        Set<String> signals = new HashSet<>();
        if (profile != null) {
            sensors.addAll(profile.sensorIds());
            profile.derived().forEach(d -> derived.add(d.id()));
            signals.addAll(profile.signals().names());
        }
        List<Feature> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String stat : n.fieldNames()) {
            DataNode list = n.field(stat);
            Statistic s;
            try {
                s = Statistic.parse(stat);
            } catch (IllegalArgumentException e) {
                throw list.error(e.getMessage());
            }
            List<DataNode> items = list.elements();
            for (DataNode item : items) {
                String ch = item.text();
                if (profile == null) {
                    // A model file's spec: it was checked against the profile when the model was trained.
                } else if (s == Statistic.SIGNAL) {
                    if (!signals.contains(ch)) {
                        throw item.error("unknown signal feature '" + ch + "': the profile's signals: section of " + profile.id()
                                + (signals.isEmpty() ? " asks for none" : " gives " + new java.util.TreeSet<>(signals)));
                    }
                } else if (!sensors.contains(ch) && !derived.contains(ch)) {
                    throw item.error("unknown channel '" + ch + "': profile " + profile.id() + " has no such sensor or derived quantity");
                } else if (sensorsOnly && !sensors.contains(ch)) {
                    throw item.error("'" + ch + "' is a derived quantity; the gate takes sensors only, so that leaving"
                            + " out one failed sensor leaves out all it moves");
                }
                Feature f = new Feature(ch, s);
                if (!seen.add(f.name())) {
                    throw item.error("duplicate feature " + f.name());
                }
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            throw n.error("names no feature");
        }
        return out;
    }
}
