package io.hotfire.learned;

import io.hotfire.domain.feature.ChannelFeatures;
import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.feature.Standardizer;
import io.hotfire.learned.feature.Statistic;
import io.hotfire.learned.gate.OodScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Synthetic windows and reference sets for tests that need no engine. */
public final class Synthetic {

    private Synthetic() {
    }

    /**
     * A mainstage window whose channels have the given relative deviations from an expected value
     * of 100 (mean = 100·(1 + rel)), noise 1 and spread 1.
     */
    public static WindowSnapshot window(double tEnd, double theta, Map<String, Double> relative) {
        return window(tEnd, theta, Phase.MAINSTAGE, relative);
    }

    public static WindowSnapshot window(double tEnd, double theta, Phase phase, Map<String, Double> relative) {
        List<ChannelFeatures> channels = new ArrayList<>();
        relative.forEach((id, rel) -> {
            double mean = Double.isNaN(rel) ? Double.NaN : 100 * (1 + rel);
            int valid = Double.isNaN(rel) ? 0 : 25;
            channels.add(new ChannelFeatures(id, mean, 1, 0, mean, mean, mean, valid, 25, 100, 1));
        });
        return new WindowSnapshot((long) (tEnd * 10), tEnd - 0.5, tEnd, theta, 0, phase, tEnd, tEnd, channels, List.of(),
                List.of(), List.of(), List.of(), List.of());
    }

    /** relMean features of sensors S0..S(n−1). */
    public static List<Feature> relMeans(int n) {
        List<Feature> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Feature("S" + i, Statistic.REL_MEAN));
        }
        return out;
    }

    /** Rows of independent N(0, sd) values. */
    public static double[][] gaussian(SplittableRandom rnd, int rows, int width, double sd) {
        double[][] out = new double[rows][width];
        for (double[] r : out) {
            for (int j = 0; j < width; j++) {
                r[j] = sd * normal(rnd);
            }
        }
        return out;
    }

    public static double normal(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** A scorer whose reference is {@code raw} (raw feature rows), fitted the way training fits it. */
    public static OodScorer scorer(List<Feature> features, double[][] raw, int k, int trim, double opLow, double opHigh,
                                   double opScale) {
        Standardizer s = Standardizer.fit(raw, features.size());
        double[][] u = new double[raw.length][features.size()];
        for (int r = 0; r < raw.length; r++) {
            for (int j = 0; j < features.size(); j++) {
                u[r][j] = OodScorer.compress(s.z(j, raw[r][j]), 1.0);
            }
        }
        return new OodScorer(features, s, 1.0, 0.5, k, trim, u, opLow, opHigh, opScale);
    }
}
