package io.hotfire.domain.feature;

import io.hotfire.domain.profile.Limit;
import io.hotfire.domain.profile.LimitLevel;
import io.hotfire.domain.profile.LimitSide;
import io.hotfire.domain.profile.SensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Limit evidence of one run: per sensor and limit line ({@code [sensor][level*2+side]}), the run of
 * consecutive mainstage samples beyond the line, the window's longest run, its start and the peak.
 * A run still open at a window border carries into the next window, so persistence is exact there.
 */
final class LimitTracker {

    private static final LimitLevel[] LEVELS = LimitLevel.values();
    private static final LimitSide[] SIDES = LimitSide.values();

    private final int[][] limitRun;
    private final int[][] limitMaxRun;
    private final double[][] limitPeak;
    private final double[][] limitLastValue;
    private final double[][] limitRunStart;
    private final double[][] limitMaxRunStart;

    LimitTracker(int nS) {
        this.limitRun = new int[nS][4];
        this.limitMaxRun = new int[nS][4];
        this.limitPeak = new double[nS][4];
        for (double[] p : limitPeak) {
            Arrays.fill(p, Double.NaN);
        }
        this.limitLastValue = new double[nS][4];
        this.limitRunStart = new double[nS][4];
        this.limitMaxRunStart = new double[nS][4];
    }

    /** One reading {@code x} of sensor {@code i}; lines resolve against its expected value at throttle {@code theta}. */
    void add(int i, SensorSpec s, double x, boolean dead, boolean mainstage, double theta, double t) {
        if (mainstage && !dead && !s.limits().isEmpty()) {
            double expected = s.expected(theta);
            for (LimitLevel level : LEVELS) {
                for (LimitSide side : SIDES) {
                    Limit l = s.limits().get(level, side);
                    if (l == null) {
                        continue;
                    }
                    int k = level.ordinal() * 2 + side.ordinal();
                    double lim = l.resolve(expected);
                    boolean beyond = side == LimitSide.HIGH ? x > lim : x < lim;
                    if (beyond) {
                        if (limitRun[i][k] == 0) {
                            limitRunStart[i][k] = t;
                        }
                        limitRun[i][k]++;
                        if (limitRun[i][k] > limitMaxRun[i][k]) {
                            limitMaxRun[i][k] = limitRun[i][k];
                            limitMaxRunStart[i][k] = limitRunStart[i][k];
                        }
                        double peak = limitPeak[i][k];
                        if (Double.isNaN(peak) || (side == LimitSide.HIGH ? x > peak : x < peak)) {
                            limitPeak[i][k] = x;
                        }
                        limitLastValue[i][k] = lim;
                    } else {
                        limitRun[i][k] = 0;
                    }
                }
            }
        } else if (!mainstage) {
            for (int k = 0; k < 4; k++) {
                limitRun[i][k] = 0;
            }
        }
    }

    /** The lines crossed in the window just closed; the next window's longest run starts from the open one. */
    List<LimitBreach> emit(String[] channelIds) {
        List<LimitBreach> breaches = new ArrayList<>();
        for (int i = 0; i < limitRun.length; i++) {
            for (int k = 0; k < 4; k++) {
                if (limitMaxRun[i][k] > 0) {
                    breaches.add(new LimitBreach(channelIds[i], LEVELS[k / 2], SIDES[k % 2], limitLastValue[i][k],
                            limitPeak[i][k], limitMaxRun[i][k], limitRun[i][k], limitMaxRunStart[i][k]));
                }
                // The next window's longest run starts from the run still open at this border.
                limitMaxRun[i][k] = limitRun[i][k];
                limitMaxRunStart[i][k] = limitRunStart[i][k];
                limitPeak[i][k] = Double.NaN;
            }
        }
        return breaches;
    }
}
