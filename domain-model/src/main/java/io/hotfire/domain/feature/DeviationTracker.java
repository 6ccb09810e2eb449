package io.hotfire.domain.feature;

import io.hotfire.domain.profile.Band;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Symptom evidence of one run: per channel, whether its window mean lies off its band around the
 * expected value (and for how many windows in that direction), whether it moves faster than its
 * rate, and for a persistent deviation of a measured sensor the largest step in its history.
 */
final class DeviationTracker {

    private final SensorSpec[] specs;
    private final int persistenceWindows;
    private final int[] deviationWindows;
    private final double[] onsetLast;
    private final Direction[] deviationDirection;
    private final Band[] bands;
    private final double[] rates;
    private final boolean[] scheduled;

    DeviationTracker(EngineProfile profile, SensorSpec[] specs, String[] channelIds) {
        int n = channelIds.length;
        this.specs = specs;
        this.persistenceWindows = profile.symptoms().persistenceWindows();
        this.deviationWindows = new int[n];
        this.onsetLast = new double[n];
        this.deviationDirection = new Direction[n];
        Arrays.fill(deviationDirection, Direction.NONE);
        this.bands = new Band[n];
        this.rates = new double[n];
        this.scheduled = new boolean[n];
        for (int c = 0; c < n; c++) {
            scheduled[c] = profile.symptoms().scheduledCommands().contains(channelIds[c]);
            bands[c] = profile.symptoms().band(channelIds[c]);
            rates[c] = profile.symptoms().rate(channelIds[c]);
        }
    }

    /** The deviations of every channel in the window just closed, in feature order. */
    List<Deviation> emit(List<ChannelFeatures> features, Phase phase, SampleHistory history) {
        List<Deviation> deviations = new ArrayList<>(features.size());
        for (int c = 0; c < features.size(); c++) {
            deviations.add(deviation(c, features.get(c), phase, history));
        }
        return deviations;
    }

    private Deviation deviation(int c, ChannelFeatures f, Phase phase, SampleHistory history) {
        double band = bands[c].halfWidth(f.expected(), f.noise(), f.valid());
        Direction dir = Direction.NONE;
        if (phase == Phase.MAINSTAGE && f.hasData() && Double.isFinite(f.expected())) {
            if (f.mean() > f.expected() + band) {
                dir = Direction.UP;
            } else if (f.mean() < f.expected() - band) {
                dir = Direction.DOWN;
            }
        }
        if (dir != Direction.NONE && dir == deviationDirection[c]) {
            deviationWindows[c]++;
        } else {
            deviationWindows[c] = dir == Direction.NONE ? 0 : 1;
            onsetLast[c] = f.last();
        }
        deviationDirection[c] = dir;
        Direction fast = Direction.NONE;
        if (phase == Phase.MAINSTAGE && !Double.isNaN(rates[c]) && f.hasData()) {
            if (f.slope() >= rates[c]) {
                fast = Direction.UP;
            } else if (f.slope() <= -rates[c]) {
                fast = Direction.DOWN;
            }
        }
        boolean measured = c < specs.length && specs[c].noise() > 0;
        double step = measured && dir != Direction.NONE && deviationWindows[c] >= persistenceWindows
                ? history.sensorStep(c) : Double.NaN;
        return new Deviation(f.channel(), dir, f.mean(), f.expected(), band, f.relativeDeviation(),
                deviationWindows[c], f.slope(), fast, measured,
                dir == Direction.NONE ? Double.NaN : onsetLast[c], scheduled[c], step);
    }
}
