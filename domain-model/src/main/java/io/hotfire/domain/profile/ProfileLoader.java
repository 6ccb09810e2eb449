package io.hotfire.domain.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hotfire.domain.Hashing;
import io.hotfire.domain.data.DataNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates an engine profile (YAML or JSON) with domain-model's one data reader
 * ({@link DataNode}). Every problem names the file, the line, the field
 * path (e.g. {@code sensors[3].limits.redHigh}) and the offending value, and fails before the
 * profile is used. Fields are read through one typed reader ({@link ProfileFields}); the sensors,
 * {@code symptoms:}, {@code csv:} and {@code signals:} sections each have their own reader.
 */
public final class ProfileLoader {

    private final ProfileFields fields;
    private final SensorSection sensorSection;
    private final String hash;

    private ProfileLoader(DataNode root, String hash) {
        this.fields = new ProfileFields(root);
        this.sensorSection = new SensorSection(fields);
        this.hash = hash;
    }

    public static EngineProfile load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProfileException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    public static EngineProfile parse(String fileName, byte[] bytes) {
        DataNode root = DataNode.parse(fileName, bytes, ProfileException::new);
        return new ProfileLoader(root, Hashing.sha256Hex(bytes)).profile(root.json());
    }

    /** The whole profile, its sections read by the section readers and cross-checked once all are known. */
    private EngineProfile profile(JsonNode root) {
        String id = fields.text(root, "", "id");
        if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
            throw fields.error("id", "must be lower-case letters, digits, '-' or '_', got '" + id + "'");
        }
        String name = fields.optText(root, "", "name", id);
        String description = fields.optText(root, "", "description", "");
        double rate = fields.positive(root, "", "sampleRateHz");

        // throttle: optional. Without it θ = 1 whenever the machine runs (a rig with no power level).
        JsonNode th = root.get("throttle");
        String throttleChannel = null;
        double scale = 1.0;
        Range qualified = null;
        if (th != null && !th.isNull()) {
            throttleChannel = fields.text(th, "throttle", "channel");
            scale = fields.positive(th, "throttle", "scale");
            qualified = fields.range(th.get("qualified"), "throttle.qualified");
        }

        Map<String, Range> qualifiedRanges = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields.entries(root, "", "qualifiedRanges", "sensor → [low, high]")) {
            qualifiedRanges.put(e.getKey(), fields.range(e.getValue(), "qualifiedRanges." + e.getKey()));
        }

        // phase: optional; without a runningChannel the machine runs from a run's first sample.
        JsonNode ph = root.get("phase");
        PhaseConfig phase;
        if (ph == null || ph.isNull()) {
            phase = PhaseConfig.always(0);
        } else if (ph.get("runningChannel") == null || ph.get("runningChannel").isNull()) {
            if (ph.has("runningAbove")) {
                throw fields.error("phase.runningAbove", "needs phase.runningChannel");
            }
            phase = PhaseConfig.always(fields.nonNegative(ph, "phase", "mainstageAfterSeconds", 0));
        } else {
            phase = new PhaseConfig(
                    fields.text(ph, "phase", "runningChannel"),
                    fields.number(ph, "phase", "runningAbove"),
                    fields.nonNegative(ph, "phase", "mainstageAfterSeconds", 0));
        }

        JsonNode w = fields.required(root, "", "windows");
        WindowConfig windows = new WindowConfig(fields.positiveInt(w, "windows", "size", 25), fields.positiveInt(w, "windows", "step", 5));
        if (windows.step() > windows.size()) {
            throw fields.error("windows.step", "must not exceed windows.size (" + windows.size() + "), got " + windows.step());
        }

        JsonNode v = root.get("validation");
        if (v == null || v.isNull()) {
            v = JsonNodeFactory.instance.objectNode();
        }
        ValidationConfig validation = new ValidationConfig(
                fields.positiveInt(v, "validation", "redlinePersistenceSamples", 3),
                fields.positiveInt(v, "validation", "warningPersistenceSamples", 3),
                fields.optNumber(v, "validation", "frozenSeconds", 0.5),
                fields.optNumber(v, "validation", "spikeSigma", 8),
                fields.optNumber(v, "validation", "spikeSpanFraction", 0.02),
                fields.positiveInt(v, "validation", "spikesToDisqualify", 3),
                fields.optNumber(v, "validation", "spikeMemorySeconds", 5.0),
                fields.positiveInt(v, "validation", "residualPersistenceWindows", 3),
                fields.optNumber(v, "validation", "biasStepRatio", 0.5),
                fields.optNumber(v, "validation", "alarmClearSeconds", 1.0));

        List<SensorSpec> sensors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int i = 0;
        for (JsonNode s : fields.list(root, "", "sensors", true)) {
            SensorSpec spec = sensorSection.read(s, "sensors[" + i + "]");
            if (!ids.add(spec.id())) {
                throw fields.error("sensors[" + i + "].id", "duplicate sensor id '" + spec.id() + "'");
            }
            sensors.add(spec);
            i++;
        }
        if (sensors.isEmpty()) {
            throw fields.error("sensors", "must list at least one sensor");
        }

        List<DerivedQuantity> derived = new ArrayList<>();
        i = 0;
        for (JsonNode d : fields.list(root, "", "derived", false)) {
            String path = "derived[" + i + "]";
            String did = fields.text(d, path, "id");
            if (ids.contains(did)) {
                throw fields.error(path + ".id", "'" + did + "' is already a sensor or derived id");
            }
            String exprText = fields.text(d, path, "expr");
            Expression expr;
            try {
                expr = Expression.parse(exprText);
            } catch (IllegalArgumentException e) {
                throw fields.error(path + ".expr", "'" + exprText + "': " + e.getMessage());
            }
            for (String var : expr.variables()) {
                if (!ids.contains(var)) {
                    throw fields.error(path + ".expr", "'" + exprText + "' reads unknown channel '" + var + "'");
                }
            }
            JsonNode nom = d.get("nominal");
            JsonNode kk = d.get("k");
            derived.add(new DerivedQuantity(did, fields.optText(d, path, "description", ""), fields.optText(d, path, "unit", ""),
                    expr,
                    nom == null || nom.isNull() ? null : fields.number(nom, path + ".nominal"),
                    kk == null || kk.isNull() ? null : fields.number(kk, path + ".k")));
            ids.add(did);
            i++;
        }

        List<RedundancyPair> pairs = new ArrayList<>();
        i = 0;
        for (JsonNode p : fields.list(root, "", "redundancy", false)) {
            String path = "redundancy[" + i + "]";
            String a = sensorSection.sensorRef(p, path, "a", sensors);
            String b = sensorSection.sensorRef(p, path, "b", sensors);
            if (a.equals(b)) {
                throw fields.error(path + ".b", "a sensor cannot be redundant with itself ('" + b + "')");
            }
            JsonNode rel = p.get("relative");
            pairs.add(new RedundancyPair(a, b, fields.positive(p, path, "tolerance"), rel != null && rel.asBoolean(false)));
            i++;
        }

        List<TrackingLimit> tracking = new ArrayList<>();
        i = 0;
        for (JsonNode t : fields.list(root, "", "tracking", false)) {
            String path = "tracking[" + i + "]";
            tracking.add(new TrackingLimit(fields.text(t, path, "id"),
                    sensorSection.sensorRef(t, path, "position", sensors), sensorSection.sensorRef(t, path, "command", sensors),
                    fields.positive(t, path, "warnDelta"), fields.positive(t, path, "warnSeconds"),
                    fields.positive(t, path, "redDelta"), fields.positive(t, path, "redSeconds")));
            i++;
        }

        // Cross-references once everything is known.
        String thc = throttleChannel;
        if (thc != null && sensors.stream().noneMatch(s -> s.id().equals(thc))) {
            throw fields.error("throttle.channel", "unknown sensor '" + throttleChannel + "'");
        }
        if (phase.hasRunningChannel() && sensors.stream().noneMatch(s -> s.id().equals(phase.runningChannel()))) {
            throw fields.error("phase.runningChannel", "unknown sensor '" + phase.runningChannel() + "'");
        }
        for (String q : qualifiedRanges.keySet()) {
            if (sensors.stream().noneMatch(s -> s.id().equals(q))) {
                throw fields.error("qualifiedRanges." + q, "unknown sensor '" + q + "'");
            }
        }
        for (int j = 0; j < sensors.size(); j++) {
            String est = sensors.get(j).estimate();
            if (est != null && derived.stream().noneMatch(d -> d.id().equals(est))) {
                throw fields.error("sensors[" + j + "].estimate", "unknown derived quantity '" + est + "'");
            }
        }
        SymptomConfig symptoms = new SymptomSection(fields).read(root.get("symptoms"), ids);
        CsvMapping csv = new CsvSection(fields).read(root.get("csv"), sensors);
        NominalCycle template = null;
        String profileHash = hash;
        String tplName = fields.optText(root, "", "template", null);
        if (tplName != null) {
            Path base = Path.of(fields.file()).toAbsolutePath().getParent();
            Path tpl = base.resolve(tplName);
            byte[] tb;
            try {
                tb = Files.readAllBytes(tpl);
            } catch (IOException e) {
                throw fields.error("template", "cannot read '" + tplName + "' beside the profile: " + e.getMessage());
            }
            Set<String> sensorIds = new HashSet<>();
            sensors.forEach(s -> sensorIds.add(s.id()));
            template = NominalCycle.parse(tpl.toString(), new String(tb, StandardCharsets.UTF_8), sensorIds);
            // The template is part of the profile: changing it changes the rule-set version.
            profileHash = Hashing.sha256Hex((hash + Hashing.sha256Hex(tb)).getBytes(StandardCharsets.UTF_8));
        }
        SignalConfig signals = new SignalSection(fields).read(root.get("signals"), sensors, rate, windows);
        return new EngineProfile(id, name, description, profileHash, rate, throttleChannel, scale, qualified,
                qualifiedRanges, phase, windows, validation, sensors, pairs, derived, tracking, symptoms, csv, template,
                signals);
    }
}
