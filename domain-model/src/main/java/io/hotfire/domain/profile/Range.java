package io.hotfire.domain.profile;

/** A closed interval [low, high]. */
public record Range(double low, double high) {

    public boolean contains(double v) {
        return v >= low && v <= high;
    }

    /** v moved into the interval (NaN stays NaN). */
    public double clamp(double v) {
        return Double.isNaN(v) ? v : Math.max(low, Math.min(high, v));
    }

    public double width() {
        return high - low;
    }
}
