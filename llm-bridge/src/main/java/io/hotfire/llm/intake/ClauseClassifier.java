package io.hotfire.llm.intake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A small trained clause classifier: one-vs-rest logistic regression over hashed features of a
 * clause (stemmed words, word pairs, character 4-grams of each word for typos and variants, and
 * negation-scope and hedging cues) and, when the examples carry one, the clause's sentence
 * embedding (so that a wording never seen in training but close in meaning to a trained one
 * shares its evidence), trained from labelled clauses. It knows no domain words: the
 * labels and the words come from the examples it is given. Besides one model per label it has
 * a model for {@link #ANY} ("this clause states some observation"), used to veto matches in
 * clauses that talk about something else (a fire crew standing by, a spec received).
 */
public final class ClauseClassifier {

    /** The label of "this clause states an observation, whichever". */
    public static final String ANY = "*";

    /** A labelled clause (abbreviations already written out) and its unit-length sentence embedding, or null. */
    public record Example(String text, Set<String> labels, float[] vector) {
        public Example(String text, Set<String> labels) {
            this(text, labels, null);
        }
    }

    private static final int DIM = 1 << 16;
    private static final int EPOCHS = 8;
    private static final double RATE = 0.2;
    private static final double L2 = 1e-3;
    /**
     * Weight of the embedding against the hashed features: a unit vector's components are small
     * beside some fifty binary features, so they are scaled up (chosen by cross-validation, README).
     */
    static final double EMBEDDING_SCALE = Double.parseDouble(System.getProperty("intake.embeddingScale", "4"));

    private final Map<String, float[]> weights;
    private final Map<String, float[]> dense;
    private final Map<String, Float> bias;

    private ClauseClassifier(Map<String, float[]> weights, Map<String, float[]> dense, Map<String, Float> bias) {
        this.weights = weights;
        this.dense = dense;
        this.bias = bias;
    }

    /** Trains on the examples (deterministic: a fixed shuffle seed). */
    public static ClauseClassifier train(List<Example> examples) {
        Set<String> labels = new LinkedHashSet<>();
        labels.add(ANY);
        examples.forEach(e -> labels.addAll(e.labels()));
        List<int[]> features = examples.stream().map(e -> features(e.text())).toList();
        int dims = examples.stream().filter(e -> e.vector() != null).mapToInt(e -> e.vector().length).findFirst().orElse(0);
        Map<String, float[]> w = new HashMap<>();
        Map<String, float[]> d = new HashMap<>();
        Map<String, Float> b = new HashMap<>();
        for (String label : labels) {
            float[] wl = new float[DIM];
            float[] dl = new float[dims];
            double bl = 0;
            long positives = examples.stream().filter(e -> has(e, label)).count();
            // balance the rare positive class so that a label seen a handful of times is learnt at all
            double posWeight = positives == 0 ? 1 : Math.min(3, Math.max(1, (examples.size() - positives) / (double) positives / 3));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                order.add(i);
            }
            Random r = new Random(42);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                java.util.Collections.shuffle(order, r);
                double rate = RATE / (1 + epoch * 0.5);
                for (int i : order) {
                    int[] f = features.get(i);
                    float[] v = examples.get(i).vector();
                    double y = has(examples.get(i), label) ? 1 : 0;
                    double z = bl + dot(dl, v);
                    for (int k : f) {
                        z += wl[k];
                    }
                    double p = 1 / (1 + Math.exp(-z));
                    double g = (y - p) * (y == 1 ? posWeight : 1) * rate;
                    bl += g;
                    for (int k : f) {
                        wl[k] += (float) (g - rate * L2 * wl[k]);
                    }
                    if (v != null && v.length == dl.length) {
                        for (int j = 0; j < dl.length; j++) {
                            dl[j] += (float) (g * v[j] * EMBEDDING_SCALE - rate * L2 * dl[j]);
                        }
                    }
                }
            }
            w.put(label, wl);
            d.put(label, dl);
            b.put(label, (float) bl);
        }
        return new ClauseClassifier(w, d, b);
    }

    /** Identifies the format {@link #write} writes; {@link #read} refuses any other. */
    private static final int FORMAT = 0x48464331; // "HFC1"

    /**
     * Writes the trained weights (labels sorted, so equal classifiers give equal bytes), for a cache
     * that {@link #read} gives back as the same classifier.
     */
    public void write(OutputStream out) throws IOException {
        DataOutputStream o = new DataOutputStream(new BufferedOutputStream(out));
        o.writeInt(FORMAT);
        o.writeInt(DIM);
        List<String> labels = new ArrayList<>(new TreeSet<>(weights.keySet()));
        o.writeInt(labels.size());
        for (String label : labels) {
            o.writeUTF(label);
            o.writeFloat(bias.get(label));
            float[] dl = dense.get(label);
            o.writeInt(dl.length);
            writeFloats(o, dl);
            writeFloats(o, weights.get(label));
        }
        o.flush();
    }

    /** A classifier as {@link #write} wrote it; an unknown format or a short stream is an IOException. */
    public static ClauseClassifier read(InputStream in) throws IOException {
        DataInputStream i = new DataInputStream(new BufferedInputStream(in));
        if (i.readInt() != FORMAT || i.readInt() != DIM) {
            throw new IOException("not a clause classifier of this version");
        }
        int n = i.readInt();
        Map<String, float[]> w = new HashMap<>();
        Map<String, float[]> d = new HashMap<>();
        Map<String, Float> b = new HashMap<>();
        for (int k = 0; k < n; k++) {
            String label = i.readUTF();
            b.put(label, i.readFloat());
            d.put(label, readFloats(i, i.readInt()));
            w.put(label, readFloats(i, DIM));
        }
        return new ClauseClassifier(w, d, b);
    }

    private static void writeFloats(DataOutputStream o, float[] values) throws IOException {
        for (float f : values) {
            o.writeFloat(f);
        }
    }

    private static float[] readFloats(DataInputStream i, int n) throws IOException {
        float[] values = new float[n];
        for (int j = 0; j < n; j++) {
            values[j] = i.readFloat();
        }
        return values;
    }

    /** The embedding part of a clause's score (scaled); 0 without an embedding. */
    private static double dot(float[] weights, float[] vector) {
        if (vector == null || vector.length != weights.length) {
            return 0;
        }
        double z = 0;
        for (int j = 0; j < weights.length; j++) {
            z += weights[j] * vector[j];
        }
        return z * EMBEDDING_SCALE;
    }

    private static boolean has(Example e, String label) {
        return ANY.equals(label) ? !e.labels().isEmpty() : e.labels().contains(label);
    }

    /** The labels it knows (its {@link #ANY} included). */
    public Set<String> labels() {
        return weights.keySet();
    }

    /** Probability that the clause carries {@code label}; 0 for a label never seen in training. */
    public double probability(String text, String label) {
        return probability(text, null, label);
    }

    /** As {@link #probability(String, String)}, with the clause's unit-length sentence embedding (or null). */
    public double probability(String text, float[] vector, String label) {
        float[] w = weights.get(label);
        if (w == null) {
            return 0;
        }
        double z = bias.get(label) + dot(dense.get(label), vector);
        for (int k : features(text)) {
            z += w[k];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** Probability of every label for the clause. */
    public Map<String, Double> probabilities(String text, float[] vector) {
        int[] f = features(text);
        Map<String, Double> out = new HashMap<>();
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            double z = bias.get(e.getKey()) + dot(dense.get(e.getKey()), vector);
            for (int k : f) {
                z += e.getValue()[k];
            }
            out.put(e.getKey(), 1 / (1 + Math.exp(-z)));
        }
        return out;
    }

    /** Hashed feature indices of a clause (duplicates kept: a repeated word counts twice). */
    static int[] features(String text) {
        List<String> words = NoteText.words(text.toLowerCase(Locale.ROOT).replace('-', ' '));
        List<String> f = new ArrayList<>();
        String prev = "<s>";
        boolean negated = false;
        for (String raw : words) {
            String s = Stems.stem(raw);
            if (Negation.isNegation(raw)) {
                negated = true;
            }
            f.add("w:" + s);
            if (negated) {
                f.add("nw:" + s); // a word in the scope of a negation is another feature
            }
            f.add("b:" + prev + "_" + s);
            prev = s;
            String padded = "^" + raw + "$";
            for (int i = 0; i + 4 <= padded.length(); i++) {
                f.add("c:" + padded.substring(i, i + 4));
            }
        }
        f.add("b:" + prev + "_</s>");
        if (Modality.hedgedAt(text, 0, text.length())) {
            f.add("hedged");
        }
        if (negated) {
            f.add("negated");
        }
        f.add("len:" + Math.min(words.size() / 4, 5));
        int[] out = new int[f.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.floorMod(f.get(i).hashCode() * 0x9E3779B1, DIM);
        }
        return out;
    }
}
