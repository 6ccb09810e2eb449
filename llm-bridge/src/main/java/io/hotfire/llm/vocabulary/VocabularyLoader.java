package io.hotfire.llm.vocabulary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hotfire.domain.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates a domain's {@code vocabulary.yaml}. Every problem names the file, the
 * field path (e.g. {@code observations[3].supports[1]}) and the offending value, and fails
 * before the vocabulary is used. Fault codes in {@code supports} and sensor ids in
 * {@code sensors} are checked against the catalogue and the profile when those are given.
 */
public final class VocabularyLoader {

    /** The file name inside a domain folder. */
    public static final String FILE_NAME = "vocabulary.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FIELDS = Set.of("code", "description", "synonyms", "components", "sensors", "supports",
            "notWith");

    private final Set<String> faultCodes;
    private final Set<String> sensorIds;

    /**
     * @param faultCodes the fault catalogue that {@code supports} must come from; empty skips the check
     * @param sensorIds  the profile's sensor ids that {@code sensors} must come from; empty skips the check
     */
    public VocabularyLoader(Set<String> faultCodes, Set<String> sensorIds) {
        this.faultCodes = Set.copyOf(faultCodes);
        this.sensorIds = Set.copyOf(sensorIds);
    }

    /** A loader that checks only the file's own consistency. */
    public static VocabularyLoader unchecked() {
        return new VocabularyLoader(Set.of(), Set.of());
    }

    /** Reads {@code <domainFolder>/vocabulary.yaml}. */
    public Vocabulary loadFromDomain(Path domainFolder) {
        return load(domainFolder.resolve(FILE_NAME));
    }

    public Vocabulary load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new VocabularyException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes);
    }

    public Vocabulary parse(String fileName, byte[] bytes) {
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            throw new VocabularyException(fileName, "(syntax)", "not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new VocabularyException(fileName, "(root)", "must be a mapping with 'id' and 'observations'");
        }
        Reader r = new Reader(fileName);
        String domain = r.text(root, "", "id");
        JsonNode list = root.get("observations");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw r.error("observations", "must be a non-empty list of entries, got " + show(list));
        }
        List<VocabularyEntry> entries = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        int i = 0;
        for (JsonNode n : list) {
            String path = "observations[" + i + "]";
            VocabularyEntry e = r.entry(n, path);
            if (!codes.add(e.code())) {
                throw r.error(path + ".code", "duplicate code '" + e.code() + "'");
            }
            entries.add(e);
            i++;
        }
        Map<String, String> abbreviations = new LinkedHashMap<>();
        JsonNode ab = root.get("abbreviations");
        if (ab != null && !ab.isNull()) {
            if (!ab.isObject()) {
                throw r.error("abbreviations", "must be a mapping shorthand → words, got " + show(ab));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = ab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "abbreviations." + e.getKey();
                if (!e.getKey().matches("[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")) {
                    throw r.error(field, "shorthand must be one word of letters and digits, got '" + e.getKey() + "'");
                }
                if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    throw r.error(field, "must be a non-empty string, got " + show(e.getValue()));
                }
                abbreviations.put(e.getKey(), e.getValue().asText().trim());
            }
        }
        List<Vocabulary.ContextRule> rules = new ArrayList<>();
        JsonNode cr = root.get("contextAbbreviations");
        if (cr != null && !cr.isNull()) {
            if (!cr.isArray()) {
                throw r.error("contextAbbreviations", "must be a list of {shorthand, means, when}, got " + show(cr));
            }
            for (int k = 0; k < cr.size(); k++) {
                JsonNode x = cr.get(k);
                String at = "contextAbbreviations[" + k + "]";
                if (!x.path("shorthand").isTextual() || !x.path("means").isTextual() || !x.path("when").isArray()
                        || x.path("when").isEmpty()) {
                    throw r.error(at, "needs 'shorthand', 'means' and a non-empty list 'when', got " + show(x));
                }
                List<String> cues = new ArrayList<>();
                x.get("when").forEach(w -> cues.add(w.asText().toLowerCase(java.util.Locale.ROOT)));
                rules.add(new Vocabulary.ContextRule(x.get("shorthand").asText(), x.get("means").asText(), cues));
            }
        }
        return new Vocabulary(domain, Hashing.sha256Hex(bytes).substring(0, 16), entries, abbreviations, rules);
    }

    private final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        VocabularyException error(String field, String message) {
            return new VocabularyException(file, field, message);
        }

        String text(JsonNode node, String path, String name) {
            JsonNode n = node.get(name);
            String field = path.isEmpty() ? name : path + "." + name;
            if (n == null || n.isNull()) {
                throw error(field, "is required");
            }
            if (!n.isTextual() || n.asText().isBlank()) {
                throw error(field, "must be a non-empty string, got " + show(n));
            }
            return n.asText().trim();
        }

        List<String> texts(JsonNode node, String path, String name, boolean required) {
            JsonNode n = node.get(name);
            String field = path + "." + name;
            if (n == null || n.isNull()) {
                if (required) {
                    throw error(field, "is required");
                }
                return List.of();
            }
            if (!n.isArray()) {
                throw error(field, "must be a list of strings, got " + show(n));
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                JsonNode v = n.get(i);
                if (!v.isTextual() || v.asText().isBlank()) {
                    throw error(field + "[" + i + "]", "must be a non-empty string, got " + show(v));
                }
                out.add(v.asText().trim());
            }
            if (required && out.isEmpty()) {
                throw error(field, "must not be empty");
            }
            return out;
        }

        VocabularyEntry entry(JsonNode n, String path) {
            if (!n.isObject()) {
                throw error(path, "must be a mapping of entry fields, got " + show(n));
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!FIELDS.contains(f)) {
                    throw error(path + "." + f, "unknown field; use one of " + new TreeSet<>(FIELDS));
                }
            }
            String code = text(n, path, "code");
            if (!code.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")) {
                throw error(path + ".code", "must be UPPER_SNAKE (letters, digits, '_'), got '" + code + "'");
            }
            String description = text(n, path, "description");
            List<String> synonyms = texts(n, path, "synonyms", false);
            List<String> components = texts(n, path, "components", true);
            List<String> sensors = texts(n, path, "sensors", false);
            for (int i = 0; i < sensors.size(); i++) {
                if (!sensorIds.isEmpty() && !sensorIds.contains(sensors.get(i))) {
                    throw error(path + ".sensors[" + i + "]", "unknown sensor '" + sensors.get(i) + "'");
                }
            }
            List<String> supports = texts(n, path, "supports", true);
            for (int i = 0; i < supports.size(); i++) {
                if (!faultCodes.isEmpty() && !faultCodes.contains(supports.get(i))) {
                    throw error(path + ".supports[" + i + "]", "'" + supports.get(i) + "' is not a catalogue fault code");
                }
            }
            List<String> notWith = texts(n, path, "notWith", false);
            return new VocabularyEntry(code, description, synonyms, components, sensors, supports, notWith);
        }
    }

    static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        String t = n.toString();
        return t.length() > 60 ? t.substring(0, 57) + "..." : t;
    }
}
