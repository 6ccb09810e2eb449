package io.hotfire.domain.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.hotfire.domain.DataFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one reader of Hotfire's YAML and JSON data files (profiles, twin data, scenarios, feature
 * specs, labels, models, vocabularies): a node that knows its file, its field path
 * ({@code faults[2].signature.channels}) and, when asked, its line, so every complaint reads
 * {@code file:line: field: what is wrong} ({@link DataFileException}). Each kind of file raises its
 * own subclass, through the {@link Errors} it is read with. A value of the wrong type, a missing
 * required field and (with {@link #allowOnly}) an unknown field name are errors, never silently
 * read as a default. Lines are found only when an error is raised, so reading costs nothing more.
 */
public final class DataNode {

    /** Makes the exception of one kind of file. */
    @FunctionalInterface
    public interface Errors {
        DataFileException at(String file, int line, String field, String message);
    }

    /** Plain {@link DataFileException}s. */
    public static final Errors PLAIN = (file, line, field, message) -> new DataFileException(file, line, field, message, null);

    private final DataSource source;
    private final List<Object> segments;
    private final JsonNode node;

    private DataNode(DataSource source, List<Object> segments, JsonNode node) {
        this.source = source;
        this.segments = segments;
        this.node = node == null ? MissingNode.getInstance() : node;
    }

    /** Reads a YAML or JSON file (JSON is YAML); its root must be a mapping. */
    public static DataNode read(Path file, Errors errors) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            DataFileException x = errors.at(file.toString(), 0, "(file)", "cannot be read: " + e.getMessage());
            x.initCause(e);
            throw x;
        }
        return parse(file.toString(), bytes, errors);
    }

    /** Parses YAML or JSON text named {@code fileName}; its root must be a mapping. */
    public static DataNode parse(String fileName, byte[] bytes, Errors errors) {
        DataNode root = parseAny(fileName, bytes, errors);
        if (!root.node.isObject()) {
            throw root.error("must be a mapping of fields, got " + root.show());
        }
        return root;
    }

    /** Parses YAML or JSON text whose root may be anything (a list, a scalar). */
    public static DataNode parseAny(String fileName, byte[] bytes, Errors errors) {
        return parseAny(fileName, 1, bytes, errors);
    }

    /**
     * One line of a JSON-lines file (e.g. {@code labels.jsonl}), which is line {@code line} of
     * {@code fileName}: its errors name that line.
     */
    public static DataNode parseLine(String fileName, int line, String text, Errors errors) {
        return parseAny(fileName, line, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), errors);
    }

    private static DataNode parseAny(String fileName, int firstLine, byte[] bytes, Errors errors) {
        DataSource source = new DataSource(fileName, firstLine, bytes, errors);
        JsonNode root;
        try {
            root = source.readTree();
        } catch (IOException e) {
            int line = e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0
                    ? Math.min(j.getLocation().getLineNr(), DataSource.lastLine(bytes)) + firstLine - 1 : 0;
            String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            DataFileException x = errors.at(fileName, line, "(syntax)", "not valid YAML/JSON: " + DataSource.firstLine(m));
            x.initCause(e);
            throw x;
        }
        return new DataNode(source, List.of(), root);
    }

    /** A node over data not read from a file (built in code, or read before): errors carry no line. */
    public static DataNode of(String fileName, JsonNode root, Errors errors) {
        return new DataNode(new DataSource(fileName, 1, null, errors), List.of(), root);
    }

    public String file() {
        return source.file();
    }

    /** Field path of this node, empty for the root. */
    public String path() {
        return DataSource.describe(segments);
    }

    /** The line this node starts on (or, if it is absent, where it should be), 0 if unknown. */
    public int line() {
        return source.lineOf(segments);
    }

    /** The node itself, for readers that hand it to a library (e.g. Jackson) as a whole. */
    public JsonNode json() {
        return node;
    }

    /** An error about this node. */
    public DataFileException error(String message) {
        String p = path();
        return source.errors().at(file(), line(), p.isEmpty() ? "(root)" : p, message);
    }

    /** An error about its field {@code name} (which may be absent: the line is then this node's). */
    public DataFileException error(String name, String message) {
        return child(name).error(message);
    }

    /** An error about a field path below this node, written as in messages ({@code a.b[2].c}). */
    public DataFileException errorAt(String relativePath, String message) {
        List<Object> s = new ArrayList<>(segments);
        s.addAll(DataSource.segments(relativePath));
        return new DataNode(source, s, MissingNode.getInstance()).error(message);
    }

    private DataNode child(String name) {
        List<Object> s = new ArrayList<>(segments.size() + 1);
        s.addAll(segments);
        s.add(name);
        return new DataNode(source, List.copyOf(s), node.get(name));
    }

    private DataNode child(int index) {
        List<Object> s = new ArrayList<>(segments.size() + 1);
        s.addAll(segments);
        s.add(index);
        return new DataNode(source, List.copyOf(s), node.get(index));
    }

    private void requirePresent() {
        if (isMissing()) {
            throw error("is required");
        }
    }

    /** This (maybe absent) node's text, or {@code fallback} when it is absent. */
    public String textOr(String fallback) {
        return isMissing() ? fallback : text();
    }

    /** This (maybe absent) node's number, or {@code fallback} when it is absent. */
    public double numberOr(double fallback) {
        return isMissing() ? fallback : number();
    }

    /** This (maybe absent) node's whole number (fitting an int), or {@code fallback} when it is absent. */
    public int intOr(int fallback) {
        if (isMissing()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw error("must be a whole number, got " + show());
        }
        return node.asInt();
    }

    /** This (maybe absent) node's boolean, or {@code fallback} when it is absent. */
    public boolean boolOr(boolean fallback) {
        return isMissing() ? fallback : bool();
    }

    /** Absent or null. */
    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    public boolean has(String name) {
        JsonNode n = node.get(name);
        return n != null && !n.isNull();
    }

    public Optional<DataNode> opt(String name) {
        return has(name) ? Optional.of(child(name)) : Optional.empty();
    }

    /** A required field. */
    public DataNode get(String name) {
        return opt(name).orElseThrow(() -> error(name, "is required"));
    }

    /** A field, present or not ({@link #isMissing}): for readers that decide themselves. */
    public DataNode field(String name) {
        return child(name);
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
        return allowOnly(Set.of(allowed));
    }

    /** Rejects any field not in {@code allowed}, naming the first unknown one. */
    public DataNode allowOnly(Set<String> allowed) {
        requireObject();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw error(f, "unknown field; expected one of " + new TreeSet<>(allowed));
            }
        }
        return this;
    }

    public DataNode requireObject() {
        requirePresent();
        if (!node.isObject()) {
            throw error("must be a mapping, got " + show());
        }
        return this;
    }

    /** This node as a finite number. */
    public double number() {
        requirePresent();
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

    /** This node as a whole number. */
    public long integer() {
        requirePresent();
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw error("must be a whole number, got " + show());
        }
        return node.asLong();
    }

    public long integer(String name, long fallback) {
        return opt(name).map(DataNode::integer).orElse(fallback);
    }

    /** A whole number that fits an int. */
    public int intValue(String name, int fallback) {
        return field(name).intOr(fallback);
    }

    /** This node as non-empty text, trimmed (numbers and booleans are not text). */
    public String text() {
        requirePresent();
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

    public boolean bool() {
        requirePresent();
        if (!node.isBoolean()) {
            throw error("must be true or false, got " + show());
        }
        return node.asBoolean();
    }

    public boolean bool(String name, boolean fallback) {
        return opt(name).map(DataNode::bool).orElse(fallback);
    }

    /** Elements of a list field; an absent field is an empty list. */
    public List<DataNode> list(String name) {
        Optional<DataNode> n = opt(name);
        return n.isEmpty() ? List.of() : n.get().elements();
    }

    public List<DataNode> elements() {
        requirePresent();
        if (!node.isArray()) {
            throw error("must be a list, got " + show());
        }
        List<DataNode> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(child(i));
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

    /** A list of numbers; {@code null} entries read as NaN (missing values). */
    public double[] numbers() {
        List<DataNode> items = elements();
        double[] out = new double[items.size()];
        for (int i = 0; i < out.length; i++) {
            DataNode n = items.get(i);
            out[i] = n.isMissing() ? Double.NaN : n.number();
        }
        return out;
    }

    /** The fields of a mapping, in file order. */
    public Map<String, DataNode> fields() {
        requireObject();
        Map<String, DataNode> out = new LinkedHashMap<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            out.put(name, child(name));
        }
        return out;
    }

    /** The field names of a mapping, in file order. */
    public List<String> fieldNames() {
        return new ArrayList<>(fields().keySet());
    }

    /** A short rendering of the value for messages. */
    public String show() {
        return show(node);
    }

    /** A short rendering of a value for messages ({@code nothing} when absent). */
    public static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String t = n.toString();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }

    @Override
    public String toString() {
        return file() + ": " + (segments.isEmpty() ? "(root)" : path()) + " = " + show();
    }
}
