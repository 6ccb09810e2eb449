package io.hotfire.domain.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a profile's {@code csv:} section: how recorded CSV files map onto the sensors. */
final class CsvSection {

    private final ProfileFields fields;

    CsvSection(ProfileFields fields) {
        this.fields = fields;
    }

    /** {@code csv:} time column, its unit, renamed, scaled and ignored columns. */
    CsvMapping read(JsonNode n, List<SensorSpec> sensors) {
        if (n == null || n.isNull()) {
            return CsvMapping.DEFAULT;
        }
        String path = "csv";
        if (!n.isObject()) {
            throw fields.error(path, "must be a mapping (timeColumn, timeUnit, columns, scale, ignore), got " + fields.show(n));
        }
        fields.known(n, path, Set.of("timeColumn", "timeUnit", "columns", "scale", "ignore"), "unknown key; use timeColumn, timeUnit, columns, scale or ignore");
        Set<String> ids = new HashSet<>();
        sensors.forEach(s -> ids.add(s.id()));
        String time = fields.optText(n, path, "timeColumn", "t");
        if (time.isBlank()) {
            throw fields.error(path + ".timeColumn", "must not be blank");
        }
        String unit = fields.optText(n, path, "timeUnit", "s");
        double timeScale = switch (unit) {
            case "s" -> 1.0;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "min" -> 60.0;
            default -> throw fields.error(path + ".timeUnit", "must be s, ms, us or min, got '" + unit + "'");
        };
        Map<String, String> columns = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields.entries(n, path, "columns", "file column → sensor id")) {
            String target = e.getValue().asText();
            if (!e.getValue().isTextual() || !ids.contains(target)) {
                throw fields.error(path + ".columns." + e.getKey(), "must name a sensor, got " + fields.show(e.getValue()));
            }
            columns.put(e.getKey(), target);
        }
        Map<String, Double> scales = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields.entries(n, path, "scale", "sensor id → factor")) {
            String f = path + ".scale." + e.getKey();
            if (!ids.contains(e.getKey())) {
                throw fields.error(f, "unknown sensor '" + e.getKey() + "'");
            }
            double factor = fields.number(e.getValue(), f);
            if (factor == 0) {
                throw fields.error(f, "must not be 0");
            }
            scales.put(e.getKey(), factor);
        }
        List<String> ignore = new ArrayList<>();
        int i = 0;
        for (JsonNode g : fields.list(n, path, "ignore", false)) {
            if (!g.isTextual()) {
                throw fields.error(path + ".ignore[" + i + "]", "must be a column name, got " + fields.show(g));
            }
            ignore.add(g.asText());
            i++;
        }
        return new CsvMapping(time, timeScale, columns, scales, ignore);
    }
}
