package io.hotfire.sim.scenario;

/** From {@code atS} on, the throttle command moves to {@code toPercent} at the sequencer's rate limit. */
public record ThrottleStep(double atS, double toPercent) {
}
