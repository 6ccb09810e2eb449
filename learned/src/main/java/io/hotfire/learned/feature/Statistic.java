package io.hotfire.learned.feature;

import io.hotfire.domain.feature.ChannelFeatures;
import java.util.Arrays;

/**
 * One number computed from a channel's window statistics ({@link ChannelFeatures}). Every
 * statistic is {@code NaN} when the channel had no valid sample in the window; the learned parts
 * treat {@code NaN} as "missing", never as a value.
 */
public enum Statistic {

    /** Mean as a deviation from the expected value, relative: {@code (mean − expected) / |expected|}. */
    REL_MEAN("relMean"),
    /** Standard deviation over the sensor's 1σ noise; over {@code |expected|} for a noise-free channel. */
    NOISE_STD("noiseStd"),
    /** Least-squares slope relative to the expected value, per second: {@code slope / |expected|}. */
    REL_SLOPE("relSlope"),
    /** Mean in the channel's unit. */
    MEAN("mean"),
    /** Standard deviation in the channel's unit. */
    STD("std"),
    /** Least-squares slope in the channel's unit per second. */
    SLOPE("slope"),
    /**
     * A feature of the signal feature library the profile's {@code signals:} puts on every window
     * (the feature's channel is then the signal's name, e.g. {@code P3.overshoot}); read from the
     * window, not from the channel statistics.
     */
    SIGNAL("signal");

    private final String key;

    Statistic(String key) {
        this.key = key;
    }

    /** The name used in spec files and feature names, e.g. {@code relMean}. */
    public String key() {
        return key;
    }

    public static Statistic parse(String key) {
        for (Statistic s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown statistic '" + key + "'; known: "
                + Arrays.stream(values()).map(Statistic::key).toList());
    }

    /** The statistic of one channel in one window, or NaN when the channel had no data. */
    public double of(ChannelFeatures f) {
        if (!f.hasData()) {
            return Double.NaN;
        }
        double ref = Math.abs(f.expected());
        double v = switch (this) {
            case REL_MEAN -> ref == 0 ? Double.NaN : (f.mean() - f.expected()) / ref;
            case NOISE_STD -> f.noise() > 0 ? f.std() / f.noise() : (ref == 0 ? Double.NaN : f.std() / ref);
            case REL_SLOPE -> ref == 0 ? Double.NaN : f.slope() / ref;
            case MEAN -> f.mean();
            case STD -> f.std();
            case SLOPE -> f.slope();
            case SIGNAL -> Double.NaN;
        };
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
