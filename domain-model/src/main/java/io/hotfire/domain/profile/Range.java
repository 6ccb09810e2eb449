package io.hotfire.domain.profile;

/** A closed interval [low, high]. */
public record Range(double low, double high) {

    public boolean contains(double v) {
        return v >= low && v <= high;
    }

    public double width() {
        return high - low;
    }
}
