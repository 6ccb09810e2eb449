package io.hotfire.domain.profile;

/** Sliding windows over the sample stream: {@code size} samples long, a new one every {@code step} samples. */
public record WindowConfig(int size, int step) {

    /**
     * How far back (seconds) a window's builder keeps every sensor and pair difference, to find a
     * step in it; a signal feature's span may not exceed it. Here, with the profile's window
     * settings, so the profile's readers need nothing of the feature package (which uses them).
     */
    public static final double HISTORY_SECONDS = 6.0;
}
