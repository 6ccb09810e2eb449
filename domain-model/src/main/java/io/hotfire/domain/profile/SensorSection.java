package io.hotfire.domain.profile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** Reads one entry of a profile's {@code sensors:} list (its limits included) and references to sensors. */
final class SensorSection {

    private final ProfileFields fields;

    SensorSection(ProfileFields fields) {
        this.fields = fields;
    }

    SensorSpec read(JsonNode s, String path) {
        if (!s.isObject()) {
            throw fields.error(path, "must be a mapping of sensor fields, got " + fields.show(s));
        }
        String id = fields.text(s, path, "id");
        if (!id.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw fields.error(path + ".id", "must start with a letter and hold letters, digits or '_', got '" + id + "'");
        }
        double noise = fields.number(s, path, "noise");
        if (noise < 0) {
            throw fields.error(path + ".noise", "must be ≥ 0, got " + noise);
        }
        Range span = fields.range(s.get("span"), path + ".span");
        Limits limits = Limits.NONE;
        JsonNode l = s.get("limits");
        if (l != null && !l.isNull()) {
            String lp = path + ".limits";
            if (!l.isObject()) {
                throw fields.error(lp, "must be a mapping, got " + fields.show(l));
            }
            fields.known(l, lp, Set.of("warnLow", "warnHigh", "redLow", "redHigh"), "unknown limit; use warnLow, warnHigh, redLow or redHigh");
            limits = new Limits(limit(l.get("warnLow"), lp + ".warnLow"), limit(l.get("warnHigh"), lp + ".warnHigh"),
                    limit(l.get("redLow"), lp + ".redLow"), limit(l.get("redHigh"), lp + ".redHigh"));
            check(limits.warnLow(), limits.redLow(), lp + ".warnLow", true);
            check(limits.warnHigh(), limits.redHigh(), lp + ".warnHigh", false);
        }
        String estimate = fields.optText(s, path, "estimate", null);
        double tol = fields.optNumber(s, path, "estimateTolerance", 0.05);
        return new SensorSpec(id, fields.optText(s, path, "description", ""), fields.optText(s, path, "unit", ""),
                fields.number(s, path, "nominal"), fields.number(s, path, "k"), noise, span, limits, estimate, tol);
    }

    String sensorRef(JsonNode node, String path, String name, List<SensorSpec> sensors) {
        String ref = fields.text(node, path, name);
        if (sensors.stream().noneMatch(s -> s.id().equals(ref))) {
            throw fields.error(fields.join(path, name), "unknown sensor '" + ref + "'");
        }
        return ref;
    }

    /** A warning line must sit inside its redline when both are of the same basis. */
    void check(Limit warn, Limit red, String field, boolean low) {
        if (warn == null || red == null || warn.basis() != red.basis()) {
            return;
        }
        if (low ? warn.value() < red.value() : warn.value() > red.value()) {
            throw fields.error(field, "warning " + warn + " lies beyond the redline " + red);
        }
    }

    /** A number is an absolute limit; {@code {factor: 0.9}} is a factor of expected(θ). */
    Limit limit(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return Limit.absolute(fields.number(n, field));
        }
        if (n.isObject() && n.has("factor") && n.size() == 1) {
            double f = fields.number(n.get("factor"), field + ".factor");
            if (f <= 0) {
                throw fields.error(field + ".factor", "must be > 0, got " + f);
            }
            return Limit.ofExpected(f);
        }
        throw fields.error(field, "must be a number (absolute) or {factor: x} (× expected), got " + fields.show(n));
    }
}
