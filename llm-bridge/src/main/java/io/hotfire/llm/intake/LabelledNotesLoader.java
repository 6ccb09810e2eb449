package io.hotfire.llm.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotfire.domain.data.DataNode;
import io.hotfire.llm.vocabulary.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a domain's labelled engineer notes, {@code <domain>/intake/*.yaml}, the training data of
 * the offline intake's clause classifier ({@link OfflineIntake#learnFrom}). Each file:
 * <pre>
 * notes:
 *   - id: N01                       # unique across the folder
 *     text: "frost on the LOX inlet flange, no leaks"
 *     runTime: 12.0                 # optional
 *     expected:                     # (code, present) per observation the note states; [] for none
 *       - {code: FROST_ON_LINE, present: true}
 *       - {code: VISIBLE_LEAK, present: false}
 * </pre>
 * Every code must be in the domain's vocabulary; every problem names the file, the field path
 * ({@code notes[3].expected[1].code}) and the value. A domain without the folder has no training
 * notes and runs the vocabulary matcher alone.
 */
public final class LabelledNotesLoader {

    /** The folder inside a domain folder. */
    public static final String FOLDER = "intake";


    private LabelledNotesLoader() {
    }

    /** Every labelled note of {@code <domainFolder>/intake/*.yaml}, files in name order; empty without the folder. */
    public static List<OfflineIntake.LabelledNote> loadFromDomain(Path domainFolder, Vocabulary vocabulary) {
        Path folder = domainFolder.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new LabelledNotesException(folder.toString(), "(folder)", "cannot be listed: " + e.getMessage(), e);
        }
        Map<String, String> ids = new HashMap<>();
        List<OfflineIntake.LabelledNote> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(load(f, vocabulary, ids));
        }
        return out;
    }

    /** The labelled notes of one file. */
    public static List<OfflineIntake.LabelledNote> load(Path file, Vocabulary vocabulary) {
        return load(file, vocabulary, new HashMap<>());
    }

    private static List<OfflineIntake.LabelledNote> load(Path file, Vocabulary vocabulary, Map<String, String> ids) {
        String name = file.toString();
        DataNode doc = DataNode.read(file, LabelledNotesException::new);
        JsonNode root = doc.json();
        JsonNode notes = root == null ? null : root.get("notes");
        if (notes == null || !notes.isArray()) {
            throw doc.errorAt("notes", "must be a list of labelled notes");
        }
        List<OfflineIntake.LabelledNote> out = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            JsonNode n = notes.get(i);
            String at = "notes[" + i + "]";
            String id = text(doc, n, at, "id");
            String text = text(doc, n, at, "text");
            String earlier = ids.putIfAbsent(id, name);
            if (earlier != null) {
                throw doc.errorAt(at + ".id", "'" + id + "' is already the id of a note in " + earlier);
            }
            JsonNode expected = n.get("expected");
            if (expected == null || !expected.isArray()) {
                throw doc.errorAt(at + ".expected", "must be a list of {code, present} ([] for none)");
            }
            Set<String> codes = new LinkedHashSet<>();
            for (int j = 0; j < expected.size(); j++) {
                JsonNode e = expected.get(j);
                String where = at + ".expected[" + j + "]";
                String code = text(doc, e, where, "code");
                if (!vocabulary.contains(code)) {
                    throw doc.errorAt(where + ".code", "'" + code + "' is not in the "
                            + vocabulary.domain() + " vocabulary");
                }
                JsonNode present = e.get("present");
                if (present == null || !present.isBoolean()) {
                    throw doc.errorAt(where + ".present", "must be true or false");
                }
                codes.add(code);
            }
            out.add(new OfflineIntake.LabelledNote(text, Set.copyOf(codes)));
        }
        return out;
    }

    private static String text(DataNode file, JsonNode n, String at, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw file.errorAt(at + "." + field, "must be a non-empty text");
        }
        return v.asText();
    }
}
