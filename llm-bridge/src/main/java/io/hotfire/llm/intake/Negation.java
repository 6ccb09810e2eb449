package io.hotfire.llm.intake;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Negation scope in a note: whether what a clause names is said to be absent ("no smell of
 * kerosene", "leaks: none", "clear of frost", "injector undamaged", "leak I did not see"), and
 * whether a clause split off a list carries on the negation before it ("no smoke, fire or leaks").
 */
public final class Negation {

    /** Words that negate what follows them in the same clause. */
    private static final Set<String> PRE = Set.of("no", "not", "nor", "without", "never", "none", "nil",
            "zero", "neither", "didn't", "didnt", "wasn't", "wasnt", "weren't", "isn't", "doesn't", "cannot", "negative",
            "haven't", "havent", "hasn't", "hasnt", "hadn't", "hadnt", "aren't", "arent", "don't", "dont", "nobody", "nothing");
    private static final List<String> PRE_PHRASES = List.of("clear of", "free of", "free from", "absence of",
            "lack of", "ruled out", "no sign of", "no evidence of", "no signs of");
    /** Words after an observation that say it was not there ("leaks: none", "injector undamaged"). */
    private static final Set<String> POST = Set.of("none", "nil", "negative", "absent", "undamaged", "intact",
            "ok", "okay", "fine", "nominal", "normal", "clean", "smooth", "unremarkable", "freely", "gone", "free", "secure", "steady", "constant", "unchanged", "stationary");
    private static final List<String> POST_PHRASES = List.of("not seen", "not observed", "not noted", "not heard",
            "not found", "not detected", "not present", "not felt", "not smelled", "not visible", "ruled out");
    /**
     * Verbs of perceiving or finding: a negation before one of them after the thing named denies
     * it, in the word order of many writers ("leak I did not see", "grinding nobody heard").
     */
    private static final Set<String> PERCEIVING = Set.of("see", "seen", "saw", "hear", "heard", "feel", "felt", "notice",
            "noticed", "observe", "observed", "find", "found", "detect", "detected", "smell", "smelled", "smelt", "spot",
            "spotted", "show", "showed", "shown", "there", "present", "visible");
    /** Verbs that give a clause its own assertion, so it does not inherit a list's negation. */
    private static final Set<String> ASSERTING = Set.of("seen", "heard", "felt", "found", "observed", "noted", "noticed",
            "reported", "visible", "smelled", "smelt", "showed", "shows", "was", "were", "is", "are", "appeared");
    /** Words before an absence word that make it a comparison or a starting state ("than normal", "went from clean to"). */
    private static final Set<String> COMPARATIVES = Set.of("than", "above", "below", "beyond", "over", "under", "from");
    /** Words that make an absence word part of a phase of the run ("hunting during steady state", "in steady operation"). */
    private static final Set<String> PHASES = Set.of("state", "states", "operation", "running", "flow");
    private static final Set<String> PHASE_PREPOSITIONS = Set.of("during", "in", "at", "through", "into", "until", "till");
    private static final Set<String> ABSENCE_ANSWER = Set.of("none", "nil", "negative", "absent", "no", "not", "seen",
            "observed", "noted", "found", "detected", "visible", "n", "nothing");
    /** Answers that, after a mere comma, still deny what the clause before looked for ("looked for smoke, none"). */
    private static final Set<String> BARE_ANSWER = Set.of("none", "nil", "negative", "nothing");
    /** Words a bare denial may be made of, with its filler ("there was none", "found nothing"). */
    private static final Set<String> DENIAL = Set.of("none", "nil", "negative", "nothing", "there", "was", "were", "is",
            "found", "seen", "heard", "at", "all", "whatsoever");
    /** First words of a reply that denies what the question before asked ("Whine? No.", "Smoke? Negative"). */
    private static final Set<String> NO_ANSWER = Set.of("no", "nope", "nah", "negative", "none", "nothing", "nil", "neg");

    private Negation() {
    }

    /** Whether the word negates what follows it. */
    public static boolean isNegation(String word) {
        return PRE.contains(word);
    }

    /** Whether the word is one of the absence words that may follow an observation ("none", "intact", "fine"). */
    static boolean isAbsenceWord(String word) {
        return POST.contains(word);
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
        List<String> before = NoteText.words(lower.substring(0, at));
        if (before.stream().anyMatch(PRE::contains)) {
            return true;
        }
        String head = " " + String.join(" ", before) + " ";
        if (PRE_PHRASES.stream().anyMatch(p -> head.contains(" " + p + " "))) {
            return true;
        }
        List<String> after = NoteText.words(lower.substring(end));
        for (int i = 0; i < after.size(); i++) {
            if (POST.contains(after.get(i)) && !comparison(after, i)) {
                return true;
            }
        }
        String tail = " " + String.join(" ", after) + " ";
        return POST_PHRASES.stream().anyMatch(p -> tail.contains(" " + p + " ")) || deniedAfter(after);
    }

    /**
     * Whether the words after an observation deny it: a negation followed within two words by a
     * verb of perceiving ("leak I did not see", "grinding I did not hear"), or a negation that
     * ends the clause ("white cloud from the LOX side also was not").
     */
    private static boolean deniedAfter(List<String> after) {
        for (int i = 0; i < after.size(); i++) {
            if (!PRE.contains(after.get(i))) {
                continue;
            }
            if (i == after.size() - 1) {
                return true;
            }
            for (int j = i + 1; j <= Math.min(after.size() - 1, i + 2); j++) {
                if (PERCEIVING.contains(after.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a negating phrase stands between the words of a match made by proximity
     * ("filter free of particles", "blades clear of nicks"): the words were found apart, and what
     * stands between them may deny what they name.
     */
    static boolean negatedWithin(String clause, int from, int to) {
        if (from < 0 || to <= from) {
            return false;
        }
        String span = NoteText.padded(clause.substring(Math.min(from, clause.length()), Math.min(to, clause.length())));
        List<String> w = NoteText.words(span);
        for (int i = 0; i < w.size(); i++) {
            if (PRE.contains(w.get(i)) || (i > 0 && POST.contains(w.get(i)) && !comparison(w, i))) {
                return true; // "filter free of particles", "flame steady in colour"
            }
        }
        return PRE_PHRASES.stream().anyMatch(p -> span.contains(" " + p + " "));
    }

    /**
     * Whether the word at {@code i} is a comparison ("larger than normal", "above nominal") or part
     * of a phase of the run ("hunting during steady state", "in normal operation"), not an absence.
     */
    static boolean comparison(List<String> w, int i) {
        return (i > 0 && (COMPARATIVES.contains(w.get(i - 1)) || PHASE_PREPOSITIONS.contains(w.get(i - 1))))
                || (i + 1 < w.size() && PHASES.contains(w.get(i + 1)));
    }

    static boolean negatedAnywhere(String lower) {
        List<String> all = NoteText.words(lower);
        for (int i = 0; i < all.size(); i++) {
            String w = all.get(i);
            if (PRE.contains(w) || (POST.contains(w) && !comparison(all, i))) {
                return true;
            }
        }
        String joined = " " + String.join(" ", all) + " ";
        return PRE_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " "))
                || POST_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " "));
    }

    /**
     * Whether a clause holds a negation anywhere ("we didn't hear any pop"): an "or"/"and" item
     * after it ("… or bang") carries it on, as an item after a leading negation does after a comma.
     */
    public static boolean holdsNegation(String clause) {
        List<String> w = NoteText.words(clause.toLowerCase(Locale.ROOT));
        String joined = " " + String.join(" ", w) + " ";
        return w.stream().anyMatch(PRE::contains) || PRE_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " "));
    }

    /** Whether a clause starts with (or holds before any content) a negation word. */
    public static boolean leadsWithNegation(String clause) {
        List<String> w = NoteText.words(clause.toLowerCase(Locale.ROOT));
        if (w.isEmpty()) {
            return false;
        }
        String joined = String.join(" ", w) + " ";
        return PRE.contains(w.get(0)) || PRE_PHRASES.stream().anyMatch(p -> joined.startsWith(p + " "));
    }

    /**
     * Whether a clause split off a list ("no smoke, fire or leaks") carries on the negation of
     * the clause before it: it has no negation or assertion of its own and is short.
     */
    public static boolean inheritsNegation(NoteText.Clause clause, NoteText.Clause previous, boolean previousNegated) {
        if (previous == null || !previousNegated || clause.sentenceStart() != previous.sentenceStart()) {
            return false;
        }
        if (clause.joiner() != NoteText.Joiner.LIST && clause.joiner() != NoteText.Joiner.CONJUNCTION) {
            return false;
        }
        List<String> w = NoteText.words(clause.text().toLowerCase(Locale.ROOT));
        return w.size() <= 12 && w.stream().noneMatch(ASSERTING::contains) && w.stream().noneMatch(PRE::contains);
    }

    /**
     * Whether {@code next} answers {@code clause} with an absence, checklist style: it follows a
     * colon or dash in the same sentence and holds nothing but absence words ("Leaks: none",
     * "Frost - not seen", "sniffed around the skid - nothing"), or follows a comma and is a bare
     * "none"/"nothing" ("looked for smoke at the exhaust, none").
     */
    public static boolean answersNone(NoteText.Clause next, NoteText.Clause clause) {
        if (next.sentenceStart() != clause.sentenceStart()) {
            return false;
        }
        List<String> w = NoteText.words(next.text().toLowerCase(Locale.ROOT));
        if (next.joiner() == NoteText.Joiner.LIST) {
            return !w.isEmpty() && (w.stream().allMatch(BARE_ANSWER::contains) // "looked for smoke at the exhaust, none"
                    || (w.stream().anyMatch(BARE_ANSWER::contains) && w.stream().allMatch(DENIAL::contains))); // "..., there was none"
        }
        return next.joiner() == NoteText.Joiner.OTHER && !w.isEmpty() && w.stream().allMatch(ABSENCE_ANSWER::contains);
    }

    /**
     * Whether the clause asks a short question that the next sentence answers with a denial: "Whine? No. Grind?
     * No.", "Kerosene smell near the skid? Checked with the sniffer, nothing." (the caller checks that
     * the clause's sentence ends in a question mark; {@code reply}: the first clause of the next sentence,
     * {@code replyLast} its last).
     */
    public static boolean deniedByReply(NoteText.Clause clause, NoteText.Clause reply, NoteText.Clause replyLast) {
        if (reply == null || reply.sentenceStart() == clause.sentenceStart()) {
            return false;
        }
        List<String> first = NoteText.words(reply.text().toLowerCase(Locale.ROOT));
        if (!first.isEmpty() && NO_ANSWER.contains(first.get(0)) && (first.size() <= 3 || first.get(0).equals("nope")
                || first.get(0).equals("nah"))) {
            return true; // "No.", "No, deck dead calm", "Nope"
        }
        List<String> last = NoteText.words(replyLast.text().toLowerCase(Locale.ROOT));
        return replyLast.sentenceStart() == reply.sentenceStart() && !last.isEmpty()
                && last.stream().anyMatch(BARE_ANSWER::contains) && last.stream().allMatch(DENIAL::contains);
    }

    /** Whether the span {@code start..end} is negated in its clause of {@code note}. */
    public static boolean negatedAt(String note, int start, int end) {
        List<NoteText.Clause> cs = NoteText.clauses(note);
        NoteText.Clause previous = null;
        boolean previousNegated = false;
        boolean previousHolds = false;
        for (NoteText.Clause c : cs) {
            boolean inherited = inheritsNegation(c, previous, previousNegated)
                    || (c.joiner() == NoteText.Joiner.CONJUNCTION && inheritsNegation(c, previous, previousHolds));
            if (c.start() <= start && start < Math.max(c.end(), c.start() + 1)) {
                String quoted = note.substring(start, Math.min(end, note.length())).toLowerCase(Locale.ROOT);
                return inherited || negated(c.text(), Math.max(0, start - c.start())) || negatedAnywhere(quoted);
            }
            previousNegated = inherited || leadsWithNegation(c.text());
            previousHolds = previousNegated || holdsNegation(c.text());
            previous = c;
        }
        return false;
    }
}
