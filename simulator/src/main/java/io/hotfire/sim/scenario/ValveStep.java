package io.hotfire.sim.scenario;

/**
 * A mainstage command change of a main valve (a valve check): from {@code atS} for {@code holdS}
 * seconds the valve is commanded to {@code toPercent}, then back to its nominal command.
 */
public record ValveStep(String valve, double atS, double toPercent, double holdS) {

    public boolean activeAt(double t) {
        return t >= atS && t < atS + holdS;
    }
}
