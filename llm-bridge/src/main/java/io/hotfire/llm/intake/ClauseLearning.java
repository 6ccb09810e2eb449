package io.hotfire.llm.intake;

import io.hotfire.llm.vocabulary.Vocabulary;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The learned part of the offline intake: training clauses made from labelled notes, and how a
 * trained {@link ClauseClassifier} is combined with the vocabulary matcher in a clause. Knows no
 * domain word: labels and wordings come from the labelled notes, codes from the vocabulary.
 */
final class ClauseLearning {

    private final Vocabulary vocabulary;
    private final ClauseEmbeddings embeddings;
    private final VocabularyMatcher matcher;

    ClauseLearning(Vocabulary vocabulary, ClauseEmbeddings embeddings, VocabularyMatcher matcher) {
        this.vocabulary = vocabulary;
        this.embeddings = embeddings;
        this.matcher = matcher;
    }

    /**
     * The clauses of a labelled note as training examples: each code the note states is given to
     * the clauses where the matcher finds it, else to the clause closest in meaning to the code's
     * description and synonyms; every other clause is an example of no observation. Clauses of a
     * sentence that reads as an instruction are left out.
     */
    List<ClauseClassifier.Example> examples(String note, Set<String> codes) {
        List<NoteText.Clause> clauses = NoteText.clauses(note);
        if (clauses.isEmpty()) {
            return List.of();
        }
        List<String> expanded = clauses.stream().map(c -> vocabulary.expand(note, c.start(), c.end())).toList();
        List<float[]> vectors = embeddings.embed(expanded);
        List<Set<String>> labels = new ArrayList<>();
        List<Set<String>> found = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            labels.add(new TreeSet<>());
            Set<String> f = new HashSet<>();
            matcher.matches(expanded.get(i), vectors.get(i)).forEach(m -> f.add(m.entry().code()));
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
                    double sc = matcher.similarity(vectors.get(i), code);
                    if (sc > bestScore) {
                        bestScore = sc;
                        best = i;
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
            if (!Instructions.instructionLike(note.substring(c.sentenceStart(), c.sentenceEnd()), vocabulary.codes())) {
                out.add(new ClauseClassifier.Example(expanded.get(i), labels.get(i), vectors.get(i)));
            }
        }
        return out;
    }

    /**
     * The matcher's matches in a clause, with the classifier's say: a match is vetoed when the
     * classifier gives both "an observation" and its code less than {@code vetoBelow}; a code the
     * matcher did not find is added when the classifier gives it at least {@code addAbove}, the
     * clause is close enough in meaning to one of the code's phrases, holds a word of the code's
     * meaning beyond a part's name ({@link VocabularyMatcher#sharesMeaning}) and no {@code notWith}
     * word of the code is in the clause.
     */
    List<VocabularyMatcher.Match> combine(List<VocabularyMatcher.Match> found, String text, float[] vector,
                                          ClauseClassifier learned, OfflineIntake.Learning learning) {
        Map<String, Double> p = learned.probabilities(text, vector);
        double any = p.getOrDefault(ClauseClassifier.ANY, 0.0);
        List<VocabularyMatcher.Match> kept = new ArrayList<>();
        for (VocabularyMatcher.Match m : found) {
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
                    && matcher.similarity(vector, code) >= learning.addSimilarity()
                    && !matcher.vetoed(code, text)
                    && matcher.sharesMeaning(code, text)) { // a part's name alone is not what the code means
                kept.add(new VocabularyMatcher.Match(vocabulary.entry(code).orElseThrow(), e.getValue(), text.length(), false,
                        -1, -1, false));
            }
        }
        return kept;
    }
}
