package io.hotfire.domain.signal;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * The signal feature library: pure functions over a stretch of equally spaced samples (oldest
 * first). Every function returns {@code NaN} when its input has a missing sample ({@code NaN}) or
 * too few samples to say anything: the learned parts read NaN as "missing", rules see no value.
 * The FFT is commons-math's (zero-padded to a power of two, mean removed, no taper).
 */
public final class Signals {

    private static final FastFourierTransformer FFT = new FastFourierTransformer(DftNormalization.STANDARD);

    private Signals() {
    }

    /** Whether every sample is present. */
    static boolean complete(double[] x) {
        for (double v : x) {
            if (Double.isNaN(v)) {
                return false;
            }
        }
        return x.length > 0;
    }

    /** Largest minus smallest sample. */
    public static double peakToPeak(double[] x) {
        if (!complete(x)) {
            return Double.NaN;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return hi - lo;
    }

    /**
     * One-sided power spectrum of the mean-removed samples: {@code p[k]} is the mean-square power
     * (unit²) at frequency {@code k · fs / M}, M the padded length, so that the sum over all bins is
     * the signal's variance (Parseval). A sine of amplitude A puts A²/2 around its frequency.
     */
    static double[] powerSpectrum(double[] x) {
        int n = x.length;
        int m = 2;
        while (m < n) {
            m <<= 1;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] padded = new double[m];
        for (int i = 0; i < n; i++) {
            padded[i] = x[i] - mean;
        }
        Complex[] c = FFT.transform(padded, TransformType.FORWARD);
        double[] p = new double[m / 2 + 1];
        for (int k = 0; k <= m / 2; k++) {
            double a = c[k].abs();
            double pk = a * a / ((double) n * m);
            p[k] = k == 0 || k == m / 2 ? pk : 2 * pk;
        }
        return p;
    }

    /**
     * Mean-square power (unit²) of the mean-removed samples between {@code lowHz} (inclusive) and
     * {@code highHz} (exclusive).
     */
    public static double bandPower(double[] x, double sampleRateHz, double lowHz, double highHz) {
        if (!complete(x) || x.length < 4) {
            return Double.NaN;
        }
        double[] p = powerSpectrum(x);
        double df = sampleRateHz / (2.0 * (p.length - 1));
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            double f = k * df;
            if (f >= lowHz && f < highHz) {
                sum += p[k];
            }
        }
        return sum;
    }

    /**
     * The frequency (Hz) of the strongest spectral peak between {@code lowHz} and {@code highHz},
     * refined by a parabola through the peak bin and its neighbours; NaN for a flat signal.
     */
    public static double dominantFrequency(double[] x, double sampleRateHz, double lowHz, double highHz) {
        if (!complete(x) || x.length < 4) {
            return Double.NaN;
        }
        double[] p = powerSpectrum(x);
        double df = sampleRateHz / (2.0 * (p.length - 1));
        int best = -1;
        for (int k = 1; k < p.length; k++) {
            double f = k * df;
            if (f >= lowHz && f <= highHz && (best < 0 || p[k] > p[best])) {
                best = k;
            }
        }
        if (best < 0 || p[best] <= 0) {
            return Double.NaN;
        }
        double shift = 0;
        if (best > 0 && best < p.length - 1) {
            double a = Math.sqrt(p[best - 1]);
            double b = Math.sqrt(p[best]);
            double c = Math.sqrt(p[best + 1]);
            double den = a - 2 * b + c;
            shift = den == 0 ? 0 : 0.5 * (a - c) / den;
        }
        return (best + shift) * df;
    }

    /**
     * The lag (seconds) by which {@code b} follows {@code a}: the lag in {@code [−maxLag, maxLag]}
     * of the largest cross-correlation of the mean-removed samples (normalised by the overlap, so
     * long lags are not favoured or penalised), refined between samples by a parabola through the
     * peak. Positive: b follows a. NaN for a flat channel.
     */
    public static double delay(double[] a, double[] b, double sampleRateHz, double maxLagSeconds) {
        if (!complete(a) || !complete(b) || a.length != b.length || a.length < 4) {
            return Double.NaN;
        }
        int n = a.length;
        int maxLag = Math.min(n / 2, (int) Math.round(maxLagSeconds * sampleRateHz));
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < n; i++) {
            va += (a[i] - ma) * (a[i] - ma);
            vb += (b[i] - mb) * (b[i] - mb);
        }
        if (va == 0 || vb == 0) {
            return Double.NaN;
        }
        int bestLag = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double r = corr(a, b, ma, mb, lag);
            if (r > best || (r == best && Math.abs(lag) < Math.abs(bestLag))) {
                best = r;
                bestLag = lag;
            }
        }
        // Refine between samples: a parabola through the peak and its neighbours.
        double shift = 0;
        if (Math.abs(bestLag) < maxLag) {
            double rm = corr(a, b, ma, mb, bestLag - 1);
            double rp = corr(a, b, ma, mb, bestLag + 1);
            double den = rm - 2 * best + rp;
            shift = den < 0 ? 0.5 * (rm - rp) / den : 0;
        }
        return (bestLag + shift) / sampleRateHz;
    }

    private static double corr(double[] a, double[] b, double ma, double mb, int lag) {
        int n = a.length;
        double s = 0;
        int count = 0;
        for (int i = Math.max(0, -lag); i < n && i + lag < n; i++) {
            s += (a[i] - ma) * (b[i + lag] - mb);
            count++;
        }
        return s / count;
    }

    /**
     * Where the largest step begins: the largest change between the means of 3 samples and the 3
     * before them (only up for {@code direction > 0}, only down for {@code < 0}), walked back to the
     * first sample that moved. −1 when a sample is missing, there are too few, or nothing moves.
     */
    public static int largestStep(double[] x, int direction) {
        int n = x.length;
        int k = 3;
        if (!complete(x) || n < 2 * k + 1) {
            return -1;
        }
        int step = -1;
        double biggest = 0;
        for (int j = k; j + k <= n; j++) {
            double before = 0;
            double after = 0;
            for (int m = 0; m < k; m++) {
                before += x[j - k + m];
                after += x[j + m];
            }
            double d = direction == 0 ? Math.abs(after - before) / k : Math.signum(direction) * (after - before) / k;
            if (d > biggest) {
                biggest = d;
                step = j;
            }
        }
        if (step > 0) {
            // Walk back from the steepest change to where it began (a step need not be steepest at its start).
            double dir = Math.signum(x[Math.min(n - 1, step + k - 1)] - x[step - 1]);
            double jump = Math.abs(x[Math.min(n - 1, step + k - 1)] - x[Math.max(0, step - k)]);
            while (step > 1 && (x[step - 1] - x[step - 2]) * dir > 0.005 * jump) {
                step--;
            }
        }
        return step;
    }

    /**
     * The shape of the response to the largest step in the samples.
     *
     * @param stepIndex    sample where the step begins (the first sample that moved)
     * @param amplitude    final level − level before the step (unit)
     * @param riseTime     seconds from 10 % to 90 % of the amplitude
     * @param overshoot    largest excursion beyond the final level, as a fraction of |amplitude|
     * @param settlingTime seconds from the step until the last sample outside ± settle·|amplitude| of the final level
     * @param oscillations crossings of the final level after the step (each past the ± settle band)
     */
    public record StepResponse(int stepIndex, double amplitude, double riseTime, double overshoot, double settlingTime,
                               int oscillations) {
        static final StepResponse NONE = new StepResponse(-1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

        public boolean found() {
            return stepIndex >= 0;
        }
    }

    /**
     * Finds the largest step (change between the means of 3 samples and the 3 before them), walks
     * back to where it began, and measures the response after it: the level before is the mean of
     * the (up to 3) samples before the step, the final level the mean of
     * the last quarter of the samples after it. {@link StepResponse#NONE} when there is no complete
     * stretch or the step is below {@code minStep}.
     */
    public static StepResponse stepResponse(double[] x, double sampleRateHz, double settle, double minStep) {
        return stepResponse(x, sampleRateHz, settle, minStep, -1);
    }

    /**
     * As {@link #stepResponse(double[], double, double, double)}, at a given step index (e.g. a
     * command edge) when {@code at ≥ 0}.
     */
    public static StepResponse stepResponse(double[] x, double sampleRateHz, double settle, double minStep, int at) {
        return stepResponse(x, sampleRateHz, settle, minStep, at, 0);
    }

    /**
     * As {@link #stepResponse(double[], double, double, double, int)}, searching only steps up
     * ({@code direction > 0}), only steps down ({@code < 0}) or either ({@code 0}).
     */
    public static StepResponse stepResponse(double[] x, double sampleRateHz, double settle, double minStep, int at,
                                            int direction) {
        int n = x.length;
        int k = 3;
        if (!complete(x) || n < 4 * k) {
            return StepResponse.NONE;
        }
        int step = at < 0 ? largestStep(x, direction) : at;
        if (step < 1 || step >= n - 2 * k) {
            return StepResponse.NONE;
        }
        double base = 0;
        int nb = Math.min(k, step);
        for (int m = 1; m <= nb; m++) {
            base += x[step - m];
        }
        base /= nb;
        int after = n - step;
        int tail = Math.max(1, after / 4);
        double fin = 0;
        for (int i = n - tail; i < n; i++) {
            fin += x[i];
        }
        fin /= tail;
        double amp = fin - base;
        if (!(Math.abs(amp) >= minStep) || amp == 0) {
            return StepResponse.NONE;
        }
        double sign = Math.signum(amp);
        double a = Math.abs(amp);
        int i10 = -1;
        int i90 = -1;
        double over = 0;
        int lastOut = step - 1;
        int crossings = 0;
        int state = 0; // −1 below the band, +1 above, 0 not yet left the start side
        double band = settle * a;
        for (int i = step; i < n; i++) {
            double frac = (x[i] - base) * sign / a;
            if (i10 < 0 && frac >= 0.1) {
                i10 = i;
            }
            if (i90 < 0 && frac >= 0.9) {
                i90 = i;
            }
            double e = (x[i] - fin) * sign;
            over = Math.max(over, e / a);
            if (Math.abs(x[i] - fin) > band) {
                lastOut = i;
            }
            int s = e > band ? 1 : e < -band ? -1 : 0;
            if (s != 0) {
                if (state != 0 && s != state) {
                    crossings++;
                }
                state = s;
            }
        }
        double period = 1.0 / sampleRateHz;
        double rise = i10 >= 0 && i90 >= 0 ? Math.max(0, (i90 - i10)) * period : Double.NaN;
        // Interpolate the 10 % and 90 % crossings between samples, so a rise time is not a whole number of samples.
        if (i10 > step && i90 > step) {
            double t10 = cross(x, i10, base, sign, a, 0.1);
            double t90 = cross(x, i90, base, sign, a, 0.9);
            rise = Math.max(0, t90 - t10) * period;
        }
        return new StepResponse(step, amp, rise, over, (lastOut + 1 - step) * period, crossings);
    }

    /**
     * How deep the readings fall in a slot: the mean of the (up to 5) samples before {@code from}
     * minus the lowest sample in {@code [from, to)} (unit; positive when they fall). Opening a
     * valve starts a flow, and the expansion wave it sends upstream lowers the pressure by
     * Δp = ρ·a·Δv (Joukowsky): the dip at a transducer follows the flow the valve starts and the
     * wave speed of the line. NaN when the slot is empty, lies outside the samples or a sample is
     * missing.
     */
    public static double dip(double[] x, int from, int to) {
        if (from < 1 || to > x.length || to <= from) {
            return Double.NaN;
        }
        double ref = meanBefore(x, from);
        double lo = Double.POSITIVE_INFINITY;
        for (int i = from; i < to; i++) {
            if (Double.isNaN(x[i])) {
                return Double.NaN;
            }
            lo = Math.min(lo, x[i]);
        }
        return ref - lo;
    }

    /**
     * How deep the front of a fall in a slot reaches: the steepest fall between two successive samples
     * whose second lies in {@code [from, to)} is the front; the value is the mean of the (up to 5)
     * samples before it minus the first sample after it (unit; positive when they fall). An expansion
     * wave lowers the pressure at its front by Δp = ρ·a·Δv (Joukowsky) before any reflection returns:
     * the first reading after the front measures the flow the valve started, where the lowest reading
     * of the slot ({@link #dip}) is often set by the reflections that follow (a valve that opens less
     * starts less flow, so its front is shallower, although its dip may reach as low). NaN when the
     * slot is empty, lies outside the samples or a sample is missing.
     */
    public static double front(double[] x, int from, int to) {
        if (from < 1 || to > x.length || to <= from) {
            return Double.NaN;
        }
        for (int i = from - 1; i < to; i++) {
            if (Double.isNaN(x[i])) {
                return Double.NaN;
            }
        }
        int j = from;
        for (int i = from + 1; i < to; i++) {
            if (x[i - 1] - x[i] > x[j - 1] - x[j]) {
                j = i;
            }
        }
        return meanBefore(x, j) - x[j];
    }

    /** The mean of the (up to 5) samples before {@code at} ({@code at ≥ 1}); NaN when one is missing. */
    private static double meanBefore(double[] x, int at) {
        int nb = Math.min(5, at);
        double ref = 0;
        for (int i = at - nb; i < at; i++) {
            ref += x[i];
        }
        return ref / nb;
    }

    private static double cross(double[] x, int i, double base, double sign, double a, double level) {
        double f0 = (x[i - 1] - base) * sign / a;
        double f1 = (x[i] - base) * sign / a;
        return f1 == f0 ? i : i - 1 + (level - f0) / (f1 - f0);
    }
}
