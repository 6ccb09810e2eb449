package io.hotfire.domain.feature;

import java.util.List;
import java.util.Optional;

/**
 * Everything the rules see of one window of one run: features of every channel and the raw
 * validation and limit evidence. Immutable.
 *
 * @param index     window number within the run, from 0
 * @param tStart    run time of the first sample
 * @param tEnd      run time of the last sample (the time findings are stamped with)
 * @param theta     mean commanded power level over the window (1.0 = 100 %)
 * @param thetaRate commanded power level change per second over the window
 * @param phase     phase at the window's end
 * @param mainstageSeconds seconds in mainstage up to the window's end (0 outside it)
 * @param steadySeconds    seconds in mainstage since the power level last moved or a scheduled command was
 *                         last off its schedule (0 outside mainstage)
 * @param deviations       one symptom per channel: where its mean lies against its band
 * @param signals          the signal features the profile asks for ({@code signals:}), in its order; empty by default
 */
public record WindowSnapshot(
        long index,
        double tStart,
        double tEnd,
        double theta,
        double thetaRate,
        Phase phase,
        double mainstageSeconds,
        double steadySeconds,
        List<ChannelFeatures> channels,
        List<SensorHealth> health,
        List<LimitBreach> breaches,
        List<TrackingCheck> tracking,
        List<PairCheck> pairs,
        List<Deviation> deviations,
        List<SignalFeature> signals) {

    /** A window without signal features. */
    public WindowSnapshot(long index, double tStart, double tEnd, double theta, double thetaRate, Phase phase,
            double mainstageSeconds, double steadySeconds, List<ChannelFeatures> channels, List<SensorHealth> health,
            List<LimitBreach> breaches, List<TrackingCheck> tracking, List<PairCheck> pairs, List<Deviation> deviations) {
        this(index, tStart, tEnd, theta, thetaRate, phase, mainstageSeconds, steadySeconds, channels, health, breaches,
                tracking, pairs, deviations, List.of());
    }

    /** A signal feature's value by name, NaN when the window does not carry it or it could not be computed. */
    public double signal(String name) {
        for (SignalFeature f : signals) {
            if (f.name().equals(name)) {
                return f.value();
            }
        }
        return Double.NaN;
    }

    public Optional<ChannelFeatures> channel(String id) {
        for (ChannelFeatures c : channels) {
            if (c.channel().equals(id)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
