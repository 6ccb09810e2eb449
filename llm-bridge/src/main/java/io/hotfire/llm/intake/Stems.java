package io.hotfire.llm.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Light English word stems shared by the matcher and the clause classifier ("leaking", "leaks" and "leak" meet). */
final class Stems {

    private Stems() {
    }

    /** Word stems: lower case, then a light English suffix strip. */
    static List<String> stems(String text) {
        List<String> out = new ArrayList<>();
        for (String w : NoteText.words(text.toLowerCase(Locale.ROOT).replace('-', ' '))) {
            out.add(stem(w));
        }
        return out;
    }

    /**
     * Stems that keep a past participle apart from a noun ("reported" is not "report"), for the
     * looser proximity match, where word order no longer tells a verb from a noun.
     */
    static List<String> forms(String text) {
        List<String> out = new ArrayList<>();
        for (String w : NoteText.words(text.toLowerCase(Locale.ROOT).replace('-', ' '))) {
            String s = stem(w);
            out.add(w.endsWith("ed") && !s.equals(w) ? s + "+ed" : s);
        }
        return out;
    }

    static String stem(String w) {
        String s = w.replace("'", "");
        if (s.length() >= 6 && s.endsWith("in") && "aeiouy".indexOf(s.charAt(s.length() - 3)) < 0) {
            s = s + "g"; // "chuggin'", "leakin": the g dropped in speech and in quick notes
        }
        if (s.length() > 6 && s.endsWith("ation")) {
            s = s.substring(0, s.length() - 3); // "hesitation" meets "hesitated", "vibration" meets "vibrating"
        } else if (s.length() > 5 && s.endsWith("ing")) {
            s = s.substring(0, s.length() - 3);
        } else if (s.length() > 4 && s.endsWith("ed")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.length() > 3 && s.endsWith("es") && !s.endsWith("ses")) {
            s = s.substring(0, s.length() - 1);
        } else if (s.length() > 3 && s.endsWith("s") && !s.endsWith("ss")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > 3 && s.charAt(s.length() - 1) == s.charAt(s.length() - 2) && "bdglmnprt".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() > 3 && s.endsWith("e")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
