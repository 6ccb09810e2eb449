package io.hotfire.learned.feature;

/**
 * One input of a learned part: a statistic of a channel (sensor or derived quantity), named
 * {@code CHANNEL.statistic}, e.g. {@code PC_A.relMean}.
 */
public record Feature(String channel, Statistic statistic) {

    public String name() {
        return channel + "." + statistic.key();
    }

    @Override
    public String toString() {
        return name();
    }
}
