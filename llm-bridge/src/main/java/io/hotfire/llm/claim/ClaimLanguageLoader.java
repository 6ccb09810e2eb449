package io.hotfire.llm.claim;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotfire.domain.data.DataNode;
import io.hotfire.llm.vocabulary.VocabularyException;
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

/**
 * Reads a domain's {@code claims.yaml}. Problems name the file, the field path and the value
 * (as a {@link VocabularyException}), before anything is checked with it.
 */
public final class ClaimLanguageLoader {

    private ClaimLanguageLoader() {
    }

    /** {@code <domainFolder>/claims.yaml}, or an empty language when the domain has none. */
    public static ClaimLanguage loadFromDomain(Path domainFolder, String domainId) {
        Path file = domainFolder.resolve(ClaimLanguage.FILE_NAME);
        if (!Files.exists(file)) {
            return ClaimLanguage.empty(domainId);
        }
        try {
            return parse(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new VocabularyException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Each sensor's and derived quantity's unit as the profile writes it. */
    public static Map<String, String> sensorUnits(io.hotfire.domain.profile.EngineProfile profile) {
        Map<String, String> out = new LinkedHashMap<>();
        profile.sensors().forEach(s -> {
            if (s.unit() != null) {
                out.put(s.id(), s.unit());
            }
        });
        profile.derived().forEach(q -> {
            if (q.unit() != null) {
                out.put(q.id(), q.unit());
            }
        });
        return out;
    }

    public static ClaimLanguage parse(String fileName, byte[] bytes) {
        DataNode doc = DataNode.parse(fileName, bytes, VocabularyException::new);
        JsonNode root = doc.json();
        String id = root.path("id").asText(null);
        if (id == null || id.isBlank()) {
            throw doc.errorAt("id", "is required");
        }
        Map<String, List<ClaimLanguage.Phrase>> faults = phraseMap(doc, root, "faults", true);
        List<ClaimLanguage.Component> components = new ArrayList<>();
        JsonNode cs = root.path("components");
        for (int i = 0; i < cs.size(); i++) {
            JsonNode c = cs.get(i);
            String at = "components[" + i + "]";
            List<ClaimLanguage.Phrase> names = phrases(doc, c.get("names"), at + ".names", true);
            if (names.isEmpty()) {
                throw doc.errorAt(at + ".names", "needs at least one name");
            }
            components.add(new ClaimLanguage.Component(names, strings(doc, c.get("faults"), at + ".faults"),
                    strings(doc, c.get("sensors"), at + ".sensors")));
        }
        Map<String, ClaimLanguage.Unit> units = new LinkedHashMap<>();
        JsonNode us = root.path("units");
        for (int i = 0; i < us.size(); i++) {
            JsonNode u = us.get(i);
            String at = "units[" + i + "]";
            String unit = u.path("unit").asText(null);
            String quantity = u.path("quantity").asText(null);
            if (unit == null || unit.isBlank() || quantity == null || quantity.isBlank()) {
                throw doc.errorAt(at, "needs 'unit' and 'quantity'");
            }
            double factor = u.path("factor").asDouble(1);
            if (!(factor > 0) && !(factor < 0)) {
                throw doc.errorAt(at + ".factor", "must be a non-zero number, got " + u.get("factor"));
            }
            units.put(unit, new ClaimLanguage.Unit(unit, quantity, factor, u.path("offset").asDouble(0)));
        }
        double tolerance = root.path("numbers").path("relativeTolerance").asDouble(0.005);
        if (!(tolerance >= 0 && tolerance < 0.5)) {
            throw doc.errorAt("numbers.relativeTolerance", "must be from 0 to 0.5, got " + tolerance);
        }
        return new ClaimLanguage(id, faults, components, phraseMap(doc, root, "actions", false),
                phraseMap(doc, root, "severities", false),
                phrases(doc, root.get("adviceMarkers"), "adviceMarkers", true),
                phrases(doc, root.get("ruleConclusionMarkers"), "ruleConclusionMarkers", false),
                phrases(doc, root.get("defiance"), "defiance", false), units, tolerance);
    }

    private static Map<String, List<ClaimLanguage.Phrase>> phraseMap(DataNode file, JsonNode root, String field, boolean prefix) {
        Map<String, List<ClaimLanguage.Phrase>> out = new LinkedHashMap<>();
        JsonNode m = root.get(field);
        if (m == null || m.isNull()) {
            return out;
        }
        if (!m.isObject()) {
            throw file.errorAt(field, "must be a mapping of code to a list of phrases");
        }
        Iterator<Map.Entry<String, JsonNode>> it = m.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), phrases(file, e.getValue(), field + "." + e.getKey(), prefix));
        }
        return out;
    }

    private static List<ClaimLanguage.Phrase> phrases(DataNode file, JsonNode list, String at, boolean prefix) {
        List<ClaimLanguage.Phrase> out = new ArrayList<>();
        for (String s : strings(file, list, at)) {
            ClaimLanguage.Phrase p = ClaimLanguage.Phrase.of(s, prefix);
            if (p.words().isEmpty()) {
                throw file.errorAt(at, "phrase '" + s + "' has no words");
            }
            out.add(p);
        }
        return out;
    }

    private static Set<String> strings(DataNode file, JsonNode list, String at) {
        Set<String> out = new HashSet<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw file.errorAt(at, "must be a list");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual() || list.get(i).asText().isBlank()) {
                throw file.errorAt(at + "[" + i + "]", "must be a non-empty text, got " + list.get(i));
            }
            out.add(list.get(i).asText());
        }
        return out;
    }
}
