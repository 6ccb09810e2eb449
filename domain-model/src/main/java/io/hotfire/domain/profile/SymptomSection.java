package io.hotfire.domain.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a profile's {@code symptoms:} section: bands, rates and persistence of the deviation symptoms. */
final class SymptomSection {

    private final ProfileFields fields;

    SymptomSection(ProfileFields fields) {
        this.fields = fields;
    }

    SymptomConfig read(JsonNode n, Set<String> channels) {
        if (n == null || n.isNull()) {
            return SymptomConfig.DEFAULT;
        }
        String path = "symptoms";
        SymptomConfig d = SymptomConfig.DEFAULT;
        Band dflt = n.has("defaultBand") ? band(n.get("defaultBand"), path + ".defaultBand", d.defaultBand()) : d.defaultBand();
        Map<String, Band> bands = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields.entries(n, path, "bands", "channel → band")) {
            String f = path + ".bands." + e.getKey();
            if (!channels.contains(e.getKey())) {
                throw fields.error(f, "unknown channel '" + e.getKey() + "'");
            }
            bands.put(e.getKey(), band(e.getValue(), f, dflt));
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields.entries(n, path, "rates", "channel → units per second")) {
            String f = path + ".rates." + e.getKey();
            if (!channels.contains(e.getKey())) {
                throw fields.error(f, "unknown channel '" + e.getKey() + "'");
            }
            double v = fields.number(e.getValue(), f);
            if (v <= 0) {
                throw fields.error(f, "must be > 0, got " + v);
            }
            rates.put(e.getKey(), v);
        }
        List<String> scheduled = new ArrayList<>();
        int k = 0;
        for (JsonNode c : fields.list(n, path, "scheduledCommands", false)) {
            String f = path + ".scheduledCommands[" + k++ + "]";
            if (!c.isTextual() || !channels.contains(c.asText())) {
                throw fields.error(f, "must name a sensor, got " + fields.show(c));
            }
            scheduled.add(c.asText());
        }
        return new SymptomConfig(fields.positiveInt(n, path, "persistenceWindows", d.persistenceWindows()),
                fields.optNumber(n, path, "steadyThetaRate", d.steadyThetaRate()),
                fields.optNumber(n, path, "settleSeconds", d.settleSeconds()), dflt, bands, rates,
                fields.positiveInt(n, path, "loneWindows", d.loneWindows()), scheduled,
                fields.optNumber(n, path, "unknownAnomalySeconds", d.unknownAnomalySeconds()));
    }

    /** A band mapping; fields it leaves out come from {@code base}. */
    Band band(JsonNode n, String field, Band base) {
        if (n == null || !n.isObject()) {
            throw fields.error(field, "must be a mapping {relative, absolute, sigmas}, got " + fields.show(n));
        }
        fields.known(n, field, Set.of("relative", "absolute", "sigmas"), "unknown band field; use relative, absolute or sigmas");
        double rel = fields.optNumber(n, field, "relative", n.has("absolute") ? 0 : base.relative());
        double abs = fields.optNumber(n, field, "absolute", 0);
        double sig = fields.optNumber(n, field, "sigmas", base.sigmas());
        if (rel < 0 || abs < 0 || sig < 0) {
            throw fields.error(field, "band widths must be ≥ 0");
        }
        return new Band(rel, abs, sig);
    }
}
