package io.hotfire.domain.profile;

/** Sliding windows over the sample stream: {@code size} samples long, a new one every {@code step} samples. */
public record WindowConfig(int size, int step) {
}
