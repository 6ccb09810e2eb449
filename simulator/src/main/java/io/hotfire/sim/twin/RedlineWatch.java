package io.hotfire.sim.twin;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Limit;
import io.hotfire.domain.profile.Limits;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.profile.TrackingLimit;
import java.util.Arrays;
import java.util.List;

/**
 * The stand's redline system over one simulated run: in mainstage, a sensor beyond a red line for
 * the profile's persistence, or a valve off its command by more than its red delta for its red time,
 * is the run's redline (the first one reached, recorded with its time and what crossed).
 */
final class RedlineWatch {

    private final EngineProfile profile;
    private final TwinConfig cfg;
    private final int[] redCount;
    private final double[] trackingSince;
    private Redline redline = Redline.NONE;

    RedlineWatch(TwinConfig cfg) {
        this.cfg = cfg;
        this.profile = cfg.profile();
        this.redCount = new int[profile.sensors().size()];
        this.trackingSince = new double[profile.trackingLimits().size()];
        Arrays.fill(trackingSince, Double.NaN);
    }

    /** The redline reached so far, or {@link Redline#NONE}. */
    Redline redline() {
        return redline;
    }

    /** One sample of the physical values at {@code t}; {@code main}: the sequence is in mainstage. */
        void check(boolean main, double t, double[] phys) {
        if (redline.reached()) {
            return;
        }
        boolean mainstage = main && t >= profile.phase().mainstageAfterSeconds() - 1e-9;
        if (!mainstage) {
            Arrays.fill(redCount, 0);
            Arrays.fill(trackingSince, Double.NaN);
            return;
        }
        double theta = phys[cfg.roles().throttle()] / profile.throttleScale();
        int persistence = profile.validation().redlinePersistenceSamples();
        for (int i = 0; i < redCount.length; i++) {
            SensorSpec spec = profile.sensors().get(i);
            Limits lim = spec.limits();
            if (lim.redLow() == null && lim.redHigh() == null) {
                continue;
            }
            double e = spec.expected(theta);
            boolean beyond = beyond(lim.redLow(), e, phys[i], true) || beyond(lim.redHigh(), e, phys[i], false);
            redCount[i] = beyond ? redCount[i] + 1 : 0;
            if (redCount[i] >= persistence && !redline.reached()) {
                redline = new Redline(true, Precision.round(t, 3), spec.id());
            }
        }
        List<TrackingLimit> tracking = profile.trackingLimits();
        for (int j = 0; j < tracking.size(); j++) {
            TrackingLimit tl = tracking.get(j);
            double gap = Math.abs(phys[profile.indexOf(tl.position())] - phys[profile.indexOf(tl.command())]);
            if (gap > tl.redDelta()) {
                if (Double.isNaN(trackingSince[j])) {
                    trackingSince[j] = t;
                }
                if (t - trackingSince[j] >= tl.redSeconds() - 1e-9 && !redline.reached()) {
                    redline = new Redline(true, Precision.round(t, 3), tl.id());
                }
            } else {
                trackingSince[j] = Double.NaN;
            }
        }
    }

    private static boolean beyond(Limit limit, double expected, double value, boolean low) {
        if (limit == null) {
            return false;
        }
        double line = limit.resolve(expected);
        return low ? value < line : value > line;
    }
}
