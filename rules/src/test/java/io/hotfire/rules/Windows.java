package io.hotfire.rules;

import io.hotfire.domain.feature.ChannelFeatures;
import io.hotfire.domain.feature.Deviation;
import io.hotfire.domain.feature.Direction;
import io.hotfire.domain.feature.LimitBreach;
import io.hotfire.domain.feature.PairCheck;
import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.feature.SensorHealth;
import io.hotfire.domain.feature.TrackingCheck;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.LimitLevel;
import io.hotfire.domain.profile.LimitSide;
import io.hotfire.domain.profile.RedundancyPair;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.profile.TrackingLimit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the window evidence a rule sees, starting from a healthy mainstage window at 100 %:
 * every channel at expected, no dead/frozen/spiking sensor, no limit breach, pairs agreeing,
 * valves following. Each method changes one piece of evidence, so a rule test states only what
 * matters to its rule.
 */
public final class Windows {

    private final EngineProfile profile;
    private long index;
    private double t = 10.0;
    private Phase phase = Phase.MAINSTAGE;
    private final List<SensorHealth> health = new ArrayList<>();
    private final List<LimitBreach> breaches = new ArrayList<>();
    private final List<TrackingCheck> tracking = new ArrayList<>();
    private final List<PairCheck> pairs = new ArrayList<>();
    private final java.util.Map<String, Deviation> deviations = new java.util.HashMap<>();
    private double steady = 10.0;
    private double onset = 1.0;
    private double commandRange = 15;
    private double theta = 1.0;
    private final java.util.Map<String, Double> means = new java.util.HashMap<>();

    public Windows(EngineProfile profile) {
        this.profile = profile;
        reset();
    }

    /** Back to a healthy window, one step (0.1 s) later. */
    public Windows reset() {
        health.clear();
        breaches.clear();
        tracking.clear();
        pairs.clear();
        deviations.clear();
        means.clear();
        theta = 1.0;
        steady = 10.0;
        for (SensorSpec s : profile.sensors()) {
            health.add(new SensorHealth(s.id(), 0, 25, 0, 0, 0, Double.NaN, s.noise() > 0));
        }
        for (TrackingLimit tl : profile.trackingLimits()) {
            tracking.add(new TrackingCheck(tl.id(), tl.position(), tl.command(), 0.3, 0, 0, tl.warnSeconds(), tl.redSeconds(), 0));
        }
        for (RedundancyPair p : profile.redundancyPairs()) {
            pairs.add(new PairCheck(p.a(), p.b(), 0.0, p.allowed(profile.requireSensor(p.a()).nominal()), 0.01, 0.01, 0, 0,
                    Double.NaN, Double.NaN));
        }
        phase = Phase.MAINSTAGE;
        return this;
    }

    /** The commanded power level θ of the window (channel means stay at their expected value at 100 %). */
    public Windows theta(double theta) {
        this.theta = theta;
        return this;
    }

    /** A channel's window mean (its deviation evidence is unchanged; use {@link #deviation} for that). */
    public Windows mean(String channel, double mean) {
        means.put(channel, mean);
        return this;
    }

    /** Seconds since the power level last moved. */
    public Windows steady(double seconds) {
        this.steady = seconds;
        return this;
    }

    /**
     * A channel {@code bands} band-widths off its expected value (band = 3 % of expected), held for
     * {@code windows} windows; {@code slope} in units per second, {@code fast} the trend flag.
     */
    public Windows deviation(String channel, double bands, int windows, double slope, Direction fast) {
        double expected = expectedOf(channel);
        double band = 0.03 * Math.abs(expected);
        double value = expected + bands * band;
        Direction dir = bands > 1 ? Direction.UP : bands < -1 ? Direction.DOWN : Direction.NONE;
        deviations.put(channel, new Deviation(channel, dir, value, expected, band,
                expected == 0 ? 0 : (value - expected) / Math.abs(expected), dir == Direction.NONE ? 0 : windows, slope, fast,
                profile.sensor(channel).map(s -> s.noise() > 0).orElse(false), onset * (value - expected) + expected,
                profile.symptoms().scheduledCommands().contains(channel), onset * Math.abs(value - expected)));
        return this;
    }

    /** As {@link #deviation(String, double, int, double, Direction)} with the onset as a fraction of today's deviation (1 = step). */
    public Windows deviation(String channel, double bands, int windows, double slope, Direction fast, double onset) {
        this.onset = onset;
        deviation(channel, bands, windows, slope, fast);
        this.onset = 1.0;
        return this;
    }

    public Windows deviation(String channel, double bands, int windows) {
        return deviation(channel, bands, windows, 0, Direction.NONE);
    }

    private double expectedOf(String channel) {
        if (profile.sensor(channel).isPresent()) {
            return profile.sensor(channel).get().expected(1.0);
        }
        if (profile.derivedQuantity(channel).isEmpty()) {
            throw new IllegalArgumentException("no channel " + channel + " in profile " + profile.id());
        }
        return 1.0;
    }

    public Windows phase(Phase p) {
        this.phase = p;
        return this;
    }

    public Windows health(String sensor, int dead, int deadRun, double frozenSeconds, int spikes) {
        health.replaceAll(h -> h.sensor().equals(sensor)
                ? new SensorHealth(sensor, dead, h.count(), deadRun, frozenSeconds, spikes, Double.NaN, h.checkable())
                : h);
        return this;
    }

    public Windows breach(String sensor, LimitLevel level, LimitSide side, double limit, double peak, int consecutive) {
        breaches.add(new LimitBreach(sensor, level, side, limit, peak, consecutive, consecutive, t - 0.05));
        return this;
    }

    public Windows pair(String a, double difference, double aEstimateError, double bEstimateError, int windows, double slope) {
        pairs.replaceAll(p -> p.a().equals(a)
                ? new PairCheck(p.a(), p.b(), difference, p.allowed(), aEstimateError, bEstimateError, windows, slope,
                        slope > 0.5 ? difference : difference * 0.2, slope > 0.5 ? difference : difference * 0.2)
                : p);
        return this;
    }

    /** A valve lag; its command moved by {@code commandRange} over the last 5 s. */
    public Windows tracking(String id, double maxError, double warnSeconds, double redSeconds, double commandRange) {
        this.commandRange = commandRange;
        tracking(id, maxError, warnSeconds, redSeconds);
        this.commandRange = 15;
        return this;
    }

    public Windows tracking(String id, double maxError, double warnSeconds, double redSeconds) {
        tracking.replaceAll(c -> c.id().equals(id)
                ? new TrackingCheck(c.id(), c.position(), c.command(), maxError, warnSeconds, redSeconds,
                        c.warnLimitSeconds(), c.redLimitSeconds(), commandRange)
                : c);
        return this;
    }

    public WindowSnapshot build() {
        List<ChannelFeatures> channels = new ArrayList<>();
        for (SensorSpec s : profile.sensors()) {
            double e = s.expected(1.0);
            double m = means.getOrDefault(s.id(), e);
            channels.add(new ChannelFeatures(s.id(), m, s.noise(), 0, m, m, m, 25, 25, e, s.noise()));
        }
        List<Deviation> devs = new ArrayList<>();
        for (ChannelFeatures c : channels) {
            Deviation d = deviations.get(c.channel());
            devs.add(d != null ? d : new Deviation(c.channel(), Direction.NONE, c.mean(), c.expected(),
                    0.03 * Math.abs(c.expected()), 0, 0, 0, Direction.NONE, c.noise() > 0, Double.NaN,
                    profile.symptoms().scheduledCommands().contains(c.channel()), Double.NaN));
        }
        for (var dq : profile.derived()) {
            Deviation d = deviations.get(dq.id());
            devs.add(d != null ? d : new Deviation(dq.id(), Direction.NONE, 1.0, 1.0, 0.03, 0, 0, 0, Direction.NONE, false,
                    Double.NaN, false, Double.NaN));
        }
        double ms = phase == Phase.MAINSTAGE ? t - 3.5 : 0;
        WindowSnapshot w = new WindowSnapshot(index++, t - 0.48, t, theta, 0, phase, ms, phase == Phase.MAINSTAGE ? steady : 0,
                channels, List.copyOf(health), List.copyOf(breaches), List.copyOf(tracking), List.copyOf(pairs), devs);
        t += 0.1;
        return w;
    }
}
