package io.hotfire.llm.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyEntry;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The intake guardrail: a model's proposed observation is accepted only when its code is in the
 * vocabulary and its quote is literally in the note; everything else about it is re-derived
 * from the note where the model's value cannot be checked (a time the note does not state is
 * replaced by the note's own time for that span).
 */
public final class ObservationGrounding {

    /** Accepted or dropped, never both. */
    public record Outcome(Observation accepted, DroppedObservation dropped) {
    }

    private final Vocabulary vocabulary;
    private final Set<String> sensors;

    public ObservationGrounding(Vocabulary vocabulary, Set<String> sensors) {
        this.vocabulary = vocabulary;
        this.sensors = Set.copyOf(sensors);
    }

    public Outcome ground(String note, Optional<Double> runTime, JsonNode item, String model) {
        String code = text(item, "code");
        String quote = text(item, "quote");
        if (code == null) {
            return drop(null, quote, "no code", model);
        }
        Optional<VocabularyEntry> entry = vocabulary.entry(code);
        if (entry.isEmpty()) {
            return drop(code, quote, "code '" + code + "' is not in the " + vocabulary.domain() + " vocabulary", model);
        }
        if (quote == null || quote.isBlank() || quote.chars().noneMatch(Character::isLetter)) {
            return drop(code, quote, "no quote", model);
        }
        int at = note.indexOf(quote);
        String exact = quote;
        if (at < 0) {
            exact = quote.strip();
            at = exact.isEmpty() ? -1 : note.indexOf(exact);
        }
        if (at < 0) {
            return drop(code, quote, "quote is not in the note", model);
        }
        JsonNode p = item.get("present");
        if (p == null || !p.isBoolean()) {
            return drop(code, quote, "'present' must be true or false", model);
        }
        Quote q = new Quote(at, at + exact.length(), exact);
        int sentenceStart = 0;
        int sentenceEnd = note.length();
        for (int[] s : NoteText.sentences(note)) {
            if (s[0] <= q.start() && q.start() < Math.max(s[1], s[0] + 1)) {
                sentenceStart = s[0];
                sentenceEnd = s[1];
            }
        }
        Double time = null;
        TimeSource source = TimeSource.NONE;
        JsonNode t = item.get("time");
        List<NoteText.TimeMention> stated = NoteText.times(note);
        if (t != null && t.isNumber()) {
            double v = t.asDouble();
            if (stated.stream().anyMatch(m -> Math.abs(m.seconds() - v) < 0.05)) {
                time = v;
                source = TimeSource.NOTE;
            } else if (runTime.isPresent() && Math.abs(runTime.get() - v) < 0.05) {
                time = v;
                source = TimeSource.GIVEN_RUN_TIME;
            }
        }
        if (time == null) {
            Optional<NoteText.TimeMention> m = NoteText.timeFor(note, q.start(), q.end(), sentenceStart, sentenceEnd);
            if (m.isPresent()) {
                time = m.get().seconds();
                source = TimeSource.NOTE;
            } else if (runTime.isPresent()) {
                time = runTime.get();
                source = TimeSource.GIVEN_RUN_TIME;
            }
        }
        String sentence = note.substring(sentenceStart, sentenceEnd);
        String proposed = text(item, "component");
        VocabularyEntry e = entry.get();
        String component = proposed == null ? null
                : e.components().stream().filter(c -> c.equalsIgnoreCase(proposed.strip())).findFirst().orElse(null);
        if (component == null) {
            component = OfflineIntake.component(e, q.text(), sentence);
        }
        String sensor = text(item, "sensor");
        if (sensor != null && (!sensors.contains(sensor) || !note.contains(sensor))) {
            sensor = null;
        }
        double confidence = 0.5;
        JsonNode c = item.get("confidence");
        if (c != null && c.isNumber()) {
            confidence = Math.max(0, Math.min(1, c.asDouble()));
        }
        return new Outcome(new Observation(code, time, source, component, sensor, p.asBoolean(), confidence, q,
                NoteText.quantities(note, q.start(), q.end()), model), null);
    }

    private static Outcome drop(String code, String quote, String reason, String model) {
        return new Outcome(null, new DroppedObservation(code, quote, reason, model));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }
}
