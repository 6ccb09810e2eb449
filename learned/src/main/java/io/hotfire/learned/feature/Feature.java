package io.hotfire.learned.feature;

/**
 * One input of a learned part: a statistic of a channel (sensor or derived quantity), named
 * {@code CHANNEL.statistic}, e.g. {@code PC_A.relMean}; or a signal feature of the window
 * ({@link Statistic#SIGNAL}, channel = the signal's name, e.g. {@code P3.overshoot}), named as it is.
 */
public record Feature(String channel, Statistic statistic) {

    public String name() {
        return statistic == Statistic.SIGNAL ? channel : channel + "." + statistic.key();
    }

    /**
     * The sensor (or sensor pair) the feature belongs to: the gate leaves out a sensor's features
     * together. For a signal feature, its name up to the first dot ({@code P3} of {@code P3.overshoot},
     * {@code P1:P3} of a delay).
     */
    public String group() {
        if (statistic != Statistic.SIGNAL) {
            return channel;
        }
        int dot = channel.indexOf('.');
        return dot < 0 ? channel : channel.substring(0, dot);
    }

    @Override
    public String toString() {
        return name();
    }
}
