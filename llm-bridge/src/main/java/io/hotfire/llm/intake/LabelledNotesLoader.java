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
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
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
 * notes and runs the vocabulary matcher alone. The same files are what {@link IntakeScore} scores an
 * intake on ({@code hotfire intake}).
 */
public final class LabelledNotesLoader {

    /** The folder inside a domain folder. */
    public static final String FOLDER = "intake";

    /** One observation a labelled note states: its code, present or absent. */
    public record Label(String code, boolean present) {
    }

    /** A labelled note as written: its file, id, text, optional run time and the observations it states. */
    public record Labelled(String file, String id, String text, Optional<Double> runTime, List<Label> expected) {
        public Labelled {
            expected = List.copyOf(expected);
        }

        /** What the clause classifier learns from: the text and the codes it states, present or absent. */
        public OfflineIntake.LabelledNote training() {
            Set<String> codes = new LinkedHashSet<>();
            expected.forEach(l -> codes.add(l.code()));
            return new OfflineIntake.LabelledNote(text, Set.copyOf(codes));
        }
    }

    private LabelledNotesLoader() {
    }

    /** Every labelled note of {@code <domainFolder>/intake/*.yaml}, files in name order; empty without the folder. */
    public static List<OfflineIntake.LabelledNote> loadFromDomain(Path domainFolder, Vocabulary vocabulary) {
        return training(loadLabelledFromDomain(domainFolder, vocabulary, f -> false));
    }

    /**
     * The labelled notes of {@code <domainFolder>/intake/*.yaml}, files in name order, less the files {@code leaveOut}
     * accepts (a file being scored, so that it is scored out of sample); empty without the folder.
     */
    public static List<Labelled> loadLabelledFromDomain(Path domainFolder, Vocabulary vocabulary, Predicate<Path> leaveOut) {
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
        List<Labelled> out = new ArrayList<>();
        for (Path f : files) {
            List<Labelled> notes = load(f, vocabulary, ids); // checked even when left out
            if (!leaveOut.test(f)) {
                out.addAll(notes);
            }
        }
        return out;
    }

    /** The labelled notes of one file, as training notes. */
    public static List<OfflineIntake.LabelledNote> load(Path file, Vocabulary vocabulary) {
        return training(loadLabelled(file, vocabulary));
    }

    /** The labelled notes of one file, as written. */
    public static List<Labelled> loadLabelled(Path file, Vocabulary vocabulary) {
        return load(file, vocabulary, new HashMap<>());
    }

    /** The training notes of labelled ones. */
    public static List<OfflineIntake.LabelledNote> training(List<Labelled> notes) {
        return notes.stream().map(Labelled::training).toList();
    }

    private static List<Labelled> load(Path file, Vocabulary vocabulary, Map<String, String> ids) {
        String name = file.toString();
        DataNode doc = DataNode.read(file, LabelledNotesException::new);
        JsonNode root = doc.json();
        JsonNode notes = root == null ? null : root.get("notes");
        if (notes == null || !notes.isArray()) {
            throw doc.errorAt("notes", "must be a list of labelled notes");
        }
        List<Labelled> out = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            JsonNode n = notes.get(i);
            String at = "notes[" + i + "]";
            String id = text(doc, n, at, "id");
            String text = text(doc, n, at, "text");
            String earlier = ids.putIfAbsent(id, name);
            if (earlier != null) {
                throw doc.errorAt(at + ".id", "'" + id + "' is already the id of a note in " + earlier);
            }
            JsonNode runTime = n.get("runTime");
            if (runTime != null && !runTime.isNull() && !runTime.isNumber()) {
                throw doc.errorAt(at + ".runTime", "must be a number of seconds from ignition");
            }
            JsonNode expected = n.get("expected");
            if (expected == null || !expected.isArray()) {
                throw doc.errorAt(at + ".expected", "must be a list of {code, present} ([] for none)");
            }
            List<Label> labels = new ArrayList<>();
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
                labels.add(new Label(code, present.asBoolean()));
            }
            out.add(new Labelled(name, id, text, runTime == null || runTime.isNull() ? Optional.empty()
                    : Optional.of(runTime.asDouble()), labels));
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
