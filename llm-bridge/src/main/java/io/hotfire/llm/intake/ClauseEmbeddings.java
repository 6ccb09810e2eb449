package io.hotfire.llm.intake;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unit-length sentence embeddings of clause texts, with a bounded cache of recent texts:
 * training, cross-validation and evaluation embed the same clauses again and again.
 */
final class ClauseEmbeddings {

    private static final int CACHE_SIZE = 8192;

    private final EmbeddingModel model;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();

    ClauseEmbeddings(EmbeddingModel model) {
        this.model = model;
    }

    /** The embeddings of the texts, in order, each of unit length. */
    List<float[]> embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            out[i] = cache.get(texts.get(i));
            if (out[i] == null && !missing.contains(texts.get(i))) {
                missing.add(texts.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<Embedding> e = model.embedAll(missing.stream().map(TextSegment::from).toList()).content();
            Map<String, float[]> fresh = new HashMap<>();
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
        return Arrays.asList(out);
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

    /** Cosine similarity of two unit-length vectors. */
    static double cosine(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }
}
