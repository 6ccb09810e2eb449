package io.hotfire.llm.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain parsing of a test-stand note, shared by the offline and the LLM intake: clauses with
 * their offsets, run times ("T+12", "at 12 s", "12.5 seconds in", "T-30"), numbers with units,
 * and negation ("no smell of kerosene", "leaks: none", "clear of frost").
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

    /** A run time stated in a note. */
    public record TimeMention(double seconds, int start, int end) {
    }

    private static final Pattern CLAUSE_SPLIT = Pattern.compile(
            "(,\\s+)|(:\\s+)|(\\s+-{1,2}\\s+)|(\\s*\\(\\s*)|(\\s*\\)\\s*)"
                    + "|(\\s+(?:and|or|nor)\\s+)|(\\s+(?:but|then|followed by|while|whereas)\\s+)",
            Pattern.CASE_INSENSITIVE);

    private static final String NUM = "(\\d+(?:\\.\\d+)?)";
    private static final String SEC = "(?:s|sec|secs|second|seconds)\\b";
    private static final List<Pattern> TIME_PATTERNS = List.of(
            Pattern.compile("\\bT\\s*([+-])\\s*" + NUM + "(?:\\s*" + SEC + ")?"),
            Pattern.compile("\\bt\\s*=\\s*" + NUM + "(?:\\s*" + SEC + ")?"),
            Pattern.compile("(?i)(?:\\b(?:at|from|since|until|till|by)|@)\\s*(?:about\\s+|around\\s+|approx\\.?\\s*|~\\s*)?" + NUM + "\\s*" + SEC),
            Pattern.compile("(?i)" + NUM + "\\s*" + SEC + "\\s+(?:in|into the run|into mainstage)\\b"));

    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.+\\-/:])(\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+(?:\\.\\d+)?)(?![\\d_:])");
    private static final Pattern UNIT = Pattern.compile(
            "\\s?(%|°C|°F|MPa|kPa|bar|psia|psig|psi|kN|lbf|rpm|kHz|Hz|kg/s|g|K|cm|mm|m|ms|s|sec|seconds|second|min|kt|drops/s)(?![A-Za-z0-9])");

    /** Words that negate what follows them in the same clause. */
    private static final Set<String> PRE_NEGATION = Set.of("no", "not", "nor", "without", "never", "none", "nil",
            "zero", "neither", "didn't", "didnt", "wasn't", "wasnt", "weren't", "isn't", "doesn't", "cannot", "negative",
            "haven't", "havent", "hasn't", "hasnt", "hadn't", "hadnt", "aren't", "arent", "don't", "dont", "nobody");
    private static final List<String> PRE_NEGATION_PHRASES = List.of("clear of", "free of", "free from", "absence of",
            "lack of", "ruled out", "no sign of", "no evidence of", "no signs of");
    /** Words after an observation that say it was not there ("leaks: none", "injector undamaged"). */
    private static final Set<String> POST_NEGATION = Set.of("none", "nil", "negative", "absent", "undamaged", "intact",
            "ok", "okay", "fine", "nominal", "normal", "clean", "smooth", "unremarkable", "freely", "gone");
    private static final List<String> POST_NEGATION_PHRASES = List.of("not seen", "not observed", "not noted", "not heard",
            "not found", "not detected", "not present", "not felt", "not smelled", "not visible");
    /** Verbs that give a clause its own assertion, so it does not inherit a list's negation. */
    private static final Set<String> ASSERTING = Set.of("seen", "heard", "felt", "found", "observed", "noted", "noticed",
            "reported", "visible", "smelled", "smelt", "showed", "shows", "was", "were", "is", "are", "appeared");

    private NoteText() {
    }

    /** Splits a note into clauses (sentences, then commas, conjunctions, colons, dashes, brackets). */
    public static List<Clause> clauses(String note) {
        List<Clause> out = new ArrayList<>();
        for (int[] s : sentences(note)) {
            int from = s[0];
            Joiner joiner = Joiner.NONE;
            Matcher m = CLAUSE_SPLIT.matcher(note).region(s[0], s[1]);
            while (m.find()) {
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

    /** Sentence spans: ends at . ! ? ; or a line break, but not at a decimal point. */
    static List<int[]> sentences(String note) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < note.length(); i++) {
            char c = note.charAt(i);
            boolean end = c == '\n' || c == '\r' || c == ';' || c == '!' || c == '?';
            if (c == '.') {
                boolean next = i + 1 >= note.length() || Character.isWhitespace(note.charAt(i + 1));
                end = next;
            }
            if (end) {
                if (i > start) {
                    out.add(new int[] {start, i});
                }
                start = i + 1;
            }
        }
        if (start < note.length()) {
            out.add(new int[] {start, note.length()});
        }
        return out;
    }

    /** Every run time the note states, in order of position. */
    public static List<TimeMention> times(String note) {
        List<TimeMention> out = new ArrayList<>();
        for (int p = 0; p < TIME_PATTERNS.size(); p++) {
            Matcher m = TIME_PATTERNS.get(p).matcher(note);
            while (m.find()) {
                double v;
                if (p == 0) {
                    v = Double.parseDouble(m.group(2)) * (m.group(1).equals("-") ? -1 : 1);
                } else {
                    v = Double.parseDouble(m.group(1));
                }
                int s = m.start();
                int e = m.end();
                if (out.stream().noneMatch(t -> t.start() < e && s < t.end())) {
                    out.add(new TimeMention(v, s, e));
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(TimeMention::start));
        return out;
    }

    /**
     * The run time that belongs to a span: one stated inside the span, else the first in its
     * sentence, else none.
     */
    public static Optional<TimeMention> timeFor(String note, int start, int end, int sentenceStart, int sentenceEnd) {
        List<TimeMention> all = times(note);
        for (TimeMention t : all) {
            if (t.start() < end && start < t.end()) {
                return Optional.of(t);
            }
        }
        for (TimeMention t : all) {
            if (t.start() >= sentenceStart && t.end() <= sentenceEnd) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Numbers (with a unit when one follows) inside [start, end) of the note. */
    public static List<Quantity> quantities(String note, int start, int end) {
        List<Quantity> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(note).region(start, end);
        m.useTransparentBounds(true);
        while (m.find()) {
            if (m.start() > 0 && Character.isLetter(note.charAt(m.start() - 1))) {
                continue;
            }
            double v = Double.parseDouble(m.group(1).replace(",", ""));
            int qEnd = m.end();
            String unit = "";
            Matcher u = UNIT.matcher(note).region(m.end(), end);
            u.useTransparentBounds(true);
            if (u.lookingAt()) {
                unit = u.group(1);
                qEnd = u.end();
            }
            out.add(new Quantity(v, unit, new Quote(m.start(), qEnd, note.substring(m.start(), qEnd))));
        }
        return out;
    }

    /**
     * Whether the observation matched at {@code matchAt} (offset into the clause text) is
     * negated in its clause: a negation word before it, or an absence word after it. A
     * negative {@code matchAt} means the whole clause matched: any cue anywhere counts.
     */
    public static boolean negated(String clause, int matchAt) {
        return negated(clause, matchAt, matchAt);
    }

    /**
     * As {@link #negated(String, int)}, with the matched words ending at {@code matchEnd}: an
     * absence word must come after them ("fine particles" is not "particles: fine").
     */
    public static boolean negated(String clause, int matchAt, int matchEnd) {
        String lower = clause.toLowerCase(Locale.ROOT);
        if (matchAt < 0) {
            return negatedAnywhere(lower);
        }
        int at = Math.min(matchAt, lower.length());
        int end = Math.max(at, Math.min(matchEnd, lower.length()));
        List<String> before = words(lower.substring(0, at));
        if (before.stream().anyMatch(PRE_NEGATION::contains)) {
            return true;
        }
        String head = " " + String.join(" ", before) + " ";
        if (PRE_NEGATION_PHRASES.stream().anyMatch(p -> head.contains(" " + p + " "))) {
            return true;
        }
        List<String> after = words(lower.substring(end));
        for (int i = 0; i < after.size(); i++) {
            if (POST_NEGATION.contains(after.get(i)) && !comparison(after, i)) {
                return true;
            }
        }
        String tail = " " + String.join(" ", after) + " ";
        return POST_NEGATION_PHRASES.stream().anyMatch(p -> tail.contains(" " + p + " "));
    }

    /** Whether the word at {@code i} is a comparison ("larger than normal", "above nominal"), not an absence. */
    private static boolean comparison(List<String> w, int i) {
        return i > 0 && COMPARATIVES.contains(w.get(i - 1));
    }

    private static final Set<String> COMPARATIVES = Set.of("than", "above", "below", "beyond", "over", "under");

    private static boolean negatedAnywhere(String lower) {
        List<String> all = words(lower);
        for (int i = 0; i < all.size(); i++) {
            String w = all.get(i);
            if (PRE_NEGATION.contains(w) || (POST_NEGATION.contains(w) && !comparison(all, i))) {
                return true;
            }
        }
        String joined = " " + String.join(" ", all) + " ";
        return PRE_NEGATION_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " "))
                || POST_NEGATION_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " "));
    }

    /** Whether a clause starts with (or holds before any content) a negation word. */
    public static boolean leadsWithNegation(String clause) {
        List<String> w = words(clause.toLowerCase(Locale.ROOT));
        if (w.isEmpty()) {
            return false;
        }
        String joined = String.join(" ", w) + " ";
        return PRE_NEGATION.contains(w.get(0)) || PRE_NEGATION_PHRASES.stream().anyMatch(p -> joined.startsWith(p + " "));
    }

    /**
     * Whether a clause split off a list ("no smoke, fire or leaks") carries on the negation of
     * the clause before it: it has no negation or assertion of its own and is short.
     */
    public static boolean inheritsNegation(Clause clause, Clause previous, boolean previousNegated) {
        if (previous == null || !previousNegated || clause.sentenceStart() != previous.sentenceStart()) {
            return false;
        }
        if (clause.joiner() != Joiner.LIST && clause.joiner() != Joiner.CONJUNCTION) {
            return false;
        }
        List<String> w = words(clause.text().toLowerCase(Locale.ROOT));
        return w.size() <= 12 && w.stream().noneMatch(ASSERTING::contains) && w.stream().noneMatch(PRE_NEGATION::contains);
    }

    /** Words that say a part is as it should be, without naming what was looked for ("liner OK", "plume steady"). */
    private static final Set<String> STATUS = Set.of("ok", "okay", "fine", "nominal", "normal", "clean", "good", "steady",
            "stable", "unremarkable", "nothing", "quiet", "dry");
    /** How a guess at a cause begins ("prob a leak", "could have been igniter debris", "maybe the GG purge"). */
    private static final List<String> SPECULATION_LEADS = List.of("could have been", "could be", "might have been",
            "might be", "may have been", "may be", "maybe", "prob", "probably", "probable", "possibly", "perhaps", "likely",
            "most likely", "suspect", "suspected", "i think", "i guess", "looks like a", "looked like a", "could just be",
            "might just be", "may just be", "probably just");
    /** Nouns after an observation word that make it the name of a check ("leak check to follow"). */
    private static final Set<String> PROCEDURES = Set.of("check", "checks", "test", "tests", "survey", "procedure");

    /**
     * Whether {@code next} answers {@code clause} with an absence, checklist style: it follows a
     * colon or dash in the same sentence and holds nothing but absence words ("Leaks: none",
     * "Frost - not seen").
     */
    public static boolean answersNone(Clause next, Clause clause) {
        if (next.sentenceStart() != clause.sentenceStart() || next.joiner() != Joiner.OTHER) {
            return false;
        }
        List<String> w = words(next.text().toLowerCase(Locale.ROOT));
        return !w.isEmpty() && w.stream().allMatch(x -> ABSENCE_ANSWER.contains(x));
    }

    private static final Set<String> ABSENCE_ANSWER = Set.of("none", "nil", "negative", "absent", "no", "not", "seen",
            "observed", "noted", "found", "detected", "visible", "n");

    /** Whether the word negates what follows it. */
    public static boolean isNegation(String word) {
        return PRE_NEGATION.contains(word);
    }

    /**
     * Whether the clause only gives a status ("liner OK", "pump sounded fine", "plume steady"):
     * a status word and no negation that names something absent.
     */
    public static boolean onlyStatus(String clause) {
        List<String> w = words(clause.toLowerCase(Locale.ROOT));
        boolean status = false;
        for (int i = 0; i < w.size(); i++) {
            status |= STATUS.contains(w.get(i)) && !comparison(w, i);
        }
        if (!status) {
            return false;
        }
        return w.stream().noneMatch(x -> PRE_NEGATION.contains(x) || (POST_NEGATION.contains(x) && !STATUS.contains(x)));
    }

    /** Whether the clause begins with a guess ("prob a leak", "could have been debris", "maybe the purge"). */
    public static boolean speculatesCause(String clause) {
        String joined = String.join(" ", words(clause.toLowerCase(Locale.ROOT))) + " ";
        return SPECULATION_LEADS.stream().anyMatch(l -> joined.startsWith(l + " "));
    }

    /** Words that make a clause a condition or a possibility, not something seen ("if we ever see chatter"). */
    private static final Set<String> CONDITIONAL = Set.of("if", "unless", "whether", "lest");
    private static final List<String> CONDITIONAL_PHRASES = List.of("in case", "could start", "might start", "may start",
            "would start", "could begin", "due for", "in the event");

    /**
     * Whether the clause states a condition or a possibility rather than an observation ("if we
     * ever see the valve chatter", "they could start weeping if we leave them"); "as if" and
     * "even if" describe what was seen and do not count.
     */
    public static boolean conditional(String clause) {
        List<String> w = words(clause.toLowerCase(Locale.ROOT));
        for (int i = 0; i < w.size(); i++) {
            if (CONDITIONAL.contains(w.get(i)) && (i == 0 || !Set.of("as", "even").contains(w.get(i - 1)))) {
                return true;
            }
        }
        String joined = " " + String.join(" ", w) + " ";
        return CONDITIONAL_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " "));
    }

    /** Whether the observation word at {@code matchAt} is followed by the name of a check ("leak check"). */
    public static boolean namesAProcedure(String clause, int matchAt) {
        List<String> after = words(clause.substring(Math.min(Math.max(0, matchAt), clause.length())).toLowerCase(Locale.ROOT));
        return after.size() >= 2 && PROCEDURES.contains(after.get(1));
    }

    /** Common words that carry no observation's meaning. */
    static final Set<String> STOP_WORDS = Set.of("the", "and", "from", "with", "that", "this", "was", "were", "are", "for",
            "near", "around", "line", "engine", "stand", "after", "before", "during", "run", "test", "one", "two", "out",
            "off", "into", "onto", "its", "their", "not", "none", "any", "all", "some", "had", "has", "have", "been");

    /** Hedges: the writer is not sure of what follows. */
    private static final List<String> HEDGES = List.of("maybe", "possibly", "possible", "perhaps", "might", "may have",
            "not sure", "unsure", "unclear", "could be", "could have", "probably", "likely", "seemed", "seems",
            "sort of", "kind of", "i think", "i guess", "looked like", "sounded like", "can't tell", "cant tell",
            "hard to tell", "tbc", "to be confirmed", "unconfirmed", "suspect", "suspected", "?");

    /** Cues of text addressed to the system rather than describing the test (prompt injection). */
    private static final List<String> INSTRUCTION_CUES = List.of("ignore previous", "ignore all", "ignore the", "ignore your",
            "disregard", "system prompt", "you are now", "you must", "assistant", "as an ai", "new instructions",
            "instruction", "respond with", "reply with", "answer with", "output", "mark as", "mark it", "set present",
            "code it as", "code as", "classify as", "record as", "tag as", "add observation", "observation:",
            "print", "json", "override", "developer mode", "jailbreak", "maintenance mode", "the ai", "an ai", "the llm",
            "the model", "the rules are wrong", "tell the operator", "tell the user", "pass on to");

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

    /**
     * Whether {@code text} reads as an instruction to the system: a cue such as "ignore previous",
     * "mark as", "respond with", or a vocabulary code written as a code ({@code EXTERNAL_FIRE}),
     * which people describing a test do not write.
     */
    public static boolean instructionLike(String text, Set<String> codes) {
        String lower = " " + String.join(" ", words(text.toLowerCase(Locale.ROOT))) + " ";
        for (String cue : INSTRUCTION_CUES) {
            if (lower.contains(" " + String.join(" ", words(cue)) + " ") || (cue.endsWith(":") && text.toLowerCase(Locale.ROOT).contains(cue))) {
                return true;
            }
        }
        for (String c : codes) {
            if (c.contains("_") && text.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the span {@code start..end} is negated in its clause of {@code note}. */
    public static boolean negatedAt(String note, int start, int end) {
        List<Clause> cs = clauses(note);
        Clause previous = null;
        boolean previousNegated = false;
        for (Clause c : cs) {
            boolean inherited = inheritsNegation(c, previous, previousNegated);
            if (c.start() <= start && start < Math.max(c.end(), c.start() + 1)) {
                String quoted = note.substring(start, Math.min(end, note.length())).toLowerCase(Locale.ROOT);
                return inherited || negated(c.text(), Math.max(0, start - c.start())) || negatedAnywhere(quoted);
            }
            previousNegated = inherited || leadsWithNegation(c.text());
            previous = c;
        }
        return false;
    }

    /** Whether the writer hedges the span {@code start..end}: a hedge in its sentence. */
    public static boolean hedgedAt(String note, int start, int end) {
        for (int[] s : sentences(note)) {
            if (s[0] <= start && start < Math.max(s[1], s[0] + 1)) {
                String sentence = note.substring(s[0], Math.min(note.length(), Math.max(s[1], end)));
                String lower = " " + String.join(" ", words(sentence.toLowerCase(Locale.ROOT))) + " ";
                for (String h : HEDGES) {
                    if (h.equals("?") ? sentence.contains("?") : lower.contains(" " + h + " ")) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    /** Lower-case word tokens (letters, digits, apostrophes). */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("[\\p{L}\\p{N}']+").matcher(s);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
