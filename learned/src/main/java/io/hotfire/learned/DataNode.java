package io.hotfire.learned;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON/YAML node with its file and field path, so every error says where it is. Shared by the
 * spec, labels and model readers of this module.
 */
public record DataNode(String file, String path, JsonNode node) {

    public static DataNode root(String file, JsonNode node) {
        return new DataNode(file, "(root)", node);
    }

    public LearnedDataException error(String message) {
        return new LearnedDataException(file, path, message);
    }

    public boolean isMissing() {
        return node == null || node.isMissingNode() || node.isNull();
    }

    public DataNode get(String field) {
        JsonNode child = node == null ? null : node.get(field);
        return new DataNode(file, path.equals("(root)") ? field : path + "." + field, child);
    }

    public DataNode at(int i) {
        return new DataNode(file, path + "[" + i + "]", node.get(i));
    }

    /** Fails on any field not in {@code known} (a typo must not silently fall back to a default). */
    public DataNode only(Set<String> known) {
        object();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw get(f).error("unknown field; known: " + known.stream().sorted().toList());
            }
        }
        return this;
    }

    public DataNode object() {
        if (isMissing() || !node.isObject()) {
            throw error("must be a mapping");
        }
        return this;
    }

    public List<DataNode> list() {
        if (isMissing() || !node.isArray()) {
            throw error("must be a list");
        }
        List<DataNode> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(at(i));
        }
        return out;
    }

    public List<String> fieldNames() {
        object();
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public String text() {
        if (isMissing() || !node.isTextual() || node.asText().isBlank()) {
            throw error("is required (a non-empty string)");
        }
        return node.asText();
    }

    public String text(String dflt) {
        return isMissing() ? dflt : text();
    }

    public double number() {
        if (isMissing() || !node.isNumber()) {
            throw error("must be a number");
        }
        double v = node.asDouble();
        if (!Double.isFinite(v)) {
            throw error("must be a finite number, got " + node.asText());
        }
        return v;
    }

    public double number(double dflt) {
        return isMissing() ? dflt : number();
    }

    public int integer(int dflt) {
        if (isMissing()) {
            return dflt;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("must be an integer, got " + node.asText());
        }
        return node.asInt();
    }

    public long longValue() {
        if (isMissing() || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("must be an integer");
        }
        return node.asLong();
    }

    public boolean bool(boolean dflt) {
        if (isMissing()) {
            return dflt;
        }
        if (!node.isBoolean()) {
            throw error("must be true or false, got " + node.asText());
        }
        return node.asBoolean();
    }

    /** A list of numbers; {@code null} entries read as NaN (missing values). */
    public double[] numbers() {
        List<DataNode> items = list();
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            DataNode n = items.get(i);
            out[i] = n.isMissing() ? Double.NaN : n.number();
        }
        return out;
    }

    public List<String> texts() {
        return list().stream().map(DataNode::text).toList();
    }
}
