package io.hotfire.sim.datafile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of a YAML or JSON data file that knows where it is ({@code faults[2].signature.channels}),
 * so every complaint names the file and the field. Unknown field names are errors, not silently
 * ignored, so a typo in a scenario file is caught.
 */
public final class DataNode {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String file;
    private final String path;
    private final JsonNode node;

    private DataNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Reads a YAML or JSON file (JSON is YAML); its root must be a mapping. */
    public static DataNode read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SimDataException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    public static DataNode parse(String fileName, byte[] bytes) {
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            throw new SimDataException(fileName, "(syntax)", "not valid YAML/JSON: " + firstLine(e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new SimDataException(fileName, "(root)", "must be a mapping of fields");
        }
        return new DataNode(fileName, "", root);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public String file() {
        return file;
    }

    /** Field path of this node, empty for the root. */
    public String path() {
        return path;
    }

    public SimDataException error(String message) {
        return new SimDataException(file, path.isEmpty() ? "(root)" : path, message);
    }

    public SimDataException error(String name, String message) {
        return new SimDataException(file, join(path, name), message);
    }

    private String join(String p, String name) {
        return p.isEmpty() ? name : p + "." + name;
    }

    public boolean has(String name) {
        JsonNode n = node.get(name);
        return n != null && !n.isNull();
    }

    public Optional<DataNode> opt(String name) {
        JsonNode n = node.get(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new DataNode(file, join(path, name), n));
    }

    public DataNode get(String name) {
        return opt(name).orElseThrow(() -> error(name, "is required"));
    }

    public boolean isObject() {
        return node.isObject();
    }

    public boolean isNumber() {
        return node.isNumber();
    }

    public boolean isText() {
        return node.isTextual();
    }

    public boolean isList() {
        return node.isArray();
    }

    /** Rejects any field not in {@code allowed}, naming the first unknown one. */
    public DataNode allowOnly(String... allowed) {
        requireObject();
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ok.contains(f)) {
                throw error(f, "unknown field; expected one of " + new TreeSet<>(Arrays.asList(allowed)));
            }
        }
        return this;
    }

    public DataNode requireObject() {
        if (!node.isObject()) {
            throw error("must be a mapping, got " + show());
        }
        return this;
    }

    /** This node as a number. */
    public double number() {
        if (node.isNumber()) {
            double d = node.asDouble();
            if (!Double.isFinite(d)) {
                throw error("must be a finite number, got " + show());
            }
            return d;
        }
        throw error("must be a number, got " + show());
    }

    public double number(String name) {
        return get(name).number();
    }

    public double number(String name, double fallback) {
        return opt(name).map(DataNode::number).orElse(fallback);
    }

    public long integer(String name, long fallback) {
        Optional<DataNode> n = opt(name);
        if (n.isEmpty()) {
            return fallback;
        }
        if (!n.get().node.canConvertToLong() || !n.get().node.isIntegralNumber()) {
            throw n.get().error("must be a whole number, got " + n.get().show());
        }
        return n.get().node.asLong();
    }

    /** This node as text (numbers and booleans are not text). */
    public String text() {
        if (!node.isTextual()) {
            throw error("must be text, got " + show());
        }
        String s = node.asText().trim();
        if (s.isEmpty()) {
            throw error("must not be empty");
        }
        return s;
    }

    public String text(String name) {
        return get(name).text();
    }

    public String text(String name, String fallback) {
        return opt(name).map(DataNode::text).orElse(fallback);
    }

    public boolean bool(String name, boolean fallback) {
        Optional<DataNode> n = opt(name);
        if (n.isEmpty()) {
            return fallback;
        }
        if (!n.get().node.isBoolean()) {
            throw n.get().error("must be true or false, got " + n.get().show());
        }
        return n.get().node.asBoolean();
    }

    /** Elements of a list field; an absent field is an empty list. */
    public List<DataNode> list(String name) {
        Optional<DataNode> n = opt(name);
        if (n.isEmpty()) {
            return List.of();
        }
        return n.get().elements();
    }

    public List<DataNode> elements() {
        if (!node.isArray()) {
            throw error("must be a list, got " + show());
        }
        List<DataNode> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            out.add(new DataNode(file, path + "[" + i + "]", node.get(i)));
        }
        return out;
    }

    /** A text field or a list of text fields, as a list. */
    public List<String> texts() {
        if (node.isTextual()) {
            return List.of(text());
        }
        return elements().stream().map(DataNode::text).toList();
    }

    /** The fields of a mapping, in file order. */
    public Map<String, DataNode> fields() {
        requireObject();
        Map<String, DataNode> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), new DataNode(file, join(path, e.getKey()), e.getValue() == null ? MissingNode.getInstance() : e.getValue()));
        }
        return out;
    }

    /** A short rendering of the value for messages. */
    public String show() {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String t = node.toString();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }
}
