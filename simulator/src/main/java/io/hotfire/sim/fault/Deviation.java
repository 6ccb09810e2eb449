package io.hotfire.sim.fault;

import io.hotfire.domain.data.DataNode;

/**
 * How far one channel departs from its fault-free value at full severity.
 *
 * @param rel    relative change (0.05 = +5 %); {@code factor: f} in a file means {@code rel = f - 1}
 * @param abs    absolute change in the channel's unit
 * @param rate   absolute change per second from onset (ignores the ramp), capped at {@code max}
 * @param max    cap of the rate-driven change (same sign as {@code rate})
 * @param delayS seconds after onset before this channel starts to move
 * @param noise  multiplier of the channel's noise σ at full severity (1 = unchanged)
 */
public record Deviation(double rel, double abs, double rate, double max, double delayS, double noise) {

    public static Deviation parse(DataNode d) {
        d.allowOnly("rel", "factor", "abs", "rate", "max", "delay", "noise");
        if (d.has("rel") && d.has("factor")) {
            throw d.error("factor", "give either rel or factor, not both");
        }
        double rel = d.has("factor") ? d.number("factor") - 1.0 : d.number("rel", 0.0);
        if (d.has("factor") && d.number("factor") < 0) {
            throw d.error("factor", "must be ≥ 0, got " + d.number("factor"));
        }
        double rate = d.number("rate", 0.0);
        double max = 0.0;
        if (rate != 0.0) {
            max = d.number("max");
            if (Math.signum(max) != Math.signum(rate)) {
                throw d.error("max", "must have the sign of rate (" + rate + "), got " + max);
            }
        } else if (d.has("max")) {
            throw d.error("max", "only makes sense with rate");
        }
        double delay = d.number("delay", 0.0);
        if (delay < 0) {
            throw d.error("delay", "must be ≥ 0, got " + delay);
        }
        double noise = d.number("noise", 1.0);
        if (noise < 0) {
            throw d.error("noise", "must be ≥ 0, got " + noise);
        }
        Deviation dev = new Deviation(rel, d.number("abs", 0.0), rate, max, delay, noise);
        if (dev.isEmpty()) {
            throw d.error("gives no deviation: set rel, factor, abs, rate or noise");
        }
        return dev;
    }

    public boolean isEmpty() {
        return rel == 0.0 && abs == 0.0 && rate == 0.0 && noise == 1.0;
    }
}
