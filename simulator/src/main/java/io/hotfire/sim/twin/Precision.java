package io.hotfire.sim.twin;

import io.hotfire.domain.profile.SensorSpec;

/** Output resolution of a channel: about a tenth of its noise σ, so rounding adds no visible noise. */
public final class Precision {

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6};

    private Precision() {
    }

    /** Decimal places for a sensor: ⌈−log10 σ⌉ + 1, within 0..6; 2 for noise-free channels. */
    public static int decimals(SensorSpec spec) {
        if (spec.noise() <= 0) {
            return 2;
        }
        int d = (int) Math.ceil(-Math.log10(spec.noise())) + 1;
        return Math.max(0, Math.min(6, d));
    }

    /** Decimal places of the time column for a sample rate. */
    public static int timeDecimals(double sampleRateHz) {
        return Math.max(0, Math.min(6, (int) Math.ceil(Math.log10(sampleRateHz) - 1e-9)));
    }

    public static double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double f = POW10[decimals];
        return Math.round(v * f) / f;
    }

    public static double pow10(int decimals) {
        return POW10[decimals];
    }
}
