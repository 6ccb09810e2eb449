package io.hotfire.learned.gate;

import java.util.Arrays;

/**
 * The k reference windows nearest to one window under the gate's trimmed distance ({@link OodScorer}),
 * found exactly. Immutable and thread-safe (scratch arrays are per thread).
 *
 * <p>The plain scan computes each row's distance group by group in a fixed order and abandons the row
 * once it cannot be among the k nearest so far. With a hint (the previous window's neighbours) and
 * {@code trim} 0 there is a faster way to the same answer (issue #17: the plain scan was half of the
 * diagnosis threads' CPU under 20 live runs): the hinted rows give a k-th distance {@code b} that the
 * answer can only undercut; the groups are taken farthest first from the nearest hinted row (where a
 * window is far from its nearest reference window it is usually far from all of them), one column of
 * the reference at a time (the first {@link #DENSE_GROUPS} over every row, the rest over the rows still
 * in question), and a row leaves once its partial sum reaches {@code b}. The rows left are then
 * considered by the plain scan, in its order. A partial sum holds some of the same non-negative terms
 * as the full distance, so it never exceeds it but by rounding, which {@link #MARGIN} covers: only rows
 * the plain scan would have abandoned are left out, and the neighbours, their distances and so the
 * score are those of the plain scan, to the bit (OodScorerTest). A missing reference value makes the
 * partial sum NaN, which keeps the row in question.
 */
final class NearestScan {

    /** Relative rounding allowance between a partial sum and the full one (34 terms differ by under 1e-14). */
    static final double MARGIN = 1e-9;

    /** Groups summed over every row before the rows are first narrowed down: a fifth leave per group at best, and a
     *  vectorised pass over every row costs less than a gathered one over most of them (8 was fastest of 1, 4, 8, 12
     *  and 29 in GatedDiagnosisBenchmark). */
    private static final int DENSE_GROUPS = 8;

    /** Rows per reference, values per row. */
    private final int n;
    private final int d;
    /** Rows in group order (features of one group contiguous), row-major; NaN = missing. */
    private final double[] ref;
    /** The same values column by column: {@code columns[q * n + r] = ref[r * d + q]}. */
    private final double[] columns;
    /** Start of each group's features in group order, plus the end. */
    private final int[] groupStart;
    private final int trim;
    private final double tolerance;
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        final double[] partial;
        final int[] rows;

        Scratch(int n) {
            partial = new double[n];
            rows = new int[n];
        }
    }

    NearestScan(double[] ref, int n, int d, int[] groupStart, int trim, double tolerance) {
        this.ref = ref;
        this.n = n;
        this.d = d;
        this.groupStart = groupStart;
        this.trim = trim;
        this.tolerance = tolerance;
        this.columns = new double[n * d];
        for (int r = 0; r < n; r++) {
            for (int q = 0; q < d; q++) {
                columns[q * n + r] = ref[r * d + q];
            }
        }
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(n));
    }

    /** The k smallest trimmed distances, ascending, with their reference rows. */
    static final class Nearest {
        final double[] dist;
        final int[] index;

        Nearest(int k) {
            dist = new double[k];
            index = new int[k];
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            Arrays.fill(index, -1);
        }

        double worst() {
            return dist[dist.length - 1];
        }

        boolean full() {
            return index[index.length - 1] >= 0;
        }

        void offer(double d, int r) {
            int i = dist.length - 1;
            while (i > 0 && dist[i - 1] > d) {
                dist[i] = dist[i - 1];
                index[i] = index[i - 1];
                i--;
            }
            dist[i] = d;
            index[i] = r;
        }
    }

    /**
     * @param uq        the window's compressed values in group order (NaN = missing)
     * @param hint      rows to consider first (may be null, hold repeats or rows out of range)
     * @param filtering false: the plain scan only (tests compare the two)
     */
    Nearest find(double[] uq, int k, int[] hint, boolean filtering) {
        Nearest nearest = new Nearest(k);
        double[] top = new double[trim];
        int hinted = 0;
        int[] tried = new int[hint == null ? 0 : hint.length];
        if (hint != null) {
            for (int r : hint) {
                if (r >= 0 && r < n && !contains(tried, hinted, r)) {
                    tried[hinted++] = r;
                    consider(uq, r, nearest, top);
                }
            }
            Arrays.sort(tried, 0, hinted);
        }
        if (filtering && trim == 0 && nearest.full()) {
            Scratch s = scratch.get();
            int m = inQuestion(uq, farthestFirst(uq, nearest.index[0]), nearest.worst(), s);
            considerRest(uq, s.rows, m, tried, hinted, nearest, top);
        } else {
            considerRest(uq, null, n, tried, hinted, nearest, top);
        }
        return nearest;
    }

    /**
     * Considers, in index order, the first {@code m} rows of {@code rows} (null: every row), stepping over
     * the hinted ones ({@code tried}, sorted) without a search.
     */
    private void considerRest(double[] uq, int[] rows, int m, int[] tried, int hinted, Nearest nearest, double[] top) {
        int next = 0;
        for (int i = 0; i < m; i++) {
            int r = rows == null ? i : rows[i];
            while (next < hinted && tried[next] < r) {
                next++;
            }
            if (next < hinted && tried[next] == r) {
                continue;
            }
            consider(uq, r, nearest, top);
        }
    }

    /**
     * Leaves in {@code s.rows} (ascending, the count returned) the rows whose partial sums over the
     * groups, farthest first, stay below {@code bound}: the first {@link #DENSE_GROUPS} over every row,
     * the rest over the rows still in question, column by column.
     */
    private int inQuestion(double[] uq, int[] groupOrder, double bound, Scratch s) {
        double limit = bound / (1 - MARGIN);
        double[] partial = s.partial;
        int[] rows = s.rows;
        Arrays.fill(partial, 0);
        // The first groups over every row, a column at a time (a loop the JIT vectorises)...
        int dense = Math.min(DENSE_GROUPS, groupOrder.length);
        for (int i = 0; i < dense; i++) {
            int g = groupOrder[i];
            for (int q = groupStart[g]; q < groupStart[g + 1]; q++) {
                double a = uq[q];
                if (Double.isNaN(a)) {
                    continue; // a missing window value adds nothing to any distance
                }
                int base = q * n;
                for (int r = 0; r < n; r++) {
                    double e = Math.abs(a - columns[base + r]) - tolerance;
                    double h = 0.5 * (e + Math.abs(e)); // max(0, e), exactly, without a branch
                    partial[r] += h * h;
                }
            }
        }
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (!(partial[r] >= limit)) {
                rows[m++] = r;
            }
        }
        // ...then the rest over the rows still in question only.
        for (int i = dense; i < groupOrder.length && m > 0; i++) {
            int g = groupOrder[i];
            for (int q = groupStart[g]; q < groupStart[g + 1]; q++) {
                double a = uq[q];
                if (Double.isNaN(a)) {
                    continue;
                }
                int base = q * n;
                for (int j = 0; j < m; j++) {
                    int r = rows[j];
                    double e = Math.abs(a - columns[base + r]) - tolerance;
                    double h = 0.5 * (e + Math.abs(e));
                    partial[r] += h * h;
                }
            }
            int kept = 0;
            for (int j = 0; j < m; j++) {
                if (!(partial[rows[j]] >= limit)) {
                    rows[kept++] = rows[j];
                }
            }
            m = kept;
        }
        return m;
    }

    /** Every group, in descending order of its sum against reference row {@code r} (ties in group order). */
    private int[] farthestFirst(double[] uq, int r) {
        int groups = groupStart.length - 1;
        double[] sums = new double[groups];
        int[] out = new int[groups];
        for (int g = 0; g < groups; g++) {
            double s = groupSum(uq, r * d, g);
            int i = g;
            while (i > 0 && sums[i - 1] < s) { // insertion sort: ~30 groups, no boxing
                sums[i] = sums[i - 1];
                out[i] = out[i - 1];
                i--;
            }
            sums[i] = s;
            out[i] = g;
        }
        return out;
    }

    /** Trimmed distance to reference row r, abandoned as soon as it cannot be among the k nearest. */
    private void consider(double[] uq, int r, Nearest nearest, double[] top) {
        double bound = nearest.worst();
        int base = r * d;
        double total = 0;
        double topSum = 0;
        Arrays.fill(top, 0);
        for (int g = 0; g < groupStart.length - 1; g++) {
            double s = groupSum(uq, base, g);
            total += s;
            if (trim > 0 && s > top[trim - 1]) {
                topSum += s - top[trim - 1];
                int i = trim - 1;
                while (i > 0 && top[i - 1] < s) {
                    top[i] = top[i - 1];
                    i--;
                }
                top[i] = s;
            }
            // The sum of all but the largest `trim` group sums never falls as groups are added.
            if (total - topSum >= bound) {
                return;
            }
        }
        nearest.offer(total - topSum, r);
    }

    /** Sum of squared excesses of group g against the row starting at {@code base} in {@link #ref}. */
    double groupSum(double[] uq, int base, int g) {
        double s = 0;
        for (int q = groupStart[g]; q < groupStart[g + 1]; q++) {
            double e = excess(uq[q], ref[base + q]);
            s += e * e;
        }
        return s;
    }

    /** A value's excess over the dead zone; 0 when either is missing. */
    double excess(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return 0;
        }
        return Math.max(0, Math.abs(a - b) - tolerance);
    }

    private static boolean contains(int[] a, int len, int v) {
        for (int i = 0; i < len; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }
}
