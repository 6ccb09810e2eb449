package io.hotfire.domain.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates an engine profile (YAML or JSON). Every problem names the file, the field
 * path (e.g. {@code sensors[3].limits.redHigh}) and the offending value, and fails before the
 * profile is used.
 */
public final class ProfileLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ProfileLoader() {
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
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            throw new ProfileException(fileName, "(syntax)", "not valid YAML/JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ProfileException(fileName, "(root)", "must be a mapping of profile fields");
        }
        return new Reader(fileName, sha256(bytes)).profile(root);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Walks the tree with the current field path, so every error says where it is. */
    private static final class Reader {
        private final String file;
        private final String hash;

        Reader(String file, String hash) {
            this.file = file;
            this.hash = hash;
        }

        ProfileException error(String field, String message) {
            return new ProfileException(file, field, message);
        }

        JsonNode required(JsonNode node, String path, String name) {
            JsonNode n = node.get(name);
            if (n == null || n.isNull()) {
                throw error(join(path, name), "is required");
            }
            return n;
        }

        String text(JsonNode node, String path, String name) {
            JsonNode n = required(node, path, name);
            if (!n.isTextual() || n.asText().isBlank()) {
                throw error(join(path, name), "must be a non-empty string, got " + show(n));
            }
            return n.asText();
        }

        String optText(JsonNode node, String path, String name, String dflt) {
            JsonNode n = node.get(name);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isTextual()) {
                throw error(join(path, name), "must be a string, got " + show(n));
            }
            return n.asText();
        }

        double number(JsonNode node, String path, String name) {
            return number(required(node, path, name), join(path, name));
        }

        double number(JsonNode n, String field) {
            if (!n.isNumber()) {
                throw error(field, "must be a number, got " + show(n));
            }
            double d = n.asDouble();
            if (!Double.isFinite(d)) {
                throw error(field, "must be finite, got " + show(n));
            }
            return d;
        }

        double optNumber(JsonNode node, String path, String name, double dflt) {
            JsonNode n = node.get(name);
            return n == null || n.isNull() ? dflt : number(n, join(path, name));
        }

        double positive(JsonNode node, String path, String name) {
            double d = number(node, path, name);
            if (d <= 0) {
                throw error(join(path, name), "must be > 0, got " + d);
            }
            return d;
        }

        int positiveInt(JsonNode node, String path, String name, int dflt) {
            JsonNode n = node.get(name);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isIntegralNumber() || n.asInt() <= 0) {
                throw error(join(path, name), "must be a whole number > 0, got " + show(n));
            }
            return n.asInt();
        }

        Range range(JsonNode n, String field) {
            if (n == null || !n.isArray() || n.size() != 2) {
                throw error(field, "must be a list [low, high], got " + show(n));
            }
            double lo = number(n.get(0), field + "[0]");
            double hi = number(n.get(1), field + "[1]");
            if (lo > hi) {
                throw error(field, "low " + lo + " is above high " + hi);
            }
            return new Range(lo, hi);
        }

        Iterable<JsonNode> list(JsonNode node, String path, String name, boolean required) {
            JsonNode n = node.get(name);
            if (n == null || n.isNull()) {
                if (required) {
                    throw error(join(path, name), "is required");
                }
                return List.of();
            }
            if (!n.isArray()) {
                throw error(join(path, name), "must be a list, got " + show(n));
            }
            return n;
        }

        EngineProfile profile(JsonNode root) {
            String id = text(root, "", "id");
            if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
                throw error("id", "must be lower-case letters, digits, '-' or '_', got '" + id + "'");
            }
            String name = optText(root, "", "name", id);
            String description = optText(root, "", "description", "");
            double rate = positive(root, "", "sampleRateHz");

            // throttle: optional. Without it θ = 1 whenever the machine runs (a rig with no power level).
            JsonNode th = root.get("throttle");
            String throttleChannel = null;
            double scale = 1.0;
            Range qualified = null;
            if (th != null && !th.isNull()) {
                throttleChannel = text(th, "throttle", "channel");
                scale = positive(th, "throttle", "scale");
                qualified = range(th.get("qualified"), "throttle.qualified");
            }

            Map<String, Range> qualifiedRanges = new LinkedHashMap<>();
            JsonNode qr = root.get("qualifiedRanges");
            if (qr != null && !qr.isNull()) {
                if (!qr.isObject()) {
                    throw error("qualifiedRanges", "must be a mapping sensor → [low, high], got " + show(qr));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = qr.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    qualifiedRanges.put(e.getKey(), range(e.getValue(), "qualifiedRanges." + e.getKey()));
                }
            }

            // phase: optional; without a runningChannel the machine runs from a run's first sample.
            JsonNode ph = root.get("phase");
            PhaseConfig phase;
            if (ph == null || ph.isNull()) {
                phase = PhaseConfig.always(0);
            } else if (ph.get("runningChannel") == null || ph.get("runningChannel").isNull()) {
                if (ph.has("runningAbove")) {
                    throw error("phase.runningAbove", "needs phase.runningChannel");
                }
                phase = PhaseConfig.always(nonNegative(ph, "phase", "mainstageAfterSeconds", 0));
            } else {
                phase = new PhaseConfig(
                        text(ph, "phase", "runningChannel"),
                        number(ph, "phase", "runningAbove"),
                        nonNegative(ph, "phase", "mainstageAfterSeconds", 0));
            }

            JsonNode w = required(root, "", "windows");
            WindowConfig windows = new WindowConfig(positiveInt(w, "windows", "size", 25), positiveInt(w, "windows", "step", 5));
            if (windows.step() > windows.size()) {
                throw error("windows.step", "must not exceed windows.size (" + windows.size() + "), got " + windows.step());
            }

            JsonNode v = root.get("validation");
            if (v == null || v.isNull()) {
                v = YAML.createObjectNode();
            }
            ValidationConfig validation = new ValidationConfig(
                    positiveInt(v, "validation", "redlinePersistenceSamples", 3),
                    positiveInt(v, "validation", "warningPersistenceSamples", 3),
                    optNumber(v, "validation", "frozenSeconds", 0.5),
                    optNumber(v, "validation", "spikeSigma", 8),
                    optNumber(v, "validation", "spikeSpanFraction", 0.02),
                    positiveInt(v, "validation", "spikesToDisqualify", 3),
                    optNumber(v, "validation", "spikeMemorySeconds", 5.0),
                    positiveInt(v, "validation", "residualPersistenceWindows", 3),
                    optNumber(v, "validation", "biasStepRatio", 0.5),
                    optNumber(v, "validation", "alarmClearSeconds", 1.0));

            List<SensorSpec> sensors = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            int i = 0;
            for (JsonNode s : list(root, "", "sensors", true)) {
                SensorSpec spec = sensor(s, "sensors[" + i + "]");
                if (!ids.add(spec.id())) {
                    throw error("sensors[" + i + "].id", "duplicate sensor id '" + spec.id() + "'");
                }
                sensors.add(spec);
                i++;
            }
            if (sensors.isEmpty()) {
                throw error("sensors", "must list at least one sensor");
            }

            List<DerivedQuantity> derived = new ArrayList<>();
            i = 0;
            for (JsonNode d : list(root, "", "derived", false)) {
                String path = "derived[" + i + "]";
                String did = text(d, path, "id");
                if (ids.contains(did)) {
                    throw error(path + ".id", "'" + did + "' is already a sensor or derived id");
                }
                String exprText = text(d, path, "expr");
                Expression expr;
                try {
                    expr = Expression.parse(exprText);
                } catch (IllegalArgumentException e) {
                    throw error(path + ".expr", "'" + exprText + "': " + e.getMessage());
                }
                for (String var : expr.variables()) {
                    if (!ids.contains(var)) {
                        throw error(path + ".expr", "'" + exprText + "' reads unknown channel '" + var + "'");
                    }
                }
                JsonNode nom = d.get("nominal");
                JsonNode kk = d.get("k");
                derived.add(new DerivedQuantity(did, optText(d, path, "description", ""), optText(d, path, "unit", ""),
                        expr,
                        nom == null || nom.isNull() ? null : number(nom, path + ".nominal"),
                        kk == null || kk.isNull() ? null : number(kk, path + ".k")));
                ids.add(did);
                i++;
            }

            List<RedundancyPair> pairs = new ArrayList<>();
            i = 0;
            for (JsonNode p : list(root, "", "redundancy", false)) {
                String path = "redundancy[" + i + "]";
                String a = sensorRef(p, path, "a", sensors);
                String b = sensorRef(p, path, "b", sensors);
                if (a.equals(b)) {
                    throw error(path + ".b", "a sensor cannot be redundant with itself ('" + b + "')");
                }
                JsonNode rel = p.get("relative");
                pairs.add(new RedundancyPair(a, b, positive(p, path, "tolerance"), rel != null && rel.asBoolean(false)));
                i++;
            }

            List<TrackingLimit> tracking = new ArrayList<>();
            i = 0;
            for (JsonNode t : list(root, "", "tracking", false)) {
                String path = "tracking[" + i + "]";
                tracking.add(new TrackingLimit(text(t, path, "id"),
                        sensorRef(t, path, "position", sensors), sensorRef(t, path, "command", sensors),
                        positive(t, path, "warnDelta"), positive(t, path, "warnSeconds"),
                        positive(t, path, "redDelta"), positive(t, path, "redSeconds")));
                i++;
            }

            // Cross-references once everything is known.
            String thc = throttleChannel;
            if (thc != null && sensors.stream().noneMatch(s -> s.id().equals(thc))) {
                throw error("throttle.channel", "unknown sensor '" + throttleChannel + "'");
            }
            if (phase.hasRunningChannel() && sensors.stream().noneMatch(s -> s.id().equals(phase.runningChannel()))) {
                throw error("phase.runningChannel", "unknown sensor '" + phase.runningChannel() + "'");
            }
            for (String q : qualifiedRanges.keySet()) {
                if (sensors.stream().noneMatch(s -> s.id().equals(q))) {
                    throw error("qualifiedRanges." + q, "unknown sensor '" + q + "'");
                }
            }
            for (int j = 0; j < sensors.size(); j++) {
                String est = sensors.get(j).estimate();
                if (est != null && derived.stream().noneMatch(d -> d.id().equals(est))) {
                    throw error("sensors[" + j + "].estimate", "unknown derived quantity '" + est + "'");
                }
            }
            SymptomConfig symptoms = symptoms(root.get("symptoms"), ids);
            CsvMapping csv = csv(root.get("csv"), sensors);
            NominalCycle template = null;
            String profileHash = hash;
            String tplName = optText(root, "", "template", null);
            if (tplName != null) {
                Path base = Path.of(file).toAbsolutePath().getParent();
                Path tpl = base.resolve(tplName);
                byte[] tb;
                try {
                    tb = Files.readAllBytes(tpl);
                } catch (IOException e) {
                    throw error("template", "cannot read '" + tplName + "' beside the profile: " + e.getMessage());
                }
                Set<String> sensorIds = new HashSet<>();
                sensors.forEach(s -> sensorIds.add(s.id()));
                template = NominalCycle.parse(tpl.toString(), new String(tb, java.nio.charset.StandardCharsets.UTF_8), sensorIds);
                // The template is part of the profile: changing it changes the rule-set version.
                profileHash = sha256((hash + sha256(tb)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            SignalConfig signals = signals(root.get("signals"), sensors, rate, windows);
            return new EngineProfile(id, name, description, profileHash, rate, throttleChannel, scale, qualified,
                    qualifiedRanges, phase, windows, validation, sensors, pairs, derived, tracking, symptoms, csv, template,
                    signals);
        }

        /** {@code signals:} the feature library's features every window carries (docs/adding-a-domain.md). */
        SignalConfig signals(JsonNode n, List<SensorSpec> sensors, double rate, WindowConfig windows) {
            if (n == null || n.isNull()) {
                return SignalConfig.NONE;
            }
            String path = "signals";
            Set<String> keys = Set.of("span", "align", "peakToPeak", "bandPower", "dominantFrequency", "step", "delays", "normal");
            if (!n.isObject()) {
                throw error(path, "must be a mapping (" + String.join(", ", new java.util.TreeSet<>(keys)) + "), got " + show(n));
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!keys.contains(f)) {
                    throw error(path + "." + f, "unknown key; use " + String.join(", ", new java.util.TreeSet<>(keys)));
                }
            }
            Set<String> ids = new HashSet<>();
            sensors.forEach(s -> ids.add(s.id()));
            double span = nonNegative(n, path, "span", 0);
            double history = io.hotfire.domain.feature.WindowBuilder.HISTORY_SECONDS;
            if (span > history) {
                throw error(path + ".span", "must be at most " + history + " s (the history a window keeps), got " + span);
            }
            int spanSamples = span == 0 ? windows.size() : (int) Math.round(span * rate);
            if (spanSamples < 8) {
                throw error(path + ".span", "must cover at least 8 samples, covers " + spanSamples);
            }
            List<String> p2p = channels(n.get("peakToPeak"), path + ".peakToPeak", ids);
            List<String> bpc = List.of();
            List<Range> bands = List.of();
            JsonNode bp = n.get("bandPower");
            if (bp != null && !bp.isNull()) {
                only(bp, path + ".bandPower", Set.of("channels", "bands"));
                bpc = channels(required(bp, path + ".bandPower", "channels"), path + ".bandPower.channels", ids);
                bands = new ArrayList<>();
                int i = 0;
                for (JsonNode b : list(bp, path + ".bandPower", "bands", true)) {
                    bands.add(band(b, path + ".bandPower.bands[" + i++ + "]", rate));
                }
            }
            List<String> dom = List.of();
            Range domBand = null;
            JsonNode df = n.get("dominantFrequency");
            if (df != null && !df.isNull()) {
                only(df, path + ".dominantFrequency", Set.of("channels", "band"));
                dom = channels(required(df, path + ".dominantFrequency", "channels"), path + ".dominantFrequency.channels", ids);
                domBand = df.get("band") == null ? new Range(0, rate / 2) : band(df.get("band"), path + ".dominantFrequency.band", rate);
            }
            List<String> stepc = List.of();
            double after = 0;
            double settle = 0.05;
            double minStep = 0;
            JsonNode st = n.get("step");
            if (st != null && !st.isNull()) {
                only(st, path + ".step", Set.of("channels", "after", "settle", "minStep"));
                stepc = channels(st.get("channels"), path + ".step.channels", ids);
                after = nonNegative(st, path + ".step", "after", 0);
                if (after * rate >= spanSamples - 8) {
                    throw error(path + ".step.after", "must leave at least 8 samples of the span to search the step in, got " + after);
                }
                settle = optNumber(st, path + ".step", "settle", 0.05);
                if (!(settle > 0 && settle < 1)) {
                    throw error(path + ".step.settle", "must lie in (0, 1), got " + settle);
                }
                minStep = nonNegative(st, path + ".step", "minStep", 0);
            }
            List<List<String>> pairs = new ArrayList<>();
            double maxLag = 0;
            JsonNode dl = n.get("delays");
            if (dl != null && !dl.isNull()) {
                only(dl, path + ".delays", Set.of("pairs", "maxLag"));
                int i = 0;
                for (JsonNode pr : list(dl, path + ".delays", "pairs", true)) {
                    List<String> pair = channels(pr, path + ".delays.pairs[" + i + "]", ids);
                    if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
                        throw error(path + ".delays.pairs[" + i + "]", "must name two different sensors, got " + show(pr));
                    }
                    pairs.add(pair);
                    i++;
                }
                maxLag = positive(dl, path + ".delays", "maxLag");
            }
            boolean aligned = false;
            String alignChannel = null;
            int alignDirection = 0;
            JsonNode al = n.get("align");
            if (al != null && !al.isNull()) {
                if (al.isTextual() && (al.asText().equals("span") || al.asText().equals("step"))) {
                    aligned = al.asText().equals("step");
                } else if (al.isObject()) {
                    only(al, path + ".align", Set.of("channel", "direction"));
                    aligned = true;
                    JsonNode ch = al.get("channel");
                    if (ch != null && !ch.isNull()) {
                        if (!ch.isTextual() || !ids.contains(ch.asText())) {
                            throw error(path + ".align.channel", "must name a sensor of this profile, got " + show(ch));
                        }
                        alignChannel = ch.asText();
                    }
                    String dir = optText(al, path + ".align", "direction", "any");
                    alignDirection = switch (dir) {
                        case "up" -> 1;
                        case "down" -> -1;
                        case "any" -> 0;
                        default -> throw error(path + ".align.direction", "must be up, down or any, got '" + dir + "'");
                    };
                } else {
                    throw error(path + ".align", "must be span, step or {channel, direction}, got " + show(al));
                }
            }
            if (aligned && after == 0) {
                throw error(path + ".align", "aligning to a step needs step.after (the seconds after the step the features see)");
            }
            Map<String, Range> normal = new LinkedHashMap<>();
            JsonNode nr = n.get("normal");
            if (nr != null && !nr.isNull()) {
                if (!nr.isObject()) {
                    throw error(path + ".normal", "must be a mapping feature name → [low, high], got " + show(nr));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = nr.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    normal.put(e.getKey(), range(e.getValue(), path + ".normal." + e.getKey()));
                }
            }
            SignalConfig c = new SignalConfig(span, p2p, bpc, bands, dom, domBand, stepc, after, settle, minStep, pairs, maxLag,
                    aligned, alignChannel, alignDirection, normal);
            List<String> names = c.names();
            for (String k : normal.keySet()) {
                if (!names.contains(k)) {
                    throw error(path + ".normal." + k, "names no feature of this section; it gives " + names);
                }
            }
            if (names.size() != new HashSet<>(names).size()) {
                throw error(path, "names a feature twice: " + names);
            }
            return c;
        }

        void only(JsonNode n, String path, Set<String> keys) {
            if (!n.isObject()) {
                throw error(path, "must be a mapping (" + String.join(", ", new java.util.TreeSet<>(keys)) + "), got " + show(n));
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!keys.contains(f)) {
                    throw error(path + "." + f, "unknown key; use " + String.join(", ", new java.util.TreeSet<>(keys)));
                }
            }
        }

        List<String> channels(JsonNode n, String path, Set<String> ids) {
            if (n == null || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                throw error(path, "must be a list of sensor ids, got " + show(n));
            }
            List<String> out = new ArrayList<>();
            int i = 0;
            for (JsonNode c : n) {
                if (!c.isTextual() || !ids.contains(c.asText())) {
                    throw error(path + "[" + i + "]", "must name a sensor of this profile, got " + show(c));
                }
                out.add(c.asText());
                i++;
            }
            return out;
        }

        Range band(JsonNode b, String field, double rate) {
            Range r = range(b, field);
            if (r.low() < 0 || r.high() > rate / 2 + 1e-9 || r.high() <= r.low()) {
                throw error(field, "must be [low, high) Hz with 0 ≤ low < high ≤ " + rate / 2 + " (half the sample rate), got "
                        + show(b));
            }
            return r;
        }

        double nonNegative(JsonNode node, String path, String name, double dflt) {
            double d = optNumber(node, path, name, dflt);
            if (d < 0) {
                throw error(join(path, name), "must be ≥ 0, got " + d);
            }
            return d;
        }

        /** {@code csv:} time column, its unit, renamed, scaled and ignored columns. */
        CsvMapping csv(JsonNode n, List<SensorSpec> sensors) {
            if (n == null || n.isNull()) {
                return CsvMapping.DEFAULT;
            }
            String path = "csv";
            if (!n.isObject()) {
                throw error(path, "must be a mapping (timeColumn, timeUnit, columns, scale, ignore), got " + show(n));
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!Set.of("timeColumn", "timeUnit", "columns", "scale", "ignore").contains(f)) {
                    throw error(path + "." + f, "unknown key; use timeColumn, timeUnit, columns, scale or ignore");
                }
            }
            Set<String> ids = new HashSet<>();
            sensors.forEach(s -> ids.add(s.id()));
            String time = optText(n, path, "timeColumn", "t");
            if (time.isBlank()) {
                throw error(path + ".timeColumn", "must not be blank");
            }
            String unit = optText(n, path, "timeUnit", "s");
            double timeScale = switch (unit) {
                case "s" -> 1.0;
                case "ms" -> 1e-3;
                case "us" -> 1e-6;
                case "min" -> 60.0;
                default -> throw error(path + ".timeUnit", "must be s, ms, us or min, got '" + unit + "'");
            };
            Map<String, String> columns = new LinkedHashMap<>();
            JsonNode c = n.get("columns");
            if (c != null && !c.isNull()) {
                if (!c.isObject()) {
                    throw error(path + ".columns", "must be a mapping file column → sensor id, got " + show(c));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String target = e.getValue().asText();
                    if (!e.getValue().isTextual() || !ids.contains(target)) {
                        throw error(path + ".columns." + e.getKey(), "must name a sensor, got " + show(e.getValue()));
                    }
                    columns.put(e.getKey(), target);
                }
            }
            Map<String, Double> scales = new LinkedHashMap<>();
            JsonNode sc = n.get("scale");
            if (sc != null && !sc.isNull()) {
                if (!sc.isObject()) {
                    throw error(path + ".scale", "must be a mapping sensor id → factor, got " + show(sc));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = sc.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String f = path + ".scale." + e.getKey();
                    if (!ids.contains(e.getKey())) {
                        throw error(f, "unknown sensor '" + e.getKey() + "'");
                    }
                    double factor = number(e.getValue(), f);
                    if (factor == 0) {
                        throw error(f, "must not be 0");
                    }
                    scales.put(e.getKey(), factor);
                }
            }
            List<String> ignore = new ArrayList<>();
            int i = 0;
            for (JsonNode g : list(n, path, "ignore", false)) {
                if (!g.isTextual()) {
                    throw error(path + ".ignore[" + i + "]", "must be a column name, got " + show(g));
                }
                ignore.add(g.asText());
                i++;
            }
            return new CsvMapping(time, timeScale, columns, scales, ignore);
        }

        SymptomConfig symptoms(JsonNode n, Set<String> channels) {
            if (n == null || n.isNull()) {
                return SymptomConfig.DEFAULT;
            }
            String path = "symptoms";
            SymptomConfig d = SymptomConfig.DEFAULT;
            Band dflt = n.has("defaultBand") ? band(n.get("defaultBand"), path + ".defaultBand", d.defaultBand()) : d.defaultBand();
            Map<String, Band> bands = new LinkedHashMap<>();
            JsonNode b = n.get("bands");
            if (b != null && !b.isNull()) {
                if (!b.isObject()) {
                    throw error(path + ".bands", "must be a mapping channel → band, got " + show(b));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = b.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String f = path + ".bands." + e.getKey();
                    if (!channels.contains(e.getKey())) {
                        throw error(f, "unknown channel '" + e.getKey() + "'");
                    }
                    bands.put(e.getKey(), band(e.getValue(), f, dflt));
                }
            }
            Map<String, Double> rates = new LinkedHashMap<>();
            JsonNode r = n.get("rates");
            if (r != null && !r.isNull()) {
                if (!r.isObject()) {
                    throw error(path + ".rates", "must be a mapping channel → units per second, got " + show(r));
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = r.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String f = path + ".rates." + e.getKey();
                    if (!channels.contains(e.getKey())) {
                        throw error(f, "unknown channel '" + e.getKey() + "'");
                    }
                    double v = number(e.getValue(), f);
                    if (v <= 0) {
                        throw error(f, "must be > 0, got " + v);
                    }
                    rates.put(e.getKey(), v);
                }
            }
            List<String> scheduled = new ArrayList<>();
            int k = 0;
            for (JsonNode c : list(n, path, "scheduledCommands", false)) {
                String f = path + ".scheduledCommands[" + k++ + "]";
                if (!c.isTextual() || !channels.contains(c.asText())) {
                    throw error(f, "must name a sensor, got " + show(c));
                }
                scheduled.add(c.asText());
            }
            return new SymptomConfig(positiveInt(n, path, "persistenceWindows", d.persistenceWindows()),
                    optNumber(n, path, "steadyThetaRate", d.steadyThetaRate()),
                    optNumber(n, path, "settleSeconds", d.settleSeconds()), dflt, bands, rates,
                    positiveInt(n, path, "loneWindows", d.loneWindows()), scheduled,
                    optNumber(n, path, "unknownAnomalySeconds", d.unknownAnomalySeconds()));
        }

        /** A band mapping; fields it leaves out come from {@code base}. */
        Band band(JsonNode n, String field, Band base) {
            if (n == null || !n.isObject()) {
                throw error(field, "must be a mapping {relative, absolute, sigmas}, got " + show(n));
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!Set.of("relative", "absolute", "sigmas").contains(f)) {
                    throw error(field + "." + f, "unknown band field; use relative, absolute or sigmas");
                }
            }
            double rel = optNumber(n, field, "relative", n.has("absolute") ? 0 : base.relative());
            double abs = optNumber(n, field, "absolute", 0);
            double sig = optNumber(n, field, "sigmas", base.sigmas());
            if (rel < 0 || abs < 0 || sig < 0) {
                throw error(field, "band widths must be ≥ 0");
            }
            return new Band(rel, abs, sig);
        }

        String sensorRef(JsonNode node, String path, String name, List<SensorSpec> sensors) {
            String ref = text(node, path, name);
            if (sensors.stream().noneMatch(s -> s.id().equals(ref))) {
                throw error(join(path, name), "unknown sensor '" + ref + "'");
            }
            return ref;
        }

        SensorSpec sensor(JsonNode s, String path) {
            if (!s.isObject()) {
                throw error(path, "must be a mapping of sensor fields, got " + show(s));
            }
            String id = text(s, path, "id");
            if (!id.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw error(path + ".id", "must start with a letter and hold letters, digits or '_', got '" + id + "'");
            }
            double noise = number(s, path, "noise");
            if (noise < 0) {
                throw error(path + ".noise", "must be ≥ 0, got " + noise);
            }
            Range span = range(s.get("span"), path + ".span");
            Limits limits = Limits.NONE;
            JsonNode l = s.get("limits");
            if (l != null && !l.isNull()) {
                String lp = path + ".limits";
                if (!l.isObject()) {
                    throw error(lp, "must be a mapping, got " + show(l));
                }
                for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!Set.of("warnLow", "warnHigh", "redLow", "redHigh").contains(f)) {
                        throw error(lp + "." + f, "unknown limit; use warnLow, warnHigh, redLow or redHigh");
                    }
                }
                limits = new Limits(limit(l.get("warnLow"), lp + ".warnLow"), limit(l.get("warnHigh"), lp + ".warnHigh"),
                        limit(l.get("redLow"), lp + ".redLow"), limit(l.get("redHigh"), lp + ".redHigh"));
                check(limits.warnLow(), limits.redLow(), lp + ".warnLow", true);
                check(limits.warnHigh(), limits.redHigh(), lp + ".warnHigh", false);
            }
            String estimate = optText(s, path, "estimate", null);
            double tol = optNumber(s, path, "estimateTolerance", 0.05);
            return new SensorSpec(id, optText(s, path, "description", ""), optText(s, path, "unit", ""),
                    number(s, path, "nominal"), number(s, path, "k"), noise, span, limits, estimate, tol);
        }

        /** A warning line must sit inside its redline when both are of the same basis. */
        void check(Limit warn, Limit red, String field, boolean low) {
            if (warn == null || red == null || warn.basis() != red.basis()) {
                return;
            }
            if (low ? warn.value() < red.value() : warn.value() > red.value()) {
                throw error(field, "warning " + warn + " lies beyond the redline " + red);
            }
        }

        /** A number is an absolute limit; {@code {factor: 0.9}} is a factor of expected(θ). */
        Limit limit(JsonNode n, String field) {
            if (n == null || n.isNull()) {
                return null;
            }
            if (n.isNumber()) {
                return Limit.absolute(number(n, field));
            }
            if (n.isObject() && n.has("factor") && n.size() == 1) {
                double f = number(n.get("factor"), field + ".factor");
                if (f <= 0) {
                    throw error(field + ".factor", "must be > 0, got " + f);
                }
                return Limit.ofExpected(f);
            }
            throw error(field, "must be a number (absolute) or {factor: x} (× expected), got " + show(n));
        }

        static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        static String show(JsonNode n) {
            if (n == null || n.isMissingNode()) {
                return "nothing";
            }
            String t = n.toString();
            return t.length() > 60 ? t.substring(0, 57) + "..." : t;
        }
    }
}
