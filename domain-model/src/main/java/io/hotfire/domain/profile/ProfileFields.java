package io.hotfire.domain.profile;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotfire.domain.data.DataNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The typed field reader of a profile file: reads one field of a YAML/JSON node as text, number,
 * range, list or mapping, checks it, and names the file, the line, the field path (e.g.
 * {@code sensors[3].limits.redHigh}) and the offending value in every error. The file is read by
 * domain-model's one data reader ({@link DataNode}), which also finds the line of a field path and
 * raises the error, in the one format {@code file:line: field: what is wrong}.
 */
final class ProfileFields {

    private final DataNode root;

    ProfileFields(DataNode root) {
        this.root = root;
    }

    /** The profile's file name, as given to the loader. */
    String file() {
        return root.file();
    }

    ProfileException error(String field, String message) {
        return (ProfileException) root.errorAt(field, message); // read with ProfileException::new
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

    double nonNegative(JsonNode node, String path, String name, double dflt) {
        double d = optNumber(node, path, name, dflt);
        if (d < 0) {
            throw error(join(path, name), "must be ≥ 0, got " + d);
        }
        return d;
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

    /**
     * The entries of the mapping {@code name} (none if it is absent), in file order; anything but a
     * mapping is an error saying it must be "a mapping {@code what}".
     */
    List<Map.Entry<String, JsonNode>> entries(JsonNode node, String path, String name, String what) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isObject()) {
            throw error(join(path, name), "must be a mapping " + what + ", got " + show(n));
        }
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    void only(JsonNode n, String path, Set<String> keys) {
        if (!n.isObject()) {
            throw error(path, "must be a mapping (" + String.join(", ", new TreeSet<>(keys)) + "), got " + show(n));
        }
        known(n, path, keys, "unknown key; use " + String.join(", ", new TreeSet<>(keys)));
    }

    /** A mapping's keys must all be among {@code keys}: the first other one is an error saying {@code use}. */
    void known(JsonNode n, String path, Set<String> keys, String use) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!keys.contains(f)) {
                throw error(path + "." + f, use);
            }
        }
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
