package io.hotfire.domain.profile;

/**
 * The "≈" band of a channel: a window mean within {@code max(relative × |expected|, absolute,
 * sigmas × noise / √n)} of its expected value is normal (SAFD: model-predicted bands).
 */
public record Band(double relative, double absolute, double sigmas) {

    public double halfWidth(double expected, double noise, int samples) {
        double w = Math.max(relative * Math.abs(expected), absolute);
        if (samples > 0) {
            w = Math.max(w, sigmas * noise / Math.sqrt(samples));
        }
        return w;
    }
}
