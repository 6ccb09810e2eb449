package io.hotfire.llm.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyEntry;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The intake guardrail. The note is data: a model's proposed observation is accepted only when
 * <ul>
 *   <li>its code is in the vocabulary;</li>
 *   <li>its quote is a whole-word span of the note, at most {@value #MAX_QUOTE_CHARS} characters
 *       and {@value #MAX_QUOTE_WORDS} words, that carries the observation's meaning (it shares a
 *       word with the entry's code, description or synonyms, abbreviations written out);</li>
 *   <li>neither the quote nor its sentence reads as an instruction to the system
 *       ({@link Instructions#instructionLike}).</li>
 * </ul>
 * Present/absent is decided by the note, not the model: a negation in the quote's clause makes it
 * absent; a hedge ("maybe", "not sure", "?") makes it uncertain, which caps its confidence at
 * {@value #UNCERTAIN_CONFIDENCE}. Everything else is re-derived from the note where the model's
 * value cannot be checked (a time the note does not state is replaced by the note's own time).
 */
public final class ObservationGrounding {

    /** Accepted or dropped, never both. */
    public record Outcome(Observation accepted, DroppedObservation dropped) {
    }

    /** Longest quote accepted, in characters. */
    public static final int MAX_QUOTE_CHARS = 120;
    /** Longest quote accepted, in words. */
    public static final int MAX_QUOTE_WORDS = 16;
    /** Highest confidence of an observation the note hedges. */
    public static final double UNCERTAIN_CONFIDENCE = 0.4;

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
        String exact = quote.strip();
        if (note.indexOf(exact) < 0) {
            return drop(code, quote, "quote is not in the note", model);
        }
        int at = NoteText.wholeWordIndex(note, exact);
        if (at < 0) {
            return drop(code, quote, "quote is not a whole-word span of the note", model);
        }
        if (exact.length() > MAX_QUOTE_CHARS || NoteText.words(exact).size() > MAX_QUOTE_WORDS) {
            return drop(code, quote, "quote is longer than " + MAX_QUOTE_WORDS + " words / " + MAX_QUOTE_CHARS
                    + " characters: it must be the span that states the observation", model);
        }
        if (!carriesMeaning(entry.get(), exact)) {
            return drop(code, quote, "quote does not say " + code + " (no word of the code, its description or synonyms)", model);
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
        List<NoteNumbers.TimeMention> stated = NoteNumbers.times(note);
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
            Optional<NoteNumbers.TimeMention> m = NoteNumbers.timeFor(note, q.start(), q.end(), sentenceStart, sentenceEnd);
            if (m.isPresent()) {
                time = m.get().seconds();
                source = TimeSource.NOTE;
            } else if (runTime.isPresent()) {
                time = runTime.get();
                source = TimeSource.GIVEN_RUN_TIME;
            }
        }
        String sentence = note.substring(sentenceStart, sentenceEnd);
        if (Instructions.instructionLike(exact, vocabulary.codes()) || Instructions.instructionLike(sentence, vocabulary.codes())) {
            return drop(code, quote, "the quoted sentence reads as an instruction to the system; a note holds no instructions", model);
        }
        boolean present = !Negation.negatedAt(note, q.start(), q.end());
        boolean hedged = Modality.hedgedAt(note, q.start(), q.end());
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
        if (hedged) {
            confidence = Math.min(confidence, UNCERTAIN_CONFIDENCE);
        }
        return new Outcome(new Observation(code, time, source, component, sensor, present, confidence, q,
                NoteNumbers.quantities(note, q.start(), q.end()), model), null);
    }

    /** Whether the quote shares a content word (or its stem) with the entry's code, description or synonyms. */
    private boolean carriesMeaning(VocabularyEntry e, String quote) {
        java.util.Set<String> terms = new java.util.HashSet<>();
        java.util.List<String> sources = new java.util.ArrayList<>(e.synonyms());
        sources.add(e.description());
        sources.add(e.code().replace('_', ' '));
        for (String src : sources) {
            for (String w : NoteText.words(vocabulary.expand(src).toLowerCase(java.util.Locale.ROOT))) {
                if (w.length() >= 3 && !NoteText.STOP_WORDS.contains(w)) {
                    terms.add(stem(w));
                }
            }
        }
        for (String w : NoteText.words(vocabulary.expand(quote).toLowerCase(java.util.Locale.ROOT))) {
            if (w.length() >= 3 && terms.contains(stem(w))) {
                return true;
            }
        }
        return false;
    }

    private static String stem(String w) {
        String s = w.length() > 4 ? w.replaceAll("(ing|ed|es|s)$", "") : w;
        return s.length() > 5 ? s.substring(0, 5) : s;
    }

    private static Outcome drop(String code, String quote, String reason, String model) {
        return new Outcome(null, new DroppedObservation(code, quote, reason, model));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }
}
