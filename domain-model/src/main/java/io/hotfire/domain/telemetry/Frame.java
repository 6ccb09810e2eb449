package io.hotfire.domain.telemetry;

import java.util.Arrays;

/**
 * One telemetry sample of every channel of a profile, in profile sensor order.
 * A missing or empty reading is {@code NaN}; readings outside a sensor's span are kept as read
 * (they are data: sensor validation marks them dead).
 *
 * @param seq    sequence number within the run, unique per run
 * @param t      run time in seconds since the start command
 * @param values one value per profile sensor, same order as {@code EngineProfile.sensors()}
 */
public record Frame(long seq, double t, double[] values) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.seq == seq && Double.compare(f.t, t) == 0 && Arrays.equals(f.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Frame[seq=" + seq + ", t=" + t + ", values=" + Arrays.toString(values) + "]";
    }
}
