package io.hotfire.llm.intake;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a clause does when it does not report something seen on this run: a bare status ("liner
 * OK"), a guess at a cause ("prob a leak"), a condition ("if we ever see chatter"), a check to be
 * made ("leak check to follow", "Verify no frost at T-5"), a plan ("will pull the filter"), an
 * earlier test ("last week's test had ...") or a hedge on what it reports ("maybe", "not sure").
 * Generic English; nothing here names a domain's observation.
 */
public final class Modality {

    /** Words that say a part is as it should be, without naming what was looked for ("liner OK", "plume steady"). */
    private static final Set<String> STATUS = Set.of("ok", "okay", "fine", "nominal", "normal", "clean", "good", "steady",
            "stable", "unremarkable", "nothing", "quiet", "dry", "stationary", "unchanged", "correct", "smooth");
    /** Phrases that say a value was where it should be ("RP-1 temp in band", "pressure within limits"). */
    private static final List<String> STATUS_PHRASES = List.of("in band", "in the band", "within limits", "within band",
            "in spec", "within spec", "as expected", "in family", "on target", "on plan", "on the money", "right on",
            "looked the same", "look the same", "looks the same", "same as always", "as always", "as usual", "like always",
            "inside the qualified band", "in the qualified band", "within the qualified band", "where it was told",
            "tracked cmd", "tracked command", "tracked the command", "in temperature band", "in the temperature band",
            "looked identical", "same colour", "same color");
    /** How a guess at a cause begins ("prob a leak", "could have been igniter debris", "maybe the GG purge"). */
    private static final List<String> SPECULATION_LEADS = List.of("could have been", "could be", "might have been",
            "might be", "may have been", "may be", "maybe", "prob", "probably", "probable", "possibly", "perhaps", "likely",
            "most likely", "suspect", "suspected", "i think", "i guess", "looks like a", "looked like a", "could just be",
            "might just be", "may just be", "probably just", "looks like something", "looked like something",
            "seems like something", "sounds like something");
    /** Nouns after an observation word that make it the name of a check ("leak check to follow"). */
    private static final Set<String> PROCEDURES = Set.of("check", "checks", "test", "tests", "survey", "procedure");
    /** Words that make a clause a condition or a possibility, not something seen ("if we ever see chatter"). */
    private static final Set<String> CONDITIONAL = Set.of("if", "unless", "whether", "lest");
    private static final List<String> CONDITIONAL_PHRASES = List.of("in case", "could start", "might start", "may start",
            "would start", "could begin", "due for", "in the event");
    /**
     * First words of a clause that make it a check to be made or a plan, not a finding ("Verify no
     * frost on the inlet flange", "[ ] Inspect the connector", "check it for debris", "will swap").
     */
    private static final Set<String> TO_DO = Set.of("verify", "confirm", "check", "inspect", "ensure", "recheck",
            "investigate", "will", "todo", "tbd", "should", "shall", "reminder");
    private static final List<String> TO_DO_PHRASES = List.of("make sure", "need to", "needs to", "going to", "to do",
            "look for", "watch for", "keep an eye", "we'll", "i'll", "plan to", "plans to", "planning to");
    /** Words that may open a clause before its verb of checking or intent ("also look for frost", "then verify"). */
    private static final Set<String> LEAD_INS = Set.of("also", "then", "and", "so", "please", "pls", "plus", "next");
    /** First words of a question ("could a cracked blade cause a whine?", "any frost?"). */
    private static final Set<String> INTERROGATIVES = Set.of("could", "would", "can", "does", "do", "did", "is", "are",
            "was", "were", "should", "what", "why", "how", "any", "anyone", "anybody", "has", "have", "will", "which");
    /** Words naming an earlier time: a clause that opens with one reports another test ("last week's test had ..."). */
    private static final Set<String> EARLIER = Set.of("week", "week's", "weeks", "time", "run", "test", "month", "night",
            "shift", "firing", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "monday's",
            "tuesday's", "wednesday's", "thursday's", "friday's", "saturday's", "sunday's", "run's", "test's", "year");
    /** Hedges: the writer is not sure of what follows. */
    private static final List<String> HEDGES = List.of("maybe", "possibly", "possible", "perhaps", "might", "may have",
            "not sure", "unsure", "unclear", "could be", "could have", "probably", "likely", "seemed", "seems",
            "sort of", "kind of", "i think", "i guess", "looked like", "sounded like", "can't tell", "cant tell",
            "hard to tell", "tbc", "to be confirmed", "unconfirmed", "suspect", "suspected", "?");

    private Modality() {
    }

    /**
     * Whether the clause only gives a status ("liner OK", "pump sounded fine", "plume steady"):
     * a status word and no negation that names something absent.
     */
    public static boolean onlyStatus(String clause) {
        List<String> w = NoteText.words(clause.toLowerCase(Locale.ROOT));
        String joined = " " + String.join(" ", w) + " ";
        boolean status = STATUS_PHRASES.stream().anyMatch(p -> joined.contains(" " + p + " "));
        for (int i = 0; i < w.size(); i++) {
            status |= STATUS.contains(w.get(i)) && !Negation.comparison(w, i);
        }
        if (!status) {
            return false;
        }
        return w.stream().noneMatch(x -> Negation.isNegation(x) || (Negation.isAbsenceWord(x) && !STATUS.contains(x)));
    }

    /** Whether the clause begins with a guess ("prob a leak", "could have been debris", "maybe the purge"). */
    public static boolean speculatesCause(String clause) {
        String joined = NoteText.padded(clause).substring(1);
        return SPECULATION_LEADS.stream().anyMatch(l -> joined.startsWith(l + " "));
    }

    /**
     * Whether the clause states a condition or a possibility rather than an observation ("if we
     * ever see the valve chatter", "they could start weeping if we leave them"); "as if" and
     * "even if" describe what was seen and do not count.
     */
    public static boolean conditional(String clause) {
        List<String> w = NoteText.words(clause.toLowerCase(Locale.ROOT));
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
        List<String> after = NoteText.words(clause.substring(Math.min(Math.max(0, matchAt), clause.length())).toLowerCase(Locale.ROOT));
        return after.size() >= 2 && PROCEDURES.contains(after.get(1));
    }

    /**
     * Whether the clause is a check to be made or a plan: it opens with a verb of checking or a
     * word of intent ("Verify no frost at T-5", "Confirm ullage", "check it for debris", "Will
     * pull the filter", "need to re-torque"). A checklist's boxes are not words and do not count.
     */
    public static boolean toDo(String clause) {
        List<String> w = new java.util.ArrayList<>(NoteText.words(clause.toLowerCase(Locale.ROOT)));
        while (w.size() > 1 && LEAD_INS.contains(w.get(0))) {
            w.remove(0);
        }
        if (w.isEmpty()) {
            return false;
        }
        String joined = String.join(" ", w) + " ";
        return TO_DO.contains(w.get(0)) || TO_DO_PHRASES.stream().anyMatch(p -> joined.startsWith(p + " "));
    }

    /**
     * Whether the clause asks a question rather than reports: it opens with a word that begins a
     * question and its sentence ends in a question mark, {@code asked} ("Question for propulsion: could a cracked
     * blade cause a whine, in theory?", "any frost on the MOV?"). A guess marked with "?" after a
     * statement ("white fuzz on the MOV body - heater tape tripped?") is a hedge, not this.
     */
    public static boolean question(String clause, boolean asked) {
        if (!asked) {
            return false;
        }
        for (String part : clause.split(":")) { // "Question for propulsion: could ..."
            List<String> w = NoteText.words(part.toLowerCase(Locale.ROOT));
            if (!w.isEmpty() && INTERROGATIVES.contains(w.get(0))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the clause opens by naming an earlier test or day ("Last week's test had that
     * hunting", "Last Tuesday the plume flashed green", "yesterday", "on the previous run"): what
     * it reports is not this run. A comparison later in a clause ("heavier than last run") does not count.
     */
    public static boolean earlierTest(String clause) {
        List<String> w = NoteText.words(clause.toLowerCase(Locale.ROOT));
        int i = 0;
        while (i < w.size() && i < 2 && Set.of("on", "in", "during", "at", "the", "for").contains(w.get(i))) {
            i++;
        }
        if (i >= w.size()) {
            return false;
        }
        String first = w.get(i);
        if (first.equals("yesterday") || first.equals("yesterday's")) {
            return true;
        }
        return i + 1 < w.size() && Set.of("last", "previous", "prior", "earlier").contains(first) && EARLIER.contains(w.get(i + 1));
    }

    /** Whether the writer hedges the span {@code start..end}: a hedge in its sentence. */
    public static boolean hedgedAt(String note, int start, int end) {
        for (int[] s : NoteText.sentences(note)) {
            if (s[0] <= start && start < Math.max(s[1], s[0] + 1)) {
                String sentence = note.substring(s[0], Math.min(note.length(), Math.max(s[1], end)));
                String lower = NoteText.padded(sentence);
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
}
