package io.hotfire.domain.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a profile's {@code signals:} section: the feature library's features every window carries. */
final class SignalSection {

    private final ProfileFields fields;

    SignalSection(ProfileFields fields) {
        this.fields = fields;
    }

    /** {@code signals:} the feature library's features every window carries (docs/adding-a-domain.md). */
    SignalConfig read(JsonNode n, List<SensorSpec> sensors, double rate, WindowConfig windows) {
        if (n == null || n.isNull()) {
            return SignalConfig.NONE;
        }
        String path = "signals";
        fields.only(n, path, Set.of("span", "align", "peakToPeak", "bandPower", "dominantFrequency", "step", "delays", "normal", "dip"));
        Set<String> ids = new HashSet<>();
        sensors.forEach(s -> ids.add(s.id()));
        double span = fields.nonNegative(n, path, "span", 0);
        double history = WindowConfig.HISTORY_SECONDS;
        if (span > history) {
            throw fields.error(path + ".span", "must be at most " + history + " s (the history a window keeps), got " + span);
        }
        int spanSamples = span == 0 ? windows.size() : (int) Math.round(span * rate);
        if (spanSamples < 8) {
            throw fields.error(path + ".span", "must cover at least 8 samples, covers " + spanSamples);
        }
        List<String> p2p = channels(n.get("peakToPeak"), path + ".peakToPeak", ids);
        List<String> bpc = List.of();
        List<Range> bands = List.of();
        JsonNode bp = n.get("bandPower");
        if (bp != null && !bp.isNull()) {
            fields.only(bp, path + ".bandPower", Set.of("channels", "bands"));
            bpc = channels(fields.required(bp, path + ".bandPower", "channels"), path + ".bandPower.channels", ids);
            bands = new ArrayList<>();
            int i = 0;
            for (JsonNode b : fields.list(bp, path + ".bandPower", "bands", true)) {
                bands.add(band(b, path + ".bandPower.bands[" + i++ + "]", rate));
            }
        }
        List<String> dom = List.of();
        Range domBand = null;
        JsonNode df = n.get("dominantFrequency");
        if (df != null && !df.isNull()) {
            fields.only(df, path + ".dominantFrequency", Set.of("channels", "band"));
            dom = channels(fields.required(df, path + ".dominantFrequency", "channels"), path + ".dominantFrequency.channels", ids);
            domBand = df.get("band") == null ? new Range(0, rate / 2) : band(df.get("band"), path + ".dominantFrequency.band", rate);
        }
        List<String> stepc = List.of();
        double after = 0;
        double settle = 0.05;
        double minStep = 0;
        JsonNode st = n.get("step");
        if (st != null && !st.isNull()) {
            fields.only(st, path + ".step", Set.of("channels", "after", "settle", "minStep"));
            stepc = channels(st.get("channels"), path + ".step.channels", ids);
            after = fields.nonNegative(st, path + ".step", "after", 0);
            if (after * rate >= spanSamples - 8) {
                throw fields.error(path + ".step.after", "must leave at least 8 samples of the span to search the step in, got " + after);
            }
            settle = fields.optNumber(st, path + ".step", "settle", 0.05);
            if (!(settle > 0 && settle < 1)) {
                throw fields.error(path + ".step.settle", "must lie in (0, 1), got " + settle);
            }
            minStep = fields.nonNegative(st, path + ".step", "minStep", 0);
        }
        List<List<String>> pairs = new ArrayList<>();
        double maxLag = 0;
        JsonNode dl = n.get("delays");
        if (dl != null && !dl.isNull()) {
            fields.only(dl, path + ".delays", Set.of("pairs", "maxLag"));
            int i = 0;
            for (JsonNode pr : fields.list(dl, path + ".delays", "pairs", true)) {
                List<String> pair = channels(pr, path + ".delays.pairs[" + i + "]", ids);
                if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
                    throw fields.error(path + ".delays.pairs[" + i + "]", "must name two different sensors, got " + fields.show(pr));
                }
                pairs.add(pair);
                i++;
            }
            maxLag = fields.positive(dl, path + ".delays", "maxLag");
        }
        boolean aligned = false;
        String alignChannel = null;
        int alignDirection = 0;
        JsonNode al = n.get("align");
        if (al != null && !al.isNull()) {
            if (al.isTextual() && (al.asText().equals("span") || al.asText().equals("step"))) {
                aligned = al.asText().equals("step");
            } else if (al.isObject()) {
                fields.only(al, path + ".align", Set.of("channel", "direction"));
                aligned = true;
                JsonNode ch = al.get("channel");
                if (ch != null && !ch.isNull()) {
                    if (!ch.isTextual() || !ids.contains(ch.asText())) {
                        throw fields.error(path + ".align.channel", "must name a sensor of this profile, got " + fields.show(ch));
                    }
                    alignChannel = ch.asText();
                }
                String dir = fields.optText(al, path + ".align", "direction", "any");
                alignDirection = switch (dir) {
                    case "up" -> 1;
                    case "down" -> -1;
                    case "any" -> 0;
                    default -> throw fields.error(path + ".align.direction", "must be up, down or any, got '" + dir + "'");
                };
            } else {
                throw fields.error(path + ".align", "must be span, step or {channel, direction}, got " + fields.show(al));
            }
        }
        if (aligned && after == 0) {
            throw fields.error(path + ".align", "aligning to a step needs step.after (the seconds after the step the features see)");
        }
        List<String> dipc = List.of();
        Range slot = null;
        JsonNode dp = n.get("dip");
        if (dp != null && !dp.isNull()) {
            fields.only(dp, path + ".dip", Set.of("channels", "from", "to"));
            dipc = channels(fields.required(dp, path + ".dip", "channels"), path + ".dip.channels", ids);
            double from = fields.nonNegative(dp, path + ".dip", "from", 0);
            double to = fields.positive(dp, path + ".dip", "to");
            // The slot must lie in what a window sees: the `after` seconds after the aligned step, or the span.
            double room = aligned ? after : spanSamples / rate;
            if (!(to > from) || to > room + 1e-9 || from * rate < 1) {
                throw fields.error(path + ".dip.to", "the slot [from, to) must have 0 < from < to ≤ " + room + " s ("
                        + (aligned ? "step.after: the seconds after the aligned step" : "the span") + "), got [" + from + ", " + to + ")");
            }
            slot = new Range(from, to);
        }
        Map<String, Range> normal = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields.entries(n, path, "normal", "feature name → [low, high]")) {
            normal.put(e.getKey(), fields.range(e.getValue(), path + ".normal." + e.getKey()));
        }
        SignalConfig c = new SignalConfig(span, p2p, bpc, bands, dom, domBand, stepc, after, settle, minStep, pairs, maxLag,
                aligned, alignChannel, alignDirection, normal, dipc, slot);
        List<String> names = c.names();
        for (String k : normal.keySet()) {
            if (!names.contains(k)) {
                throw fields.error(path + ".normal." + k, "names no feature of this section; it gives " + names);
            }
        }
        if (names.size() != new HashSet<>(names).size()) {
            throw fields.error(path, "names a feature twice: " + names);
        }
        return c;
    }

    List<String> channels(JsonNode n, String path, Set<String> ids) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw fields.error(path, "must be a list of sensor ids, got " + fields.show(n));
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : n) {
            if (!c.isTextual() || !ids.contains(c.asText())) {
                throw fields.error(path + "[" + i + "]", "must name a sensor of this profile, got " + fields.show(c));
            }
            out.add(c.asText());
            i++;
        }
        return out;
    }

    Range band(JsonNode b, String field, double rate) {
        Range r = fields.range(b, field);
        if (r.low() < 0 || r.high() > rate / 2 + 1e-9 || r.high() <= r.low()) {
            throw fields.error(field, "must be [low, high) Hz with 0 ≤ low < high ≤ " + rate / 2 + " (half the sample rate), got "
                    + fields.show(b));
        }
        return r;
    }
}
