package io.hotfire.domain.feature;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.TrackingLimit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Valve-tracking evidence of one run: per tracking limit, the largest position-command error of the
 * window and the longest time beyond its warning and red deltas ({@code [i][0=warn,1=red]}, in
 * samples), and how far the command moved over {@link TrackingCheck#LOOKBACK_SECONDS}.
 */
final class ValveTracking {

    private final TrackingLimit[] tracking;
    private final int[][] trackIdx;
    private final int[][] trackRun;
    private final int[][] trackMaxRun;
    private final double[] trackMaxError;
    private final double[][] commandHistory;
    private final int lookback;
    private int commandHead;

    ValveTracking(EngineProfile profile) {
        this.tracking = profile.trackingLimits().toArray(TrackingLimit[]::new);
        this.trackIdx = new int[tracking.length][2];
        for (int i = 0; i < tracking.length; i++) {
            trackIdx[i][0] = profile.indexOf(tracking[i].position());
            trackIdx[i][1] = profile.indexOf(tracking[i].command());
        }
        this.trackRun = new int[tracking.length][2];
        this.trackMaxRun = new int[tracking.length][2];
        this.trackMaxError = new double[tracking.length];
        this.lookback = (int) Math.round(TrackingCheck.LOOKBACK_SECONDS * profile.sampleRateHz());
        this.commandHistory = new double[tracking.length][lookback];
        for (double[] h : commandHistory) {
            Arrays.fill(h, Double.NaN);
        }
    }

    /** One sample of every channel ({@code values} in feature order, NaN where dead). */
    void add(double[] values, boolean isRunning) {
        commandHead = (commandHead + 1) % lookback;
        for (int i = 0; i < tracking.length; i++) {
            double pos = values[trackIdx[i][0]];
            double cmd = values[trackIdx[i][1]];
            commandHistory[i][commandHead] = cmd;
            double err = Double.isNaN(pos) || Double.isNaN(cmd) ? Double.NaN : Math.abs(pos - cmd);
            boolean checking = isRunning && !Double.isNaN(err);
            if (checking && err > trackMaxError[i]) {
                trackMaxError[i] = err;
            }
            trackRun[i][0] = checking && err > tracking[i].warnDelta() ? trackRun[i][0] + 1 : 0;
            trackRun[i][1] = checking && err > tracking[i].redDelta() ? trackRun[i][1] + 1 : 0;
            trackMaxRun[i][0] = Math.max(trackMaxRun[i][0], trackRun[i][0]);
            trackMaxRun[i][1] = Math.max(trackMaxRun[i][1], trackRun[i][1]);
        }
    }

    /** The checks of the window just closed (times in seconds of {@code period} samples); runs still open carry over. */
    List<TrackingCheck> emit(double period) {
        List<TrackingCheck> trackingChecks = new ArrayList<>(tracking.length);
        for (int i = 0; i < tracking.length; i++) {
            TrackingLimit tl = tracking[i];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double c : commandHistory[i]) {
                if (!Double.isNaN(c)) {
                    lo = Math.min(lo, c);
                    hi = Math.max(hi, c);
                }
            }
            trackingChecks.add(new TrackingCheck(tl.id(), tl.position(), tl.command(), trackMaxError[i],
                    trackMaxRun[i][0] * period, trackMaxRun[i][1] * period, tl.warnSeconds(), tl.redSeconds(),
                    hi >= lo ? hi - lo : 0));
            trackMaxRun[i][0] = trackRun[i][0];
            trackMaxRun[i][1] = trackRun[i][1];
            trackMaxError[i] = 0;
        }
        return trackingChecks;
    }
}
