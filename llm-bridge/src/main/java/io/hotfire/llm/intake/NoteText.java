package io.hotfire.llm.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a test-stand note is cut up, shared by the offline and the LLM intake: sentences, clauses
 * with their exact offsets, and words. What the words say is read elsewhere: run times and
 * numbers ({@link NoteNumbers}), negation ({@link Negation}), what a clause does other than
 * observe ({@link Modality}) and text addressed to the system ({@link Instructions}).
 */
public final class NoteText {

    /** A clause of a note: exact offsets into the note, and how it was split from the one before. */
    public record Clause(int start, int end, String text, int sentenceStart, int sentenceEnd, Joiner joiner) {

        public Quote quote() {
            return new Quote(start, end, text);
        }
    }

    /** What separated a clause from the one before it in the same sentence. */
    public enum Joiner {
        /** First clause of its sentence. */
        NONE,
        /** A comma or similar list separator. */
        LIST,
        /** "and" / "or" / "nor". */
        CONJUNCTION,
        /** Anything else (":", " - ", "but", "then", ...). */
        OTHER
    }

    private static final Pattern CLAUSE_SPLIT = Pattern.compile(
            "(,\\s+)|(:\\s+)|(\\s+-{1,2}\\s+)|(\\s*\\(\\s*)|(\\s*\\)\\s*)"
                    + "|(\\s+(?:and|or|nor)\\s+)|(\\s+(?:but|then|followed by|while|whereas)\\s+)",
            Pattern.CASE_INSENSITIVE);

    /**
     * Marks that end a sentence besides punctuation: the ends of a markup comment and a run of
     * dashes between spaces ("... for this test --- Actual obs: ..."), so that text fenced off
     * from an observation (often an injection attempt) is a sentence of its own.
     */
    private static final Pattern SENTENCE_BREAK = Pattern.compile("<!--|-->|(?<=\\s)-{2,}(?=\\s)");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    /** Common words that carry no observation's meaning. */
    static final Set<String> STOP_WORDS = Set.of("the", "and", "from", "with", "that", "this", "was", "were", "are", "for",
            "near", "around", "line", "engine", "stand", "after", "before", "during", "run", "test", "one", "two", "out",
            "off", "into", "onto", "its", "their", "not", "none", "any", "all", "some", "had", "has", "have", "been");

    private NoteText() {
    }

    /** Most words of a heading kept with the answer after its colon. */
    private static final int HEADING_WORDS = 3;

    /**
     * Splits a note into clauses (sentences, then commas, conjunctions, colons, dashes, brackets);
     * a colon after a heading of at most {@value #HEADING_WORDS} words does not split.
     */
    public static List<Clause> clauses(String note) {
        List<Clause> out = new ArrayList<>();
        for (int[] s : sentences(note)) {
            int from = s[0];
            Joiner joiner = Joiner.NONE;
            Matcher m = CLAUSE_SPLIT.matcher(note).region(s[0], s[1]);
            while (m.find()) {
                if (m.group(2) != null && words(note.substring(from, m.start())).size() <= HEADING_WORDS) {
                    continue; // a short heading belongs with its answer ("Smoke: none", "Turbine exhaust duct: no glow")
                }
                add(out, note, from, m.start(), s, joiner);
                joiner = m.group(1) != null ? Joiner.LIST : m.group(6) != null ? Joiner.CONJUNCTION : Joiner.OTHER;
                from = m.end();
            }
            add(out, note, from, s[1], s, joiner);
        }
        return out;
    }

    private static void add(List<Clause> out, String note, int start, int end, int[] sentence, Joiner joiner) {
        while (start < end && !Character.isLetterOrDigit(note.charAt(start)) && note.charAt(start) != '~') {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(note.charAt(end - 1)) && note.charAt(end - 1) != '%') {
            end--;
        }
        if (end <= start) {
            return;
        }
        String text = note.substring(start, end);
        if (text.chars().noneMatch(Character::isLetter)) {
            return;
        }
        out.add(new Clause(start, end, text, sentence[0], sentence[1], joiner));
    }

    /**
     * Sentence spans: ends at . ! ? ; or a line break, but not at a decimal point; also at the
     * ends of a markup comment and at a run of dashes between spaces.
     */
    static List<int[]> sentences(String note) {
        List<int[]> out = new ArrayList<>();
        Matcher breaks = SENTENCE_BREAK.matcher(note);
        int nextBreak = breaks.find() ? breaks.start() : -1;
        int start = 0;
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            boolean end = c == '\n' || c == '\r' || c == ';' || c == '!' || c == '?';
            if (c == '.') {
                boolean next = i + 1 >= note.length() || Character.isWhitespace(note.charAt(i + 1));
                end = next;
            }
            int resume = i + 1;
            if (i == nextBreak) {
                end = true;
                resume = breaks.end();
                nextBreak = breaks.find(resume) ? breaks.start() : -1;
            }
            if (end) {
                if (i > start) {
                    out.add(new int[] {start, i});
                }
                start = resume;
                i = resume - 1;
            }
        }
        if (start < note.length()) {
            out.add(new int[] {start, note.length()});
        }
        return out;
    }

    /** The first index at which {@code quote} occurs in {@code note} as a whole-word span, or -1. */
    public static int wholeWordIndex(String note, String quote) {
        if (quote.isEmpty()) {
            return -1;
        }
        int at = note.indexOf(quote);
        while (at >= 0) {
            int end = at + quote.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(note.charAt(at - 1)) || !Character.isLetterOrDigit(quote.charAt(0));
            boolean endOk = end == note.length() || !Character.isLetterOrDigit(note.charAt(end))
                    || !Character.isLetterOrDigit(quote.charAt(quote.length() - 1));
            if (startOk && endOk) {
                return at;
            }
            at = note.indexOf(quote, at + 1);
        }
        return -1;
    }

    /** Word tokens (letters, digits, apostrophes), as written. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Whole words of {@code text}, lower case, joined by single spaces and padded with one either side. */
    static String padded(String text) {
        return " " + String.join(" ", words(text.toLowerCase(java.util.Locale.ROOT))) + " ";
    }
}
