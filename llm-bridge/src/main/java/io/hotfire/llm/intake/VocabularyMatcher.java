package io.hotfire.llm.intake;

import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches one clause (abbreviations written out) against every vocabulary entry: literally (a
 * synonym's words, lightly stemmed, in a row, or its content words close together in any order)
 * and by meaning (cosine similarity of the clause's embedding to the entry's description and
 * synonyms). Knows no domain word: everything comes from the vocabulary.
 */
final class VocabularyMatcher {

    /** An entry's description or synonym: its stems, content word forms (none for a description) and embedding. */
    record Phrase(VocabularyEntry entry, List<String> stems, List<String> content, float[] vector) {
    }

    /**
     * A match; for a literal one, the words {@code from..to} (inclusive) of the clause it covers,
     * {@code at} the character offset of its first word; {@code loose} when its words were found
     * in another order or with words between.
     */
    record Match(VocabularyEntry entry, double score, int at, boolean literal, int from, int to, boolean loose) {
        boolean inside(Match o) {
            return literal && o.literal && o.from <= from && to <= o.to && (o.to - o.from) > (to - from);
        }
    }

    /** Words of a synonym that may be left out, reordered or separated when it is matched by proximity. */
    static final Set<String> FILLER = Set.of("a", "an", "the", "of", "in", "on", "at", "to", "from", "with", "by",
            "for", "near", "around", "under", "its", "it");
    /** How many words beyond a synonym's own a proximity match may span. */
    private static final int SLACK = 2;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private final OfflineIntake.Settings settings;
    private final List<Phrase> phrases = new ArrayList<>();
    /**
     * Per entry, its {@code notWith} words and phrases as stems. A single word vetoes the entry in
     * the whole clause ("pump" for rough combustion); a phrase of several words is another sense of
     * the words it holds and hides them from the entry where it stands in a row ("fire watch posted"
     * is no fire, "fire watch report: flames licking at the joint" still is).
     */
    private final Map<String, List<List<String>>> notWith = new HashMap<>();
    /** Stands in for the words of a {@code notWith} phrase: matches nothing. */
    private static final String MASKED = "\u0000";
    /** Every stem of every synonym: words the lexicon knows, never read as a typo of another. */
    private final Set<String> known = new HashSet<>();
    /** Per entry, the stems of its description and synonyms that are not a component's name nor a common word. */
    private final Map<String, Set<String>> meaning = new HashMap<>();

    VocabularyMatcher(Vocabulary vocabulary, ClauseEmbeddings embeddings, OfflineIntake.Settings settings) {
        this.settings = settings;
        List<String> texts = new ArrayList<>();
        List<VocabularyEntry> owners = new ArrayList<>();
        for (VocabularyEntry e : vocabulary.entries()) {
            texts.add(vocabulary.expand(e.description()));
            owners.add(e);
            for (String syn : e.synonyms()) {
                texts.add(vocabulary.expand(syn));
                owners.add(e);
            }
            List<List<String>> w = new ArrayList<>();
            e.notWith().forEach(x -> w.add(Stems.stems(vocabulary.expand(x))));
            w.removeIf(List::isEmpty);
            notWith.put(e.code(), w);
            e.synonyms().forEach(x -> known.addAll(Stems.stems(vocabulary.expand(x))));
            Set<String> parts = new HashSet<>();
            e.components().forEach(x -> parts.addAll(Stems.stems(vocabulary.expand(x))));
            Set<String> m = new HashSet<>(Stems.stems(vocabulary.expand(e.description())));
            e.synonyms().forEach(x -> m.addAll(Stems.stems(vocabulary.expand(x))));
            m.removeIf(x -> parts.contains(x) || FILLER.contains(x) || NoteText.STOP_WORDS.contains(x) || x.length() < 3);
            meaning.put(e.code(), m);
        }
        List<float[]> vectors = embeddings.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            boolean description = i == 0 || owners.get(i) != owners.get(i - 1);
            List<String> st = description ? List.<String>of() : Stems.stems(texts.get(i));
            List<String> forms = description ? List.<String>of() : Stems.forms(texts.get(i));
            phrases.add(new Phrase(owners.get(i), st, forms.stream().filter(w -> !FILLER.contains(w)).distinct().toList(),
                    vectors.get(i)));
        }
    }

    /** Whether one of the entry's {@code notWith} words is in the clause. */
    boolean vetoed(String code, String clause) {
        return vetoed(code, Stems.stems(clause));
    }

    private boolean vetoed(String code, List<String> clauseStems) {
        return notWith.getOrDefault(code, List.of()).stream().anyMatch(p -> p.size() == 1 && clauseStems.contains(p.get(0)));
    }

    /** The clause's words with every {@code notWith} phrase of several words of the entry hidden; the same list when none stands in it. */
    private List<String> masked(String code, List<String> words, boolean stems) {
        List<String> out = words;
        for (List<String> p : notWith.getOrDefault(code, List.of())) {
            if (p.size() < 2) {
                continue;
            }
            List<String> phrase = p;
            for (int i = 0; i + phrase.size() <= out.size(); i++) {
                boolean hit = true;
                for (int j = 0; j < phrase.size() && hit; j++) {
                    String w = out.get(i + j);
                    hit = (stems ? w : w.replace("+ed", "")).equals(phrase.get(j)); // a form is a stem, "+ed" marking a past participle
                }
                if (hit) {
                    if (out == words) {
                        out = new ArrayList<>(words);
                    }
                    for (int j = 0; j < phrase.size(); j++) {
                        out.set(i + j, MASKED);
                    }
                }
            }
        }
        return out;
    }

    /** The entries the clause matches: literal matches (longest synonym wins), then matches by meaning. */
    List<Match> matches(String clause, float[] vector) {
        List<String> allStems = Stems.stems(clause);
        List<String> allForms = Stems.forms(clause);
        long contentWords = allStems.stream().filter(w -> !FILLER.contains(w)).count();
        Map<String, Match> best = new LinkedHashMap<>();
        Map<String, List<String>> maskedStems = new HashMap<>();
        for (Phrase p : phrases) {
            String code = p.entry().code();
            if (vetoed(code, allStems)) {
                continue; // the clause is about a part this observation is never about ("pump howled")
            }
            List<String> clauseStems = maskedStems.computeIfAbsent(code, k -> masked(k, allStems, true));
            List<String> clauseForms = clauseStems == allStems ? allForms : masked(code, allForms, false);
            double score = ClauseEmbeddings.cosine(vector, p.vector());
            Match m = null;
            if (!p.stems().isEmpty()) {
                int idx = indexOf(clauseStems, p.stems());
                int to = idx + p.stems().size() - 1;
                boolean loose = false;
                if (idx < 0) {
                    int[] w = near(clauseForms, p.content());
                    idx = w[0];
                    to = w[1];
                    loose = true;
                }
                if (idx >= 0) {
                    m = new Match(p.entry(), Math.max(score, settings.literalConfidence()), charOffsetOfWord(clause, idx), true,
                            idx, to, loose);
                }
            }
            if (m == null) {
                m = new Match(p.entry(), score, clause.length(), false, -1, -1, false);
            }
            Match prev = best.get(p.entry().code());
            if (prev == null || better(m, prev)) {
                best.put(p.entry().code(), m);
            }
        }
        List<Match> ranked = new ArrayList<>(best.values());
        ranked.sort((a, b) -> Double.compare(b.score(), a.score()));
        List<Match> out = new ArrayList<>();
        for (Match m : ranked) {
            // the longest synonym wins: "burn marks" on a wall is not the "burn" of a fire
            if (m.literal() && ranked.stream().noneMatch(m::inside)) {
                out.add(m);
            }
        }
        if (contentWords < 2) {
            return out; // one word ("Injector:") names a part, not what was seen
        }
        boolean literal = !out.isEmpty();
        for (Match m : ranked) {
            if (m.literal()) {
                continue;
            }
            double need = literal ? settings.besideLiteral() : out.isEmpty() ? settings.threshold() : settings.secondaryThreshold();
            Set<String> words = meaning.get(m.entry().code());
            List<String> clauseStems = maskedStems.getOrDefault(m.entry().code(), allStems);
            if (m.score() >= need && clauseStems.stream().anyMatch(w -> words.stream().anyMatch(x -> same(w, x)))) {
                // a match by meaning shares at least one word with what it means, beyond the part's name
                // ("Injector inspected after" names the injector but no erosion)
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Whether the clause holds a word of what the code means (a stem of its description or a
     * synonym that is not a component's name nor a common word), allowing a letter dropped or doubled.
     */
    boolean sharesMeaning(String code, String clause) {
        Set<String> words = meaning.getOrDefault(code, Set.of());
        List<String> clauseStems = masked(code, Stems.stems(clause), true);
        return clauseStems.stream().anyMatch(w -> words.stream().anyMatch(x -> same(w, x)));
    }

    /** The greatest cosine similarity of a clause to the description or a synonym of the code's entry. */
    double similarity(float[] clause, String code) {
        double best = -1;
        for (Phrase p : phrases) {
            if (p.entry().code().equals(code)) {
                best = Math.max(best, ClauseEmbeddings.cosine(clause, p.vector()));
            }
        }
        return best;
    }

    private static boolean better(Match a, Match b) {
        if (a.literal() != b.literal()) {
            return a.literal();
        }
        return a.score() > b.score();
    }

    /**
     * Whether two stems are the same word, allowing one letter dropped or doubled in a word of
     * five letters or more ("frostd" for "frost", "vapor" for "vapour", "shutdwn") or two neighbouring
     * letters swapped ("vapuor"); a letter
     * changed is not allowed ("frame" is not "flame"). Only for a synonym's words in their own
     * order: the looser proximity match takes words exactly. {@code a} is the note's word.
     */
    boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (known.contains(a)) {
            return false; // a word the lexicon knows is that word, not a typo of another ("crack" is not "crackl")
        }
        if (a.length() == b.length() && a.length() >= 5 && transposed(a, b)) {
            return true; // "vapuor", "flnage": two neighbouring letters swapped
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = longer == a ? b : a;
        if (shorter.length() < 5 || longer.length() != shorter.length() + 1 || longer.contains("+") || shorter.contains("+")) {
            return false;
        }
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.substring(i).equals(longer.substring(i + 1));
    }

    /** Whether two words of one length differ only by two neighbouring letters swapped. */
    private static boolean transposed(String a, String b) {
        int i = 0;
        while (i < a.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                && a.substring(i + 2).equals(b.substring(i + 2));
    }

    private int indexOf(List<String> hay, List<String> needle) {
        outer:
        for (int i = 0; i + needle.size() <= hay.size(); i++) {
            for (int j = 0; j < needle.size(); j++) {
                if (!same(hay.get(i + j), needle.get(j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Where a synonym of two or more content words occurs in another order or with a few words
     * between ("cable found pinched" for "pinched cable", "chips in the fuel filter screen" for
     * "chips in the screen"): the first word of the shortest window of at most
     * {@code content + SLACK} words holding them all, and its last word; else -1. A negation between
     * them ("duct showed no glow") is read by {@link Negation#negatedWithin}.
     */
    static int[] near(List<String> hay, List<String> content) {
        int[] none = {-1, -1};
        if (content.size() < 2) {
            return none;
        }
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < hay.size(); i++) {
            if (!FILLER.contains(hay.get(i))) {
                at.add(i);
            }
        }
        int width = content.size() + SLACK;
        for (int a = 0; a < at.size(); a++) {
            if (!content.contains(hay.get(at.get(a)))) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (int b = a; b < at.size() && b < a + width; b++) {
                String w = hay.get(at.get(b));
                if (content.contains(w)) {
                    seen.add(w);
                }
                if (seen.size() == content.size()) {
                    return new int[] {at.get(a), at.get(b)};
                }
            }
        }
        return none;
    }

    /** Character offset in {@code clause} of its {@code wordIndex}-th word (same tokenisation as {@link Stems#stems}). */
    static int charOffsetOfWord(String clause, int wordIndex) {
        Matcher m = WORD.matcher(clause.toLowerCase(Locale.ROOT).replace('-', ' '));
        int i = 0;
        while (m.find()) {
            if (i++ == wordIndex) {
                return m.start();
            }
        }
        return clause.length();
    }
}
