package io.hotfire.llm.vocabulary;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotfire.domain.Hashing;
import io.hotfire.domain.data.DataNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates a domain's {@code vocabulary.yaml} with domain-model's one data reader
 * ({@link DataNode}). Every problem names the file, the line, the field path (e.g. {@code observations[3].supports[1]}) and the offending value, and fails
 * before the vocabulary is used. Fault codes in {@code supports} and sensor ids in
 * {@code sensors} are checked against the catalogue and the profile when those are given.
 */
public final class VocabularyLoader {

    /** The file name inside a domain folder. */
    public static final String FILE_NAME = "vocabulary.yaml";

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
        DataNode root = DataNode.parse(fileName, bytes, VocabularyException::new);
        String domain = nonBlank(root.get("id"));
        DataNode list = root.field("observations");
        if (!list.isList() || list.json().isEmpty()) {
            throw list.error("must be a non-empty list of entries, got " + list.show());
        }
        List<VocabularyEntry> entries = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (DataNode n : list.elements()) {
            VocabularyEntry e = entry(n);
            if (!codes.add(e.code())) {
                throw n.error("code", "duplicate code '" + e.code() + "'");
            }
            entries.add(e);
        }
        Map<String, String> abbreviations = new LinkedHashMap<>();
        Optional<DataNode> ab = root.opt("abbreviations");
        if (ab.isPresent()) {
            if (!ab.get().isObject()) {
                throw ab.get().error("must be a mapping shorthand → words, got " + ab.get().show());
            }
            for (Map.Entry<String, DataNode> e : ab.get().fields().entrySet()) {
                if (!e.getKey().matches("[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")) {
                    throw e.getValue().error("shorthand must be one word of letters and digits, got '" + e.getKey() + "'");
                }
                abbreviations.put(e.getKey(), nonBlank(e.getValue()));
            }
        }
        List<Vocabulary.ContextRule> rules = new ArrayList<>();
        Optional<DataNode> cr = root.opt("contextAbbreviations");
        if (cr.isPresent()) {
            if (!cr.get().isList()) {
                throw cr.get().error("must be a list of {shorthand, means, when}, got " + cr.get().show());
            }
            for (DataNode x : cr.get().elements()) {
                JsonNode j = x.json();
                if (!j.path("shorthand").isTextual() || !j.path("means").isTextual() || !j.path("when").isArray()
                        || j.path("when").isEmpty()) {
                    throw x.error("needs 'shorthand', 'means' and a non-empty list 'when', got " + x.show());
                }
                List<String> cues = new ArrayList<>();
                j.get("when").forEach(w -> cues.add(w.asText().toLowerCase(java.util.Locale.ROOT)));
                rules.add(new Vocabulary.ContextRule(j.get("shorthand").asText(), j.get("means").asText(), cues));
            }
        }
        return new Vocabulary(domain, Hashing.sha256Hex(bytes).substring(0, 16), entries, abbreviations, rules);
    }

    /** A non-empty string, trimmed. */
    private static String nonBlank(DataNode n) {
        if (!n.isText() || n.json().asText().isBlank()) {
            throw n.error("must be a non-empty string, got " + n.show());
        }
        return n.json().asText().trim();
    }

    /** The strings of list field {@code name}; absent: none, or an error if {@code required}. */
    private static List<String> texts(DataNode node, String name, boolean required) {
        Optional<DataNode> n = node.opt(name);
        if (n.isEmpty()) {
            if (required) {
                throw node.error(name, "is required");
            }
            return List.of();
        }
        if (!n.get().isList()) {
            throw n.get().error("must be a list of strings, got " + n.get().show());
        }
        List<String> out = new ArrayList<>();
        for (DataNode v : n.get().elements()) {
            out.add(nonBlank(v));
        }
        if (required && out.isEmpty()) {
            throw n.get().error("must not be empty");
        }
        return out;
    }

    private VocabularyEntry entry(DataNode n) {
        if (!n.isObject()) {
            throw n.error("must be a mapping of entry fields, got " + n.show());
        }
        for (String f : n.fieldNames()) {
            if (!FIELDS.contains(f)) {
                throw n.error(f, "unknown field; use one of " + new TreeSet<>(FIELDS));
            }
        }
        String code = nonBlank(n.get("code"));
        if (!code.matches("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*")) {
            throw n.error("code", "must be UPPER_SNAKE (letters, digits, '_'), got '" + code + "'");
        }
        String description = nonBlank(n.get("description"));
        List<String> synonyms = texts(n, "synonyms", false);
        List<String> components = texts(n, "components", true);
        List<String> sensors = texts(n, "sensors", false);
        for (int i = 0; i < sensors.size(); i++) {
            if (!sensorIds.isEmpty() && !sensorIds.contains(sensors.get(i))) {
                throw n.errorAt("sensors[" + i + "]", "unknown sensor '" + sensors.get(i) + "'");
            }
        }
        List<String> supports = texts(n, "supports", true);
        for (int i = 0; i < supports.size(); i++) {
            if (!faultCodes.isEmpty() && !faultCodes.contains(supports.get(i))) {
                throw n.errorAt("supports[" + i + "]", "'" + supports.get(i) + "' is not a catalogue fault code");
            }
        }
        List<String> notWith = texts(n, "notWith", false);
        return new VocabularyEntry(code, description, synonyms, components, sensors, supports, notWith);
    }
}
