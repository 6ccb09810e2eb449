package io.hotfire.llm.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The labelled engineer notes of the GG-1 domain, {@code domains/gg1/intake/} (the training data
 * the app's offline intake learns from, {@code LabelledNotesLoader}): the development sets that
 * the matcher and the vocabulary are tuned on, and the held-out set that is scored and never
 * tuned on. A name starting with {@code /} is a test class-path resource instead (where a blind
 * set that must not be training data lives).
 */
public final class LabelledNotes {

    public record Expected(String code, boolean present) {
    }

    public record Note(String id, String text, Optional<Double> runTime, List<Expected> expected) {
    }

    /** The development (tuning) sets, in the order they were written. */
    public static final List<String> DEVELOPMENT = List.of(
            "gg1-notes-dev-1.yaml",
            "gg1-notes-dev-2.yaml",
            "gg1-notes-dev-3.yaml",
            "gg1-notes-dev-4.yaml",
            "gg1-notes-dev-5.yaml",
            "gg1-notes-dev-6.yaml",
            "gg1-notes-dev-7.yaml",
            // the third held-out set: scored once blind (0.808 / 0.855), tuned on since
            "gg1-notes-holdout-3.yaml",
            // the fourth: scored once blind (0.818 / 0.762), tuned on since
            "gg1-notes-holdout-4.yaml",
            // the fifth: scored once blind (0.721 / 0.721), tuned on since
            "gg1-notes-holdout-5.yaml",
            // the sixth: scored once blind (0.874 / 0.874), tuned on since
            "gg1-notes-holdout-6.yaml");

    /**
     * The held-out set the evaluation test prints: set 7, 90 notes by a fifth writer who had seen
     * only the code list, the ICD and the fault catalogue; a class-path resource of the tests, never
     * a file the intake learns from. Nothing was tuned on it.
     */
    public static final String HELD_OUT = "/notes/gg1-notes-holdout-7.yaml";

    /** Whether {@link #HELD_OUT} is still blind: a class-path resource, not a file the intake learns from. */
    public static boolean heldOutIsBlind() {
        return HELD_OUT.startsWith("/");
    }

    /** The sets written by writers other than the project's own (each scored once blind, then developed on). */
    public static final List<String> EXTERNAL = List.of(
            "gg1-notes-holdout-3.yaml", "gg1-notes-holdout-4.yaml", "gg1-notes-holdout-5.yaml",
            // scored once blind (0.874 / 0.874), tuned on since
            "gg1-notes-holdout-6.yaml");

    /** Every labelled file of the domain's training folder, the held-out one included when it lives there. */
    public static List<String> domainFiles() {
        List<String> out = new ArrayList<>(DEVELOPMENT);
        if (!HELD_OUT.startsWith("/") && !out.contains(HELD_OUT)) {
            out.add(HELD_OUT);
        }
        return out;
    }

    private LabelledNotes() {
    }

    /** Every development note. */
    public static List<Note> development() {
        List<Note> out = new ArrayList<>();
        DEVELOPMENT.forEach(r -> out.addAll(read(r)));
        return out;
    }

    /** The held-out notes, or empty when the file is not there. */
    public static Optional<List<Note>> heldOut() {
        if (HELD_OUT.startsWith("/") ? LabelledNotes.class.getResource(HELD_OUT) == null
                : !Files.isRegularFile(Gg1.folder().resolve("intake").resolve(HELD_OUT))) {
            return Optional.empty();
        }
        return Optional.of(read(HELD_OUT));
    }

    /** The notes of one file: a name in the domain's training folder, or a class-path resource ({@code /...}). */
    public static List<Note> read(String resource) {
        try (InputStream in = resource.startsWith("/") ? LabelledNotes.class.getResourceAsStream(resource)
                : Files.newInputStream(Gg1.folder().resolve("intake").resolve(resource))) {
            if (in == null) {
                throw new IllegalStateException("no labelled notes at " + resource);
            }
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Note> out = new ArrayList<>();
            for (JsonNode n : root.get("notes")) {
                List<Expected> exp = new ArrayList<>();
                JsonNode expected = n.get("expected");
                if (expected != null) {
                    for (JsonNode e : expected) {
                        exp.add(new Expected(e.get("code").asText(), e.get("present").asBoolean()));
                    }
                }
                JsonNode rt = n.get("runTime");
                out.add(new Note(n.get("id").asText(), n.get("text").asText(),
                        rt == null || rt.isNull() ? Optional.empty() : Optional.of(rt.asDouble()), exp));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
