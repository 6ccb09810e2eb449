package io.hotfire.llm.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The labelled engineer notes in {@code src/test/resources/notes/}. */
public final class LabelledNotes {

    public record Expected(String code, boolean present) {
    }

    public record Note(String id, String text, Optional<Double> runTime, List<Expected> expected) {
    }

    private LabelledNotes() {
    }

    /** The set the matcher was tuned on. */
    public static List<Note> gg1() {
        return read("/notes/gg1-notes.yaml");
    }

    /** Notes written after tuning and never used for it. */
    public static List<Note> gg1HeldOut() {
        return read("/notes/gg1-notes-holdout.yaml");
    }

    /** The second held-out set: other voices, written before it was ever scored; never tuned on. */
    public static List<Note> gg1HeldOutSecond() {
        return read("/notes/gg1-notes-holdout-2.yaml");
    }

    private static List<Note> read(String resource) {
        try (InputStream in = LabelledNotes.class.getResourceAsStream(resource)) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            List<Note> out = new ArrayList<>();
            for (JsonNode n : root.get("notes")) {
                List<Expected> exp = new ArrayList<>();
                for (JsonNode e : n.get("expected")) {
                    exp.add(new Expected(e.get("code").asText(), e.get("present").asBoolean()));
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
