package io.hotfire.learned.gate;

import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.feature.Standardizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How unusual one window is against the reference windows (learned/README.md, "The scorer"): a
 * k-nearest-neighbour distance in a standardised, compressed feature space, with a dead zone per
 * feature, the largest sensors left out, plus the operating point's excursion beyond the reference
 * range. The squared score splits exactly into per-feature contributions. Immutable and thread-safe.
 *
 * <pre>
 * z_j = (x_j − center_j) / scale_j          u_j = sign(z_j) · ln(1 + |z_j| / c)
 * e_j(r) = max(0, |u_j − r_j| − tol)        D_s(r) = Σ_{j of sensor s} e_j(r)²
 * d(r) = Σ_s D_s(r) − (sum of the `trim` largest D_s(r))
 * op = max(0, (low − θ) / opScale, (θ − high) / opScale),  e_op = max(0, op − tol)
 * score = sqrt( mean of the k smallest d(r) + e_op² )
 * </pre>
 */
public final class OodScorer {

    /** Decimals the reference values are kept to (the model file holds exactly these numbers). */
    public static final double REFERENCE_RESOLUTION = 1e-4;

    /** Name of the operating-point term among the contributions. */
    public static final String OPERATING_POINT = "theta";

    private final List<Feature> features;
    private final Standardizer standardizer;
    private final double compression;
    private final double tolerance;
    private final int neighbours;
    private final int trim;
    private final double opLow;
    private final double opHigh;
    private final double opScale;
    private final int d;
    private final int n;
    /** Reference rows in group order (features of one sensor contiguous), row-major; NaN = missing. */
    private final double[] ref;
    /** Reference rows in feature order, as given. */
    private final double[][] rows;
    /** Feature index (in feature order) of each position in group order. */
    private final int[] order;
    /** Start of each sensor's features in group order, plus the end. */
    private final int[] groupStart;
    private final String[] groupNames;
    private final NearestScan scan;

    /**
     * @param reference   rows of compressed values u, one per reference window, in feature order
     *                    (rounded to {@link #REFERENCE_RESOLUTION}); NaN marks a missing value
     * @param opLow       lowest θ among the reference windows
     * @param opHigh      highest θ among the reference windows
     * @param opScale     θ units per score unit; 0 turns the operating point off
     */
    public OodScorer(List<Feature> features, Standardizer standardizer, double compression, double tolerance,
                     int neighbours, int trim, double[][] reference, double opLow, double opHigh, double opScale) {
        this.features = List.copyOf(features);
        this.standardizer = standardizer;
        this.compression = compression;
        this.tolerance = tolerance;
        this.neighbours = neighbours;
        this.trim = trim;
        this.opLow = opLow;
        this.opHigh = opHigh;
        this.opScale = opScale;
        this.d = this.features.size();
        this.n = reference.length;
        if (standardizer.width() != d) {
            throw new IllegalArgumentException("standardizer has " + standardizer.width() + " features, spec " + d);
        }
        if (n < neighbours) {
            throw new IllegalArgumentException("need at least " + neighbours + " reference windows, got " + n);
        }
        if (compression <= 0 || tolerance < 0 || neighbours < 1 || trim < 0) {
            throw new IllegalArgumentException("compression > 0, tolerance ≥ 0, neighbours ≥ 1, trim ≥ 0 required");
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            groups.computeIfAbsent(this.features.get(j).group(), k -> new ArrayList<>()).add(j);
        }
        if (trim >= groups.size()) {
            throw new IllegalArgumentException("trim " + trim + " must be below the number of sensors " + groups.size());
        }
        this.order = new int[d];
        this.groupStart = new int[groups.size() + 1];
        this.groupNames = groups.keySet().toArray(String[]::new);
        int p = 0;
        int g = 0;
        for (List<Integer> members : groups.values()) {
            groupStart[g++] = p;
            for (int j : members) {
                order[p++] = j;
            }
        }
        groupStart[g] = p;
        this.rows = new double[n][];
        this.ref = new double[n * d];
        for (int r = 0; r < n; r++) {
            if (reference[r].length != d) {
                throw new IllegalArgumentException("reference row " + r + " has " + reference[r].length + " values, expected " + d);
            }
            rows[r] = new double[d];
            for (int j = 0; j < d; j++) {
                rows[r][j] = round(reference[r][j]);
            }
            for (int q = 0; q < d; q++) {
                ref[r * d + q] = rows[r][order[q]];
            }
        }
        this.scan = new NearestScan(ref, n, d, groupStart, trim, tolerance);
    }

    /** Rounds a compressed value to the stored resolution (NaN stays NaN). */
    public static double round(double u) {
        return Double.isNaN(u) ? u : Math.round(u / REFERENCE_RESOLUTION) * REFERENCE_RESOLUTION;
    }

    /** The compression {@code sign(z)·ln(1 + |z|/c)} of standardised values. */
    public static double compress(double z, double c) {
        return Double.isNaN(z) ? Double.NaN : Math.signum(z) * Math.log1p(Math.abs(z) / c);
    }

    /** Standardises and compresses raw feature values (the space the reference lives in). */
    public double[] transform(double[] x) {
        double[] u = new double[d];
        for (int j = 0; j < d; j++) {
            u[j] = compress(standardizer.z(j, x[j]), compression);
        }
        return u;
    }

    /** Scores raw feature values {@code x} (feature order) at operating point θ. */
    public Scored score(double[] x, double theta) {
        return score(x, theta, null);
    }

    /**
     * Scores raw feature values {@code x} (feature order) at operating point θ. {@code hint} names
     * reference windows to try first (e.g. the previous window's neighbours): the result is the
     * same, it only comes faster, since far reference windows are then abandoned early.
     */
    public Scored score(double[] x, double theta, int[] hint) {
        return score(x, theta, hint, true);
    }

    /** As {@link #score(double[], double, int[])}; {@code filtering} false: the plain scan only ({@link NearestScan}; tests compare the two). */
    Scored score(double[] x, double theta, int[] hint, boolean filtering) {
        if (x.length != d) {
            throw new IllegalArgumentException("expected " + d + " feature values, got " + x.length);
        }
        double[] u = transform(x);
        double[] uq = new double[d];
        for (int q = 0; q < d; q++) {
            uq[q] = u[order[q]];
        }
        NearestScan.Nearest nearest = scan.find(uq, neighbours, hint, filtering);
        double op = operatingPointExcess(theta);
        double eop = Math.max(0, op - tolerance);
        double mean = 0;
        for (double b : nearest.dist) {
            mean += b;
        }
        mean /= neighbours;
        double score = Math.sqrt(mean + eop * eop);
        return new Scored(score, contributions(x, uq, nearest.index, theta, eop), nearest.index.clone());
    }

    /** θ beyond the reference range, in units of the operating-point scale (0 inside, or when off). */
    public double operatingPointExcess(double theta) {
        if (opScale <= 0 || Double.isNaN(theta)) {
            return 0;
        }
        return Math.max(0, Math.max(opLow - theta, theta - opHigh)) / opScale;
    }

    private List<Contribution> contributions(double[] x, double[] uq, int[] bestIdx, double theta, double eop) {
        int k = bestIdx.length;
        double[] counted = new double[d];
        double[] discounted = new double[d];
        int groups = groupNames.length;
        double[] gs = new double[groups];
        double[] e2 = new double[d];
        Integer[] byGroup = new Integer[groups];
        for (int r : bestIdx) {
            int base = r * d;
            for (int g = 0; g < groups; g++) {
                double s = 0;
                for (int q = groupStart[g]; q < groupStart[g + 1]; q++) {
                    double e = scan.excess(uq[q], ref[base + q]);
                    e2[q] = e * e;
                    s += e2[q];
                }
                gs[g] = s;
                byGroup[g] = g;
            }
            Arrays.sort(byGroup, (a, b) -> Double.compare(gs[b], gs[a]));
            boolean[] trimmed = new boolean[groups];
            for (int t = 0; t < trim; t++) {
                trimmed[byGroup[t]] = true;
            }
            for (int g = 0; g < groups; g++) {
                for (int q = groupStart[g]; q < groupStart[g + 1]; q++) {
                    if (trimmed[g]) {
                        discounted[order[q]] += e2[q] / k;
                    } else {
                        counted[order[q]] += e2[q] / k;
                    }
                }
            }
        }
        double whole = eop * eop;
        for (int j = 0; j < d; j++) {
            whole += counted[j] + discounted[j];
        }
        List<Contribution> out = new ArrayList<>();
        if (eop > 0) {
            out.add(new Contribution(OPERATING_POINT, OPERATING_POINT, theta, operatingPointExcess(theta), eop * eop,
                    eop * eop / whole, true));
        }
        for (int j = 0; j < d; j++) {
            Feature f = features.get(j);
            double z = standardizer.z(j, x[j]);
            if (counted[j] > 0) {
                out.add(new Contribution(f.name(), f.channel(), x[j], z, counted[j], counted[j] / whole, true));
            }
            if (discounted[j] > 0) {
                out.add(new Contribution(f.name(), f.channel(), x[j], z, discounted[j], discounted[j] / whole, false));
            }
        }
        out.sort(Comparator.comparingDouble(Contribution::contribution).reversed());
        return List.copyOf(out);
    }

    /**
     * A score, its parts (largest first) and the k nearest reference windows (nearest first).
     */
    public record Scored(double score, List<Contribution> contributions, int[] neighbours) {
    }

    public List<Feature> features() {
        return features;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    public double compression() {
        return compression;
    }

    public double tolerance() {
        return tolerance;
    }

    public int neighbours() {
        return neighbours;
    }

    public int trim() {
        return trim;
    }

    public double opLow() {
        return opLow;
    }

    public double opHigh() {
        return opHigh;
    }

    public double opScale() {
        return opScale;
    }

    /** Number of reference windows. */
    public int size() {
        return n;
    }

    /** One reference row (compressed values, feature order). */
    public double[] reference(int r) {
        return rows[r].clone();
    }
}
