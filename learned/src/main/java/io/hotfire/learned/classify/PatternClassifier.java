package io.hotfire.learned.classify;

import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.feature.FeatureExtractor;
import io.hotfire.learned.feature.Standardizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The learned pattern model: multinomial logistic regression on standardised window features
 * (plus θ when the spec says so). It stands in for "the pattern matcher that looks good in
 * distribution": it is deliberately not made robust to shifts, and it knows only the codes it
 * was trained on. Missing values are imputed at the training median (z = 0). Immutable and
 * thread-safe.
 */
public final class PatternClassifier {

    /** Name of the θ input when the operating point is a feature. */
    public static final String OPERATING_POINT = "theta";

    private final Phase phase;
    private final List<Feature> features;
    private final boolean operatingPoint;
    private final Standardizer standardizer;
    private final List<String> classes;
    private final SoftmaxRegression model;
    private final FeatureExtractor extractor;
    private final Set<String> abstentions;

    public PatternClassifier(Phase phase, List<Feature> features, boolean operatingPoint, Standardizer standardizer,
                             List<String> classes, SoftmaxRegression model) {
        this(phase, features, operatingPoint, standardizer, classes, model, Set.of());
    }

    /**
     * @param abstentions abstention classes (learned.yaml {@code classifier.abstain}): those among {@code classes}
     *                    are never a fault answer ({@link Prediction#fault()} is false, {@link Prediction#abstains()}
     *                    true); names the model was not trained on are ignored
     */
    public PatternClassifier(Phase phase, List<Feature> features, boolean operatingPoint, Standardizer standardizer,
                             List<String> classes, SoftmaxRegression model, Set<String> abstentions) {
        int inputs = features.size() + (operatingPoint ? 1 : 0);
        if (standardizer.width() != inputs || model.inputs() != inputs) {
            throw new IllegalArgumentException("standardizer has " + standardizer.width() + " inputs and the model "
                    + model.inputs() + ", the features " + inputs);
        }
        if (classes.size() != model.classes() || classes.stream().distinct().count() != classes.size()) {
            throw new IllegalArgumentException("need " + model.classes() + " distinct class names, got " + classes);
        }
        this.phase = phase;
        this.features = List.copyOf(features);
        this.operatingPoint = operatingPoint;
        this.standardizer = standardizer;
        this.classes = List.copyOf(classes);
        this.model = model;
        this.extractor = new FeatureExtractor(this.features);
        Set<String> a = new TreeSet<>(abstentions);
        a.retainAll(this.classes);
        this.abstentions = Set.copyOf(a);
    }

    /** Raw inputs of a window: the features, then θ when used. */
    public double[] inputs(WindowSnapshot w) {
        double[] f = extractor.extract(w);
        if (!operatingPoint) {
            return f;
        }
        double[] out = new double[f.length + 1];
        System.arraycopy(f, 0, out, 0, f.length);
        out[f.length] = w.theta();
        return out;
    }

    /** Standardised inputs with missing values at the median: what the regression sees. */
    public static double[] standardise(Standardizer s, double[] raw) {
        double[] z = s.apply(raw);
        for (int j = 0; j < z.length; j++) {
            if (!Double.isFinite(z[j])) {
                z[j] = 0;
            }
        }
        return z;
    }

    public Prediction predict(WindowSnapshot w) {
        if (w.phase() != phase) {
            return Prediction.notScored(w.tEnd());
        }
        return new Prediction(true, w.tEnd(), rank(model.probabilities(standardise(standardizer, inputs(w)))), abstentions);
    }

    /** Class probabilities of raw inputs (as {@link #inputs} gives them), most likely first. */
    public List<CodeProbability> predict(double[] rawInputs) {
        return rank(model.probabilities(standardise(standardizer, rawInputs)));
    }

    private List<CodeProbability> rank(double[] p) {
        List<CodeProbability> out = new ArrayList<>(p.length);
        for (int c = 0; c < p.length; c++) {
            out.add(new CodeProbability(classes.get(c), p[c]));
        }
        out.sort(Comparator.comparingDouble(CodeProbability::probability).reversed()
                .thenComparing(CodeProbability::code));
        return out;
    }

    public Phase phase() {
        return phase;
    }

    public List<Feature> features() {
        return features;
    }

    public boolean operatingPoint() {
        return operatingPoint;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    /** Class names, {@value Prediction#NOMINAL} among them, in model order. */
    public List<String> classes() {
        return classes;
    }

    /** The abstention classes among {@link #classes()}: recognised so as not to advise on them. */
    public Set<String> abstentions() {
        return abstentions;
    }

    /** Whether {@code code} is one of the abstention classes. */
    public boolean abstains(String code) {
        return abstentions.contains(code);
    }

    public SoftmaxRegression model() {
        return model;
    }
}
