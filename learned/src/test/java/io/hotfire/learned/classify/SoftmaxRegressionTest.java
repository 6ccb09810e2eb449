package io.hotfire.learned.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotfire.domain.feature.Phase;
import io.hotfire.learned.Synthetic;
import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.feature.Standardizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SoftmaxRegressionTest {

    /** Four Gaussian blobs in 6 dimensions, 3 σ apart. */
    private static final double[][] CENTRES = {
            {0, 0, 0, 0, 0, 0}, {3, 0, 0, 3, 0, 0}, {0, -3, 0, 0, 3, 0}, {0, 0, 3, 0, 0, -3}};

    private record Data(double[][] x, int[] y) {
    }

    private static Data blobs(SplittableRandom rnd, int perClass) {
        double[][] x = new double[CENTRES.length * perClass][];
        int[] y = new int[x.length];
        for (int c = 0; c < CENTRES.length; c++) {
            for (int i = 0; i < perClass; i++) {
                double[] row = Synthetic.gaussian(rnd, 1, 6, 1)[0];
                for (int j = 0; j < 6; j++) {
                    row[j] += CENTRES[c][j];
                }
                x[c * perClass + i] = row;
                y[c * perClass + i] = c;
            }
        }
        return new Data(x, y);
    }

    private static double accuracy(SoftmaxRegression m, Data d) {
        int ok = 0;
        for (int i = 0; i < d.x().length; i++) {
            double[] p = m.probabilities(d.x()[i]);
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                if (p[c] > p[best]) {
                    best = c;
                }
            }
            ok += best == d.y()[i] ? 1 : 0;
        }
        return (double) ok / d.x().length;
    }

    @Test
    void onASeparableSetItClassifiesHeldOutPointsAlmostPerfectly() {
        SplittableRandom rnd = new SplittableRandom(21);
        Data train = blobs(rnd, 400);
        SoftmaxRegression m = SoftmaxRegression.fit(train.x(), train.y(), 4, 1e-3, 300, 0.05);
        Data test = blobs(rnd, 500);
        assertThat(accuracy(m, test)).isGreaterThan(0.97);
        assertThat(Arrays.stream(m.probabilities(test.x()[0])).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void fittingIsDeterministic() {
        Data d = blobs(new SplittableRandom(22), 300);
        SoftmaxRegression a = SoftmaxRegression.fit(d.x(), d.y(), 4, 1e-3, 50, 0.05);
        SoftmaxRegression b = SoftmaxRegression.fit(d.x(), d.y(), 4, 1e-3, 50, 0.05);
        assertThat(a.weights()).isDeepEqualTo(b.weights());
        assertThat(a.bias()).containsExactly(b.bias());
    }

    @Test
    void badInputsAreRefused() {
        double[][] x = {{0}, {1}};
        assertThatThrownBy(() -> SoftmaxRegression.fit(x, new int[] {0, 2}, 2, 0, 10, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2");
        assertThatThrownBy(() -> SoftmaxRegression.fit(new double[][] {{Double.NaN}, {1}}, new int[] {0, 1}, 2, 0, 10, 0.1))
                .hasMessageContaining("non-finite");
        assertThatThrownBy(() -> SoftmaxRegression.fit(x, new int[] {0, 0}, 1, 0, 10, 0.1))
                .hasMessageContaining("at least two classes");
        assertThatThrownBy(() -> SoftmaxRegression.fit(x, new int[] {0, 1}, 2, 0, 10, 0.1).probabilities(new double[2]))
                .hasMessageContaining("expected 1 inputs");
    }

    @Test
    void thePatternClassifierRanksCodesByProbabilityAndImputesMissingValuesAtTheMedian() {
        // Two features S0, S1 and θ; NOMINAL near 0 (most windows, so the median is nominal), FAULT_A with S0 high.
        SplittableRandom rnd = new SplittableRandom(23);
        int n = 600;
        double[][] raw = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            boolean fault = i % 4 == 1;
            raw[i] = new double[] {0.001 * Synthetic.normal(rnd) + (fault ? 0.02 : 0), 0.001 * Synthetic.normal(rnd),
                    0.7 + 0.3 * rnd.nextDouble()};
            y[i] = fault ? 0 : 1;
        }
        Standardizer s = Standardizer.fit(raw, 3);
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            z[i] = PatternClassifier.standardise(s, raw[i]);
        }
        List<Feature> features = Synthetic.relMeans(2);
        PatternClassifier pc = new PatternClassifier(Phase.MAINSTAGE, features, true, s, List.of("FAULT_A", Prediction.NOMINAL),
                SoftmaxRegression.fit(z, y, 2, 1e-3, 200, 0.05));
        Map<String, Double> rel = new LinkedHashMap<>();
        rel.put("S0", 0.02);
        rel.put("S1", 0.0);
        Prediction p = pc.predict(Synthetic.window(12, 0.85, rel));
        assertThat(p.scored()).isTrue();
        assertThat(p.best().code()).isEqualTo("FAULT_A");
        assertThat(p.fault()).isTrue();
        assertThat(p.top(2)).extracting(CodeProbability::code).containsExactly("FAULT_A", Prediction.NOMINAL);
        assertThat(p.top(5)).hasSize(2);
        assertThat(p.best().probability()).isGreaterThan(0.9);
        rel.put("S0", Double.NaN);
        Prediction missing = pc.predict(Synthetic.window(12.1, 0.85, rel));
        assertThat(missing.best().code()).isEqualTo(Prediction.NOMINAL);
        Prediction off = pc.predict(Synthetic.window(1.0, 0.5, Phase.START, rel));
        assertThat(off.scored()).isFalse();
        assertThat(off.best()).isNull();
        assertThat(off.fault()).isFalse();
    }
}
