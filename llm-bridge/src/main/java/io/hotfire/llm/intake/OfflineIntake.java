package io.hotfire.llm.intake;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intake without an LLM: each clause of the note is matched against the vocabulary, literally
 * (a synonym's words, lightly stemmed, in a row) and semantically (cosine similarity of
 * all-MiniLM-L6-v2 embeddings of the clause and of each entry's description and synonyms).
 * The quote is the matched clause, so it is always in the note. Times, numbers and negation
 * come from {@link NoteText}. Optionally ({@link #learnFrom}, {@link #withClassifier}) a
 * {@link ClauseClassifier} trained on labelled notes adds codes the matcher misses in a clause
 * (see {@link Learning}); the quote, negation and instruction rules are the same for those.
 */
public final class OfflineIntake {

    /** How the offline extractor names itself in every output. */
    public static final String MODEL = "offline:all-MiniLM-L6-v2+lexicon";

    /**
     * Matching thresholds.
     *
     * @param threshold          least cosine similarity for a clause to match an entry without a literal synonym
     * @param secondaryThreshold least similarity for a further entry in a clause that already matched
     * @param literalConfidence  confidence given to a literal synonym match
     * @param negatedThreshold   least similarity for an absence matched without a literal synonym
     * @param besideLiteral      least similarity for a further entry in a clause that matched a synonym literally
     */
    public record Settings(double threshold, double secondaryThreshold, double literalConfidence, double negatedThreshold,
                           double besideLiteral) {
        public static final Settings DEFAULT = new Settings(0.67, 0.72, 0.9, 0.70, 0.80);

        public Settings(double threshold, double secondaryThreshold, double literalConfidence) {
            this(threshold, secondaryThreshold, literalConfidence, DEFAULT.negatedThreshold(), DEFAULT.besideLiteral());
        }
    }

    private record Phrase(VocabularyEntry entry, List<String> stems, List<String> content, float[] vector) {
    }

    /** Words of a synonym that may be left out, reordered or separated when it is matched by proximity. */
    private static final Set<String> FILLER = Set.of("a", "an", "the", "of", "in", "on", "at", "to", "from", "with", "by",
            "for", "near", "around", "under", "its", "it");
    /** How many words beyond a synonym's own a proximity match may span. */
    private static final int SLACK = 2;

    /** A match; for a literal one, the words {@code from..to} (inclusive) of the clause it covers. */
    private record Match(VocabularyEntry entry, double score, int at, boolean literal, int from, int to) {
        boolean inside(Match o) {
            return literal && o.literal && o.from <= from && to <= o.to && (o.to - o.from) > (to - from);
        }
    }

    private static final Pattern SENSOR_ID = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b|\\bTHRUST\\b");

    private final Vocabulary vocabulary;
    private final EmbeddingModel embeddings;
    private final Set<String> sensors;
    private final Settings settings;
    private final List<Phrase> phrases = new ArrayList<>();
    private final Map<String, Set<String>> notWith = new java.util.HashMap<>();
    /** Every stem of every synonym: words the lexicon knows, never read as a typo of another. */
    private final Set<String> known = new java.util.HashSet<>();
    /** Per entry, the stems of its description and synonyms that are not a component's name nor a common word. */
    private final Map<String, Set<String>> meaning = new java.util.HashMap<>();
    /** The clause classifier trained from labelled notes, or null: the vocabulary matcher alone. */
    private final ClauseClassifier learned;
    private final Learning learning;

    /**
     * How the trained clause classifier is combined with the matcher.
     *
     * @param vetoBelow a match is dropped when the classifier gives both "an observation" and its code less than this
     * @param addAbove  a code the matcher did not find in a clause is added when the classifier gives it at least this
     * @param vetoLiteral whether a literal synonym match may be vetoed too
     * @param addSimilarity least cosine similarity of the clause to one of the code's phrases for an added code
     */
    public record Learning(double vetoBelow, double addAbove, boolean vetoLiteral, double addSimilarity) {
        public static final Learning DEFAULT = new Learning(0.0, 0.90, true, 0.40);
    }

    /**
     * @param vocabulary the domain's observation vocabulary
     * @param embeddings the sentence embedding model (all-MiniLM-L6-v2 in production)
     * @param sensors    sensor ids a note may name (the profile's); the vocabulary's are always included
     */
    public OfflineIntake(Vocabulary vocabulary, EmbeddingModel embeddings, Set<String> sensors, Settings settings) {
        this.vocabulary = vocabulary;
        this.embeddings = embeddings;
        Set<String> s = new TreeSet<>(sensors);
        s.addAll(vocabulary.sensors());
        this.sensors = Set.copyOf(s);
        this.settings = settings;
        this.cache = new java.util.concurrent.ConcurrentHashMap<>();
        this.learned = null;
        this.learning = Learning.DEFAULT;
        List<String> texts = new ArrayList<>();
        List<VocabularyEntry> owners = new ArrayList<>();
        for (VocabularyEntry e : vocabulary.entries()) {
            texts.add(vocabulary.expand(e.description()));
            owners.add(e);
            for (String syn : e.synonyms()) {
                texts.add(vocabulary.expand(syn));
                owners.add(e);
            }
        }
        for (VocabularyEntry e : vocabulary.entries()) {
            Set<String> w = new java.util.HashSet<>();
            e.notWith().forEach(x -> w.addAll(stems(vocabulary.expand(x))));
            notWith.put(e.code(), w);
            e.synonyms().forEach(x -> known.addAll(stems(vocabulary.expand(x))));
            Set<String> parts = new java.util.HashSet<>();
            e.components().forEach(x -> parts.addAll(stems(vocabulary.expand(x))));
            Set<String> m = new java.util.HashSet<>(stems(vocabulary.expand(e.description())));
            e.synonyms().forEach(x -> m.addAll(stems(vocabulary.expand(x))));
            m.removeIf(x -> parts.contains(x) || FILLER.contains(x) || NoteText.STOP_WORDS.contains(x) || x.length() < 3);
            meaning.put(e.code(), m);
        }
        List<float[]> vectors = embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            boolean description = i == 0 || owners.get(i) != owners.get(i - 1);
            List<String> st = description ? List.<String>of() : stems(texts.get(i));
            List<String> forms = description ? List.<String>of() : forms(texts.get(i));
            phrases.add(new Phrase(owners.get(i), st, forms.stream().filter(w -> !FILLER.contains(w)).distinct().toList(),
                    vectors.get(i)));
        }
    }

    private OfflineIntake(OfflineIntake base, ClauseClassifier learned, Learning learning) {
        this.vocabulary = base.vocabulary;
        this.embeddings = base.embeddings;
        this.sensors = base.sensors;
        this.settings = base.settings;
        this.phrases.addAll(base.phrases);
        this.notWith.putAll(base.notWith);
        this.known.addAll(base.known);
        this.meaning.putAll(base.meaning);
        this.cache = base.cache;
        this.learned = learned;
        this.learning = learning;
    }

    /** This matcher combined with a trained clause classifier (null: the matcher alone). */
    public OfflineIntake withClassifier(ClauseClassifier classifier, Learning learning) {
        return new OfflineIntake(this, classifier, learning);
    }

    /** A labelled note: its text and the codes it states (present or absent). */
    public record LabelledNote(String text, Set<String> codes) {
    }

    /** This matcher with a clause classifier trained on the labelled notes. */
    public OfflineIntake learnFrom(List<LabelledNote> notes) {
        List<ClauseClassifier.Example> examples = new ArrayList<>();
        notes.forEach(n -> examples.addAll(examples(n.text(), n.codes())));
        return withClassifier(ClauseClassifier.train(examples), Learning.DEFAULT);
    }

    /**
     * The clauses of a labelled note as training examples: each code the note states is given to
     * the clauses where the matcher finds it, else to the clause closest in meaning to the code's
     * description and synonyms; every other clause is an example of no observation. Clauses of a
     * sentence that reads as an instruction are left out.
     */
    public List<ClauseClassifier.Example> examples(String note, Set<String> codes) {
        List<NoteText.Clause> clauses = NoteText.clauses(note);
        if (clauses.isEmpty()) {
            return List.of();
        }
        List<String> expanded = clauses.stream().map(c -> vocabulary.expand(note, c.start(), c.end())).toList();
        List<float[]> vectors = embed(expanded);
        List<Set<String>> labels = new ArrayList<>();
        List<Set<String>> found = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            labels.add(new TreeSet<>());
            Set<String> f = new java.util.HashSet<>();
            matches(expanded.get(i), vectors.get(i)).forEach(m -> f.add(m.entry().code()));
            found.add(f);
        }
        for (String code : codes) {
            boolean any = false;
            for (int i = 0; i < clauses.size(); i++) {
                if (found.get(i).contains(code)) {
                    labels.get(i).add(code);
                    any = true;
                }
            }
            if (!any) {
                int best = -1;
                double bestScore = -2;
                for (int i = 0; i < clauses.size(); i++) {
                    for (Phrase p : phrases) {
                        if (p.entry().code().equals(code)) {
                            double sc = cosine(vectors.get(i), p.vector());
                            if (sc > bestScore) {
                                bestScore = sc;
                                best = i;
                            }
                        }
                    }
                }
                if (best >= 0) {
                    labels.get(best).add(code);
                }
            }
        }
        List<ClauseClassifier.Example> out = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            NoteText.Clause c = clauses.get(i);
            if (!NoteText.instructionLike(note.substring(c.sentenceStart(), c.sentenceEnd()), vocabulary.codes())) {
                out.add(new ClauseClassifier.Example(expanded.get(i), labels.get(i)));
            }
        }
        return out;
    }

    /** With the bundled all-MiniLM-L6-v2 model (loads in a few seconds; 384-d vectors). */
    public static OfflineIntake withBundledModel(Vocabulary vocabulary, Set<String> sensors) {
        return new OfflineIntake(vocabulary, new AllMiniLmL6V2EmbeddingModel(), sensors, Settings.DEFAULT);
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** Observations in the note; every quote is a clause of the note at its exact offsets. */
    public List<Observation> extract(String note, Optional<Double> runTime) {
        if (note == null || note.isBlank()) {
            return List.of();
        }
        List<NoteText.Clause> clauses = NoteText.clauses(note);
        if (clauses.isEmpty()) {
            return List.of();
        }
        List<String> expanded = clauses.stream().map(c -> vocabulary.expand(note, c.start(), c.end())).toList();
        List<float[]> vectors = embed(expanded);
        Map<String, Observation> out = new LinkedHashMap<>();
        NoteText.Clause previous = null;
        boolean previousNegated = false;
        int observedInSentence = -1;
        for (int i = 0; i < clauses.size(); i++) {
            NoteText.Clause c = clauses.get(i);
            if (NoteText.instructionLike(note.substring(c.sentenceStart(), c.sentenceEnd()), vocabulary.codes())) {
                continue; // a note holds no instructions: text addressed to the system is never an observation
            }
            boolean inherited = NoteText.inheritsNegation(c, previous, previousNegated)
                    || (i + 1 < clauses.size() && NoteText.answersNone(clauses.get(i + 1), c)); // "leaks: none"
            String text = expanded.get(i);
            boolean clauseNegated = inherited || NoteText.leadsWithNegation(text);
            previous = c;
            previousNegated = clauseNegated;
            if ((observedInSentence == c.sentenceStart() || (observedInSentence >= 0 && c.joiner() == NoteText.Joiner.NONE))
                    && NoteText.speculatesCause(text)) {
                continue; // "frost at the flange, prob a leak??", "... Suspect FOD.": a guess at the cause of what was just seen
            }
            if (NoteText.conditional(text)) {
                continue; // "if we ever see the valve chatter": a condition, not an observation
            }
            List<Match> found = matches(text, vectors.get(i));
            if (learned != null) {
                Map<String, Double> p = learned.probabilities(text);
                double any = p.getOrDefault(ClauseClassifier.ANY, 0.0);
                List<Match> kept = new ArrayList<>();
                for (Match m : found) {
                    double pc = p.getOrDefault(m.entry().code(), 0.0);
                    if ((learning.vetoLiteral() || !m.literal()) && any < learning.vetoBelow() && pc < learning.vetoBelow()) {
                        continue; // the trained classifier reads the clause as about something else
                    }
                    kept.add(m);
                }
                for (Map.Entry<String, Double> e : p.entrySet()) {
                    String code = e.getKey();
                    if (e.getValue() >= learning.addAbove() && vocabulary.contains(code)
                            && kept.stream().noneMatch(m -> m.entry().code().equals(code))
                            && similarity(vectors.get(i), code) >= learning.addSimilarity()
                            && notWith.get(code).stream().noneMatch(stems(text)::contains)) {
                        kept.add(new Match(vocabulary.entry(code).orElseThrow(), e.getValue(), text.length(), false, -1, -1));
                    }
                }
                found = kept;
            }
            for (Match m : found) {
                if (m.literal() && NoteText.namesAProcedure(text, m.at())) {
                    continue; // "leak check to follow": a check to be made, not a leak seen
                }
                boolean negated = inherited || (m.literal() ? NoteText.negated(text, m.at(), charOffsetOfWord(text, m.to() + 1))
                        : NoteText.negated(text, -1));
                if (!m.literal() && !inherited && NoteText.onlyStatus(text)) {
                    continue; // "liner OK", "plume steady": a part's status names no observation, present or absent
                }
                if (!m.literal() && negated && m.score() < settings.negatedThreshold()) {
                    continue; // an absence needs the thing named, or a close paraphrase of it
                }
                observedInSentence = c.sentenceStart();
                Observation o = observation(note, c, m, text, !negated, runTime);
                String key = o.code() + "|" + o.present() + "|" + o.time();
                Observation prev = out.get(key);
                if (prev == null || prev.confidence() < o.confidence()) {
                    out.put(key, o);
                }
            }
        }
        return List.copyOf(out.values());
    }

    private List<Match> matches(String clause, float[] vector) {
        List<String> clauseStems = stems(clause);
        List<String> clauseForms = forms(clause);
        long contentWords = clauseStems.stream().filter(w -> !FILLER.contains(w)).count();
        Map<String, Match> best = new LinkedHashMap<>();
        for (Phrase p : phrases) {
            if (notWith.get(p.entry().code()).stream().anyMatch(clauseStems::contains)) {
                continue; // the clause is about a part this observation is never about ("pump howled")
            }
            double score = cosine(vector, p.vector());
            Match m = null;
            if (!p.stems().isEmpty()) {
                int idx = indexOf(clauseStems, p.stems());
                int to = idx + p.stems().size() - 1;
                if (idx < 0) {
                    int[] w = near(clauseForms, p.content());
                    idx = w[0];
                    to = w[1];
                }
                if (idx >= 0) {
                    m = new Match(p.entry(), Math.max(score, settings.literalConfidence()), charOffsetOfWord(clause, idx), true,
                            idx, to);
                }
            }
            if (m == null) {
                m = new Match(p.entry(), score, clause.length(), false, -1, -1);
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
            if (m.score() >= need && clauseStems.stream().anyMatch(w -> words.stream().anyMatch(x -> same(w, x)))) {
                // a match by meaning shares at least one word with what it means, beyond the part's name
                // ("Injector inspected after" names the injector but no erosion)
                out.add(m);
            }
        }
        return out;
    }

    /** The greatest cosine similarity of a clause to the description or a synonym of the code's entry. */
    private double similarity(float[] clause, String code) {
        double best = -1;
        for (Phrase p : phrases) {
            if (p.entry().code().equals(code)) {
                best = Math.max(best, cosine(clause, p.vector()));
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

    private Observation observation(String note, NoteText.Clause c, Match m, String expanded, boolean present,
                                    Optional<Double> runTime) {
        Double time = null;
        TimeSource source = TimeSource.NONE;
        Optional<NoteText.TimeMention> t = NoteText.timeFor(note, c.start(), c.end(), c.sentenceStart(), c.sentenceEnd());
        if (t.isPresent()) {
            time = t.get().seconds();
            source = TimeSource.NOTE;
        } else if (runTime.isPresent()) {
            time = runTime.get();
            source = TimeSource.GIVEN_RUN_TIME;
        }
        String sentence = note.substring(c.sentenceStart(), c.sentenceEnd());
        return new Observation(m.entry().code(), time, source, component(m.entry(), c.text(), sentence),
                sensor(c.text(), sentence), present, round(Math.min(1.0, Math.max(0.0, m.score()))), quote(note, c, m, expanded),
                quantities(note, c), MODEL);
    }

    /**
     * The clause as the quote, or, when it is longer than a quote may be
     * ({@link ObservationGrounding#MAX_QUOTE_WORDS} words, {@link ObservationGrounding#MAX_QUOTE_CHARS}
     * characters), the whole words around the matched synonym (from the start of the clause when
     * the match is by meaning).
     */
    static Quote quote(String note, NoteText.Clause c, Match m, String expanded) {
        List<int[]> words = new ArrayList<>();
        Matcher w = WORD.matcher(c.text());
        while (w.find()) {
            words.add(new int[] {w.start(), w.end()});
        }
        if (words.size() <= ObservationGrounding.MAX_QUOTE_WORDS && c.text().length() <= ObservationGrounding.MAX_QUOTE_CHARS) {
            return c.quote();
        }
        int anchor = 0;
        if (m.literal()) {
            List<String> st = stems(expanded);
            String target = m.from() < st.size() ? st.get(m.from()) : "";
            for (int i = 0; i < words.size(); i++) {
                String word = c.text().substring(words.get(i)[0], words.get(i)[1]).toLowerCase(Locale.ROOT);
                if (stem(word).equals(target)) {
                    anchor = i;
                    break;
                }
            }
        }
        int max = ObservationGrounding.MAX_QUOTE_WORDS;
        int first = Math.max(0, Math.min(anchor - 3, words.size() - max));
        int last = Math.min(words.size(), first + max) - 1;
        while (last > first && words.get(last)[1] - words.get(first)[0] > ObservationGrounding.MAX_QUOTE_CHARS) {
            last--;
        }
        int start = c.start() + words.get(first)[0];
        int end = c.start() + words.get(last)[1];
        return new Quote(start, end, note.substring(start, end));
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    /** Numbers stated in the clause, else in its sentence. */
    private static List<Quantity> quantities(String note, NoteText.Clause c) {
        List<Quantity> q = NoteText.quantities(note, c.start(), c.end());
        return q.isEmpty() ? NoteText.quantities(note, c.sentenceStart(), c.sentenceEnd()) : q;
    }

    /** The first of the entry's components the clause (else its sentence) names, else the entry's default. */
    static String component(VocabularyEntry e, String clause, String sentence) {
        for (String where : List.of(clause, sentence)) {
            String lower = where.toLowerCase(Locale.ROOT);
            for (String comp : e.components()) {
                if (lower.contains(comp.toLowerCase(Locale.ROOT))) {
                    return comp;
                }
            }
        }
        return e.defaultComponent();
    }

    private String sensor(String clause, String sentence) {
        for (String where : List.of(clause, sentence)) {
            Matcher m = SENSOR_ID.matcher(where);
            while (m.find()) {
                if (sensors.contains(m.group())) {
                    return m.group();
                }
            }
        }
        return null;
    }

    /** Embeddings of recent clause texts (bounded): training and evaluation embed the same clauses again. */
    private final Map<String, float[]> cache;
    private static final int CACHE_SIZE = 4096;

    private List<float[]> embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out[i] = cache.get(texts.get(i));
            if (out[i] == null && !missing.contains(texts.get(i))) {
                missing.add(texts.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> e = embeddings.embedAll(missing.stream().map(TextSegment::from).toList()).content();
            Map<String, float[]> fresh = new java.util.HashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                fresh.put(missing.get(i), normalise(e.get(i).vector()));
            }
            if (cache.size() + fresh.size() > CACHE_SIZE) {
                cache.clear();
            }
            cache.putAll(fresh);
            for (int i = 0; i < texts.size(); i++) {
                if (out[i] == null) {
                    out[i] = fresh.get(texts.get(i));
                }
            }
        }
        return java.util.Arrays.asList(out);
    }

    private static float[] normalise(float[] v) {
        double n = 0;
        for (float f : v) {
            n += f * f;
        }
        n = Math.sqrt(n);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = n == 0 ? 0 : (float) (v[i] / n);
        }
        return out;
    }

    private static double cosine(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    /** Word stems: lower case, then a light English suffix strip so "leaking", "leaks" and "leak" meet. */
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

    /**
     * Whether two stems are the same word, allowing one letter dropped or doubled in a word of
     * five letters or more ("frostd" for "frost", "vapor" for "vapour", "shutdwn"); a letter
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
     * {@code content + SLACK} words holding them all and no negation, and its last word; else -1.
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
            Set<String> seen = new java.util.HashSet<>();
            for (int b = a; b < at.size() && b < a + width; b++) {
                String w = hay.get(at.get(b));
                if (NoteText.isNegation(w)) {
                    break;
                }
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

    /** Character offset in {@code clause} of its {@code wordIndex}-th word (same tokenisation as {@link #stems}). */
    private static int charOffsetOfWord(String clause, int wordIndex) {
        Matcher m = Pattern.compile("[\\p{L}\\p{N}']+").matcher(clause.toLowerCase(Locale.ROOT).replace('-', ' '));
        int i = 0;
        while (m.find()) {
            if (i++ == wordIndex) {
                return m.start();
            }
        }
        return clause.length();
    }
}
