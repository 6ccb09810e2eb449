package io.hotfire.rules.fact;

import io.hotfire.domain.feature.Phase;

/**
 * The window being evaluated: time, power level and phase. One per evaluation.
 *
 * @param steadySeconds seconds in mainstage since the power level last moved
 */
public record WindowInfo(long index, double t, double theta, double thetaRate, Phase phase, double mainstageSeconds,
                         double steadySeconds) {

    public boolean isMainstage() {
        return phase == Phase.MAINSTAGE;
    }

    public boolean isRunning() {
        return phase != Phase.OFF;
    }
}
