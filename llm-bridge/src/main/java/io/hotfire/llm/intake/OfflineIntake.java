package io.hotfire.llm.intake;

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
 * Intake without an LLM: each clause of the note is matched against the vocabulary
 * ({@link VocabularyMatcher}: literally, and by all-MiniLM-L6-v2 embeddings), unless it is text
 * addressed to the system ({@link Instructions}) or does something other than report this run
 * ({@link Modality}: a guess, a condition, a check to make, a plan, an earlier test); whether
 * each match is present or absent is {@link Negation}'s. The quote is the matched clause, so it
 * is always in the note. Optionally ({@link #learnFrom}, {@link #withClassifier}) a
 * {@link ClauseClassifier} trained on labelled notes adds codes the matcher misses in a clause
 * ({@link ClauseLearning}); the quote, negation and instruction rules are the same for those.
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

    /** A labelled note: its text and the codes it states (present or absent). */
    public record LabelledNote(String text, Set<String> codes) {
    }

    /**
     * Whether a status clause ("tank press was fine", "lox topped at 93 K, in spec") that matches a code by
     * meaning (or by the classifier) at least as closely as an absence must ({@link Settings#negatedThreshold})
     * codes it absent rather than nothing (#14 sixth round: +10 true positives for +1 false positive over
     * the seven writer folds, README); {@code -Dintake.statusAsAbsence=false} for the former behaviour.
     */
    static final boolean STATUS_AS_ABSENCE = Boolean.parseBoolean(System.getProperty("intake.statusAsAbsence", "true"));

    private static final Pattern SENSOR_ID = Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b|\\bTHRUST\\b");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private final Vocabulary vocabulary;
    private final Set<String> sensors;
    private final Settings settings;
    private final ClauseEmbeddings embeddings;
    private final VocabularyMatcher matcher;
    private final ClauseLearning learner;
    /** The clause classifier trained from labelled notes, or null: the vocabulary matcher alone. */
    private final ClauseClassifier learned;
    private final Learning learning;

    /**
     * @param vocabulary the domain's observation vocabulary
     * @param embeddings the sentence embedding model (all-MiniLM-L6-v2 in production)
     * @param sensors    sensor ids a note may name (the profile's); the vocabulary's are always included
     */
    public OfflineIntake(Vocabulary vocabulary, EmbeddingModel embeddings, Set<String> sensors, Settings settings) {
        this.vocabulary = vocabulary;
        Set<String> s = new TreeSet<>(sensors);
        s.addAll(vocabulary.sensors());
        this.sensors = Set.copyOf(s);
        this.settings = settings;
        this.embeddings = new ClauseEmbeddings(embeddings);
        this.matcher = new VocabularyMatcher(vocabulary, this.embeddings, settings);
        this.learner = new ClauseLearning(vocabulary, this.embeddings, matcher);
        this.learned = null;
        this.learning = Learning.DEFAULT;
    }

    private OfflineIntake(OfflineIntake base, ClauseClassifier learned, Learning learning) {
        this.vocabulary = base.vocabulary;
        this.sensors = base.sensors;
        this.settings = base.settings;
        this.embeddings = base.embeddings;
        this.matcher = base.matcher;
        this.learner = base.learner;
        this.learned = learned;
        this.learning = learning;
    }

    /** With the bundled all-MiniLM-L6-v2 model (loads in a few seconds; 384-d vectors). */
    public static OfflineIntake withBundledModel(Vocabulary vocabulary, Set<String> sensors) {
        return new OfflineIntake(vocabulary, new AllMiniLmL6V2EmbeddingModel(), sensors, Settings.DEFAULT);
    }

    /** This matcher combined with a trained clause classifier (null: the matcher alone). */
    public OfflineIntake withClassifier(ClauseClassifier classifier, Learning learning) {
        return new OfflineIntake(this, classifier, learning);
    }

    /** This matcher with a clause classifier trained on the labelled notes (none: the matcher alone). */
    public OfflineIntake learnFrom(List<LabelledNote> notes) {
        return learnFrom(notes, () -> { });
    }

    /**
     * As {@link #learnFrom(List)}, calling {@code pause} before each note is embedded (the bulk of the
     * training's CPU, tens of milliseconds a note): a caller that must not compete with other work
     * blocks there until that work is done. The result does not depend on the pauses.
     */
    public OfflineIntake learnFrom(List<LabelledNote> notes, Runnable pause) {
        if (notes.isEmpty()) {
            return withClassifier(null, Learning.DEFAULT);
        }
        List<ClauseClassifier.Example> examples = new ArrayList<>();
        for (LabelledNote n : notes) {
            pause.run();
            examples.addAll(examples(n.text(), n.codes()));
        }
        pause.run();
        return withClassifier(ClauseClassifier.train(examples), Learning.DEFAULT);
    }

    /** The trained clause classifier, or null for the matcher alone (e.g. to {@link ClauseClassifier#write} it). */
    public ClauseClassifier classifier() {
        return learned;
    }

    /** The clauses of a labelled note as training examples ({@link ClauseLearning#examples}). */
    public List<ClauseClassifier.Example> examples(String note, Set<String> codes) {
        return learner.examples(note, codes);
    }

    /** Whether a trained clause classifier takes part. */
    public boolean learned() {
        return learned != null;
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
        List<float[]> vectors = embeddings.embed(expanded);
        Map<String, Observation> out = new LinkedHashMap<>();
        /** Per kept observation, where it was named literally: code|present -> sentence starts. */
        Map<String, Set<Integer>> literalIn = new java.util.HashMap<>();
        Map<String, Integer> sentenceOf = new java.util.HashMap<>();
        NoteText.Clause previous = null;
        boolean previousNegated = false;
        boolean previousHolds = false;
        boolean previousConditional = false;
        boolean previousToDo = false;
        int observedInSentence = -1;
        for (int i = 0; i < clauses.size(); i++) {
            NoteText.Clause c = clauses.get(i);
            if (Instructions.instructionLike(note.substring(c.sentenceStart(), c.sentenceEnd()), vocabulary.codes())) {
                continue; // a note holds no instructions: text addressed to the system is never an observation
            }
            boolean denied = deniedByReply(note, clauses, i);
            boolean inherited = Negation.inheritsNegation(c, previous, previousNegated)
                    || (c.joiner() == NoteText.Joiner.CONJUNCTION && Negation.inheritsNegation(c, previous, previousHolds)) // "didn't hear any pop or bang"
                    || (i + 1 < clauses.size() && Negation.answersNone(clauses.get(i + 1), c)) // "leaks: none"
                    || denied; // "Whine? No."
            String text = expanded.get(i);
            boolean clauseNegated = inherited || Negation.leadsWithNegation(text);
            previous = c;
            previousNegated = clauseNegated;
            previousHolds = clauseNegated || Negation.holdsNegation(text);
            if ((observedInSentence == c.sentenceStart() || (observedInSentence >= 0 && c.joiner() == NoteText.Joiner.NONE))
                    && Modality.speculatesCause(text)) {
                continue; // "frost at the flange, prob a leak??", "... Suspect FOD.": a guess at the cause of what was just seen
            }
            boolean conditional = Modality.conditional(text)
                    || (previousConditional && (c.joiner() == NoteText.Joiner.LIST || c.joiner() == NoteText.Joiner.CONJUNCTION));
            previousConditional = conditional; // "Abort if fire, smoke or sparks are observed": the list stays in the condition
            boolean toDo = Modality.toDo(text)
                    || (previousToDo && (c.joiner() == NoteText.Joiner.LIST || c.joiner() == NoteText.Joiner.CONJUNCTION));
            previousToDo = toDo; // "Watch for valve chatter and for any change in the plume": the list stays in the check
            if (conditional || toDo || Modality.earlierTest(text)
                    || (!denied && Modality.question(text, c.sentenceEnd() < note.length() && note.charAt(c.sentenceEnd()) == '?'))) {
                continue; // "if we ever see chatter", "Verify no frost", "Last week's test had ...", "could X cause Y?": not seen on this run
            }
            List<VocabularyMatcher.Match> found = matcher.matches(text, vectors.get(i));
            if (learned != null) {
                found = learner.combine(found, text, vectors.get(i), learned, learning);
            }
            for (VocabularyMatcher.Match m : found) {
                if (m.literal() && Modality.namesAProcedure(text, m.at())) {
                    continue; // "leak check to follow": a check to be made, not a leak seen
                }
                int matchEnd = VocabularyMatcher.charOffsetOfWord(text, m.to() + 1);
                boolean negated = inherited || (m.literal() ? Negation.negated(text, m.at(), matchEnd)
                        || (m.loose() && Negation.negatedWithin(text, m.at(), matchEnd)) : Negation.negated(text, -1));
                if (!m.literal() && !inherited && Modality.onlyStatus(text)) {
                    if (!STATUS_AS_ABSENCE || m.score() < settings.negatedThreshold()) {
                        continue; // "liner OK", "plume steady": a part's status names no observation, present or absent
                    }
                    negated = true; // "tank press was fine", "lox topped at 93 K, in spec": what the clause is about, read as absent
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
                    sentenceOf.put(key, c.sentenceStart());
                }
                if (m.literal()) {
                    literalIn.computeIfAbsent(o.code() + "|" + o.present(), k -> new java.util.HashSet<>()).add(c.sentenceStart());
                }
            }
        }
        // a code read by meaning (or by the classifier) in one clause and named literally with the opposite sense
        // in the same sentence is that named one ("Fuel filter element examined, no foreign material")
        out.entrySet().removeIf(e -> {
            Observation o = e.getValue();
            Set<Integer> same = literalIn.getOrDefault(o.code() + "|" + o.present(), Set.of());
            Set<Integer> opposite = literalIn.getOrDefault(o.code() + "|" + !o.present(), Set.of());
            int sentence = sentenceOf.get(e.getKey());
            return !same.contains(sentence) && opposite.contains(sentence);
        });
        return List.copyOf(out.values());
    }

    /** Whether clause {@code i} is a question that the next sentence answers with a denial ({@link Negation#deniedByReply}). */
    private static boolean deniedByReply(String note, List<NoteText.Clause> clauses, int i) {
        NoteText.Clause c = clauses.get(i);
        if (c.sentenceEnd() >= note.length() || note.charAt(c.sentenceEnd()) != '?') {
            return false;
        }
        int j = i + 1;
        while (j < clauses.size() && clauses.get(j).sentenceStart() == c.sentenceStart()) {
            j++;
        }
        if (j >= clauses.size()) {
            return false;
        }
        int k = j;
        while (k + 1 < clauses.size() && clauses.get(k + 1).sentenceStart() == clauses.get(j).sentenceStart()) {
            k++;
        }
        return Negation.deniedByReply(c, clauses.get(j), clauses.get(k));
    }

    private Observation observation(String note, NoteText.Clause c, VocabularyMatcher.Match m, String expanded, boolean present,
                                    Optional<Double> runTime) {
        Double time = null;
        TimeSource source = TimeSource.NONE;
        Optional<NoteNumbers.TimeMention> t = NoteNumbers.timeFor(note, c.start(), c.end(), c.sentenceStart(), c.sentenceEnd());
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
    static Quote quote(String note, NoteText.Clause c, VocabularyMatcher.Match m, String expanded) {
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
            List<String> st = Stems.stems(expanded);
            String target = m.from() < st.size() ? st.get(m.from()) : "";
            for (int i = 0; i < words.size(); i++) {
                String word = c.text().substring(words.get(i)[0], words.get(i)[1]).toLowerCase(Locale.ROOT);
                if (Stems.stem(word).equals(target)) {
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

    /** Numbers stated in the clause, else in its sentence. */
    private static List<Quantity> quantities(String note, NoteText.Clause c) {
        List<Quantity> q = NoteNumbers.quantities(note, c.start(), c.end());
        return q.isEmpty() ? NoteNumbers.quantities(note, c.sentenceStart(), c.sentenceEnd()) : q;
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

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
