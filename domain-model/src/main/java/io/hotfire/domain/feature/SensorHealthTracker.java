package io.hotfire.domain.feature;

import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.profile.ValidationConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sensor-validation evidence of one run, per sensor: dead readings (in the window and in a row),
 * frozen readings (the same value again on a noisy channel) and spikes (one sample away from both
 * neighbours). State carries across windows; one instance per {@link WindowBuilder}.
 */
final class SensorHealthTracker {

    private final SensorSpec[] specs;
    private final ValidationConfig validation;
    private final double period;
    private final double[] prev;
    private final double[] prev2;
    private final int[] unchangedRun;
    private final int[] deadRun;
    private final double[] lastDead;
    private final ArrayDeque<Double>[] spikeTimes;
    private final double[] localNoise;
    private final int[] deadInWindow;
    private final double[] spikeThreshold;

    SensorHealthTracker(SensorSpec[] specs, ValidationConfig validation, double period) {
        int nS = specs.length;
        this.specs = specs;
        this.validation = validation;
        this.period = period;
        this.prev = new double[nS];
        this.prev2 = new double[nS];
        Arrays.fill(prev, Double.NaN);
        Arrays.fill(prev2, Double.NaN);
        this.unchangedRun = new int[nS];
        this.deadRun = new int[nS];
        this.lastDead = new double[nS];
        @SuppressWarnings("unchecked")
        ArrayDeque<Double>[] st = new ArrayDeque[nS];
        for (int i = 0; i < nS; i++) {
            st[i] = new ArrayDeque<>();
        }
        this.spikeTimes = st;
        this.localNoise = new double[nS];
        this.deadInWindow = new int[nS];
        this.spikeThreshold = new double[nS];
        for (int i = 0; i < nS; i++) {
            spikeThreshold[i] = Math.max(validation.spikeSigma() * specs[i].noise(),
                    validation.spikeSpanFraction() * specs[i].span().width());
        }
    }

    /** One reading {@code x} of sensor {@code i} at time {@code t}. */
    void add(int i, double x, boolean dead, boolean isRunning, double t) {
        SensorSpec s = specs[i];
        if (dead) {
            deadRun[i]++;
            deadInWindow[i]++;
            lastDead[i] = x;
        } else {
            deadRun[i] = 0;
        }
        // Frozen: exactly the same reading again while running, on a channel that has noise.
        if (isRunning && !dead && s.noise() > 0 && x == prev[i]) {
            unchangedRun[i]++;
        } else {
            unchangedRun[i] = 0;
        }
        // Spike: the previous sample jumped away from both neighbours, which agree with each other.
        // The size is judged against the profile noise or the channel's current noise, whichever
        // is larger, so a channel that turned noisy (a real oscillation) does not "spike".
        if (s.noise() > 0 && isRunning && !Double.isNaN(prev[i]) && !Double.isNaN(prev2[i]) && !dead) {
            double th = Math.max(spikeThreshold[i], validation.spikeSigma() * localNoise[i]);
            if (Math.abs(prev[i] - prev2[i]) > th && Math.abs(prev[i] - x) > th && Math.abs(x - prev2[i]) < th / 2) {
                spikeTimes[i].addLast(t - period);
            } else {
                // Successive differences of a Gaussian channel have σ√2; the mean |Δ| is σ·2/√π.
                double est = Math.abs(x - prev[i]) * Math.sqrt(Math.PI) / 2 / Math.sqrt(2);
                localNoise[i] = localNoise[i] == 0 ? est : 0.98 * localNoise[i] + 0.02 * est;
            }
        }
        while (!spikeTimes[i].isEmpty() && spikeTimes[i].peekFirst() < t - validation.spikeMemorySeconds()) {
            spikeTimes[i].removeFirst();
        }
        prev2[i] = prev[i];
        prev[i] = dead ? Double.NaN : x;
    }

    /** The health of every sensor over the window just closed; the window's dead count starts again. */
    List<SensorHealth> emit(String[] channelIds, int size) {
        List<SensorHealth> health = new ArrayList<>(specs.length);
        for (int i = 0; i < specs.length; i++) {
            double frozen = unchangedRun[i] * period;
            health.add(new SensorHealth(channelIds[i], deadInWindow[i], size, deadRun[i], frozen, spikeTimes[i].size(),
                    lastDead[i], specs[i].noise() > 0));
            deadInWindow[i] = 0;
        }
        return health;
    }
}
