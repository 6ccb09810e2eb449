package io.hotfire.learned.classify;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Multinomial logistic regression: {@code P(class c | x) = softmax(W·x + b)_c}, fitted by full-batch
 * Adam on the mean cross-entropy plus {@code l2/2 · ‖W‖²}. Deterministic: no random start, and the
 * gradient is summed over fixed row blocks in a fixed order, whatever the number of threads.
 * Immutable once fitted.
 */
public final class SoftmaxRegression {

    private static final int BLOCK = 512;

    private final double[][] weights;
    private final double[] bias;

    public SoftmaxRegression(double[][] weights, double[] bias) {
        if (weights.length != bias.length || weights.length < 2) {
            throw new IllegalArgumentException("need one weight row and one bias per class, at least two classes");
        }
        int p = weights[0].length;
        this.weights = new double[weights.length][];
        for (int c = 0; c < weights.length; c++) {
            if (weights[c].length != p) {
                throw new IllegalArgumentException("weight rows must have equal length");
            }
            this.weights[c] = weights[c].clone();
        }
        this.bias = bias.clone();
    }

    /**
     * Fits on rows {@code x} (no NaN) with labels {@code y} in 0..classes−1.
     *
     * @param l2           ridge penalty on the weights (not the biases)
     * @param iterations   Adam steps on the full batch
     * @param learningRate Adam step size
     */
    public static SoftmaxRegression fit(double[][] x, int[] y, int classes, double l2, int iterations,
                                        double learningRate) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("need rows and one label per row, got " + n + " rows, " + y.length + " labels");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("need at least two classes, got " + classes);
        }
        int p = x[0].length;
        for (int i = 0; i < n; i++) {
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException("label " + y[i] + " of row " + i + " is not in 0.." + (classes - 1));
            }
            for (double v : x[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + " holds a non-finite value");
                }
            }
        }
        double[][] w = new double[classes][p];
        double[] b = new double[classes];
        double[][] mw = new double[classes][p];
        double[][] vw = new double[classes][p];
        double[] mb = new double[classes];
        double[] vb = new double[classes];
        double beta1 = 0.9;
        double beta2 = 0.999;
        int blocks = (n + BLOCK - 1) / BLOCK;
        for (int it = 1; it <= iterations; it++) {
            double[][] wNow = w;
            double[] bNow = b;
            double[][] partial = IntStream.range(0, blocks).parallel()
                    .mapToObj(k -> blockGradient(x, y, wNow, bNow, k * BLOCK, Math.min(n, (k + 1) * BLOCK)))
                    .toArray(double[][]::new);
            double[] grad = new double[classes * (p + 1)];
            for (double[] g : partial) {
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += g[i];
                }
            }
            double c1 = 1 - Math.pow(beta1, it);
            double c2 = 1 - Math.pow(beta2, it);
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j < p; j++) {
                    double g = grad[c * (p + 1) + j] / n + l2 * w[c][j];
                    mw[c][j] = beta1 * mw[c][j] + (1 - beta1) * g;
                    vw[c][j] = beta2 * vw[c][j] + (1 - beta2) * g * g;
                    w[c][j] -= learningRate * (mw[c][j] / c1) / (Math.sqrt(vw[c][j] / c2) + 1e-8);
                }
                double g = grad[c * (p + 1) + p] / n;
                mb[c] = beta1 * mb[c] + (1 - beta1) * g;
                vb[c] = beta2 * vb[c] + (1 - beta2) * g * g;
                b[c] -= learningRate * (mb[c] / c1) / (Math.sqrt(vb[c] / c2) + 1e-8);
            }
        }
        return new SoftmaxRegression(w, b);
    }

    /** Sum over rows [from, to) of (P − Y) ⊗ [x, 1], laid out class by class. */
    private static double[] blockGradient(double[][] x, int[] y, double[][] w, double[] b, int from, int to) {
        int classes = w.length;
        int p = w[0].length;
        double[] g = new double[classes * (p + 1)];
        double[] prob = new double[classes];
        for (int i = from; i < to; i++) {
            probabilities(x[i], w, b, prob);
            prob[y[i]] -= 1;
            for (int c = 0; c < classes; c++) {
                double r = prob[c];
                if (r == 0) {
                    continue;
                }
                int base = c * (p + 1);
                double[] xi = x[i];
                for (int j = 0; j < p; j++) {
                    g[base + j] += r * xi[j];
                }
                g[base + p] += r;
            }
        }
        return g;
    }

    private static void probabilities(double[] x, double[][] w, double[] b, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double s = b[c];
            double[] wc = w[c];
            for (int j = 0; j < x.length; j++) {
                s += wc[j] * x[j];
            }
            out[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < w.length; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < w.length; c++) {
            out[c] /= sum;
        }
    }

    /** Class probabilities of one row (no NaN). */
    public double[] probabilities(double[] x) {
        if (x.length != inputs()) {
            throw new IllegalArgumentException("expected " + inputs() + " inputs, got " + x.length);
        }
        double[] out = new double[weights.length];
        probabilities(x, weights, bias, out);
        return out;
    }

    public int classes() {
        return weights.length;
    }

    public int inputs() {
        return weights[0].length;
    }

    public double[][] weights() {
        double[][] out = new double[weights.length][];
        for (int c = 0; c < weights.length; c++) {
            out[c] = weights[c].clone();
        }
        return out;
    }

    public double[] bias() {
        return bias.clone();
    }

    @Override
    public String toString() {
        return "SoftmaxRegression[" + classes() + " classes, " + inputs() + " inputs, bias " + Arrays.toString(bias) + "]";
    }
}
