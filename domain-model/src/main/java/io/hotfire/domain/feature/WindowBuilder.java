package io.hotfire.domain.feature;

import io.hotfire.domain.profile.DerivedQuantity;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.NominalCycle;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.profile.WindowConfig;
import io.hotfire.domain.telemetry.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Cuts one run's sample stream into sliding windows and computes, per window, the features of
 * every channel (sensors and derived quantities) and the raw evidence sensor validation and
 * limit rules need: dead/frozen/spike counts ({@link SensorHealthTracker}), consecutive samples
 * beyond each limit line ({@link LimitTracker}), valve tracking errors ({@link ValveTracking}),
 * redundant-pair agreement ({@link PairTracker}), symptoms ({@link DeviationTracker}) and the
 * profile's signal features ({@link SignalWindow}). Streaming and allocation-light: state carries
 * across windows so persistence (e.g. 3 consecutive samples) is exact at window borders.
 *
 * <p>Not thread-safe: one instance per run, fed in sample order.
 */
public final class WindowBuilder {

    /** How far back a step in a sensor or a pair difference is looked for ({@link WindowConfig#HISTORY_SECONDS}). */
    public static final double HISTORY_SECONDS = WindowConfig.HISTORY_SECONDS;

    private final EngineProfile profile;
    private final int nS;
    private final int nD;
    private final int size;
    private final int step;
    private final double period;
    private final String[] channelIds;
    private final SensorSpec[] specs;
    private final DerivedQuantity[] derived;
    private final int[][] derivedInputs;
    private final int throttleIdx;
    private final int runningIdx;
    private final Map<String, Integer> channelIndex = new HashMap<>();
    /** The nominal cycle, or null; per sensor covered by it, its value at each sample of the window ring. */
    private final NominalCycle template;
    private final double[][] tplRing;

    // Ring buffers: [channel][slot]; dead/missing samples are NaN.
    private final double[][] ring;
    private final double[] tRing;
    private final double[] thetaRing;
    private int head;
    private long samples;
    private int sinceEmit;
    private long windowIndex;
    /** This sample's values in feature order (sensors, then derived), NaN where dead. */
    private final double[] scratch;

    private double runStartT = Double.NaN;
    private double lastUnsteadyT = Double.NaN;

    private final SensorHealthTracker health;
    private final LimitTracker limits;
    private final ValveTracking tracking;
    private final PairTracker pairs;
    private final SampleHistory history;
    private final DeviationTracker deviations;
    private final SignalWindow signals;

    public WindowBuilder(EngineProfile profile) {
        this.profile = profile;
        this.specs = profile.sensors().toArray(SensorSpec[]::new);
        this.derived = profile.derived().toArray(DerivedQuantity[]::new);
        this.nS = specs.length;
        this.nD = derived.length;
        this.size = profile.windows().size();
        this.step = profile.windows().step();
        this.period = profile.samplePeriod();
        int n = nS + nD;
        this.channelIds = new String[n];
        for (int i = 0; i < nS; i++) {
            channelIds[i] = specs[i].id();
        }
        for (int i = 0; i < nD; i++) {
            channelIds[nS + i] = derived[i].id();
        }
        for (int i = 0; i < n; i++) {
            channelIndex.put(channelIds[i], i);
        }
        this.derivedInputs = new int[nD][];
        for (int i = 0; i < nD; i++) {
            derivedInputs[i] = derived[i].expression().variables().stream().mapToInt(channelIndex::get).toArray();
        }
        this.throttleIdx = profile.hasThrottle() ? profile.indexOf(profile.throttleChannel()) : -1;
        this.runningIdx = profile.phase().hasRunningChannel() ? profile.indexOf(profile.phase().runningChannel()) : -1;

        this.ring = new double[n][size];
        this.template = profile.template();
        this.tplRing = new double[nS][];
        for (int i = 0; i < nS; i++) {
            if (template != null && template.covers(specs[i].id())) {
                tplRing[i] = new double[size];
            }
        }
        this.tRing = new double[size];
        this.thetaRing = new double[size];
        this.scratch = new double[n];

        this.health = new SensorHealthTracker(specs, profile.validation(), period);
        this.limits = new LimitTracker(nS);
        this.tracking = new ValveTracking(profile);
        this.pairs = new PairTracker(profile, specs, channelIndex);
        this.history = new SampleHistory(nS, pairs.size(), (int) Math.round(HISTORY_SECONDS * profile.sampleRateHz()));
        this.deviations = new DeviationTracker(profile, specs, channelIds);
        this.signals = new SignalWindow(profile, channelIndex, size, history.length());
    }

    public EngineProfile profile() {
        return profile;
    }

    /** Channel ids in feature order: sensors, then derived quantities. */
    public List<String> channelIds() {
        return List.of(channelIds);
    }

    /**
     * Adds one sample; returns the window it completes, or null. Values are in profile sensor order.
     */
    public WindowSnapshot add(Frame frame) {
        double[] values = frame.values();
        if (values.length != nS) {
            throw new IllegalArgumentException("frame has " + values.length + " values, profile " + profile.id()
                    + " has " + nS + " sensors");
        }
        double t = frame.t();
        int slot = head;
        head = (head + 1) % size;
        samples++;
        sinceEmit++;
        tRing[slot] = t;

        // Without a running channel the machine runs from the run's first sample.
        boolean isRunning = runningIdx < 0
                || !Double.isNaN(values[runningIdx]) && values[runningIdx] >= profile.phase().runningAbove();
        if (isRunning && Double.isNaN(runStartT)) {
            runStartT = t;
        } else if (!isRunning) {
            runStartT = Double.NaN;
        }
        boolean mainstage = isRunning && t - runStartT >= profile.phase().mainstageAfterSeconds() - 1e-9;
        // Without a throttle channel θ is 1 while running (every expected value is the nominal).
        double thr = throttleIdx < 0 ? profile.throttleScale() : values[throttleIdx];
        double theta = isRunning && !Double.isNaN(thr) ? thr / profile.throttleScale() : 0.0;
        thetaRing[slot] = theta;

        for (int i = 0; i < nS; i++) {
            double x = values[i];
            SensorSpec s = specs[i];
            if (tplRing[i] != null) {
                tplRing[i][slot] = isRunning ? template.value(s.id(), t - runStartT) : Double.NaN;
            }
            boolean dead = s.isDead(x);
            ring[i][slot] = dead ? Double.NaN : x;
            scratch[i] = dead ? Double.NaN : x;
            health.add(i, x, dead, isRunning, t);
            limits.add(i, s, x, dead, mainstage, theta, t);
        }
        history.push(scratch, pairs.idx);
        for (int d = 0; d < nD; d++) {
            double val = derivedValue(d, scratch);
            ring[nS + d][slot] = val;
            scratch[nS + d] = val;
        }
        tracking.add(scratch, isRunning);

        if (samples >= size && sinceEmit >= step) {
            sinceEmit = 0;
            return emit(isRunning ? (mainstage ? Phase.MAINSTAGE : Phase.START) : Phase.OFF, t);
        }
        return null;
    }

    private double derivedValue(int d, double[] values) {
        for (int idx : derivedInputs[d]) {
            if (Double.isNaN(values[idx])) {
                return Double.NaN;
            }
        }
        double v = derived[d].expression().evaluate(id -> values[channelIndex.get(id)]);
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private WindowSnapshot emit(Phase phase, double tEnd) {
        int oldest = head; // the slot after the newest is the oldest in a full ring
        double tStart = tRing[oldest];
        double theta = 0;
        for (int j = 0; j < size; j++) {
            theta += thetaRing[j];
        }
        theta /= size;
        double thetaRate = ChannelStats.slope(thetaRing, oldest, size, period);

        double[] expectedSensors = new double[nS];
        List<ChannelFeatures> features = new ArrayList<>(nS + nD);
        for (int c = 0; c < nS + nD; c++) {
            double expected;
            double noise = 0;
            if (c < nS && tplRing[c] != null) {
                // Template residuals: expected = the nominal cycle over the same samples.
                ChannelFeatures f = ChannelStats.templateFeatures(channelIds[c], ring[c], tplRing[c], oldest, size,
                        period, specs[c].noise());
                expectedSensors[c] = f.expected();
                features.add(f);
                continue;
            }
            if (c < nS) {
                // A reading cannot leave its span: where expected(θ) lies beyond it (GG-1's GG valve,
                // scheduled at 100 %·θ^1.5 on a 0–100 % span, is at its stop from θ = 1 up), the
                // channel is expected at the span's edge. Otherwise a valve pinned at its stop by an
                // uprate reads "off its band", and that saturation, which says nothing about a fault,
                // confirmed a lone drifting T_WALL's redline (RL-001, issue 16). Only the symptom's
                // expected value is clamped; limit lines keep resolving against expected(θ).
                expected = specs[c].span().clamp(specs[c].expected(theta));
                expectedSensors[c] = expected;
                noise = specs[c].noise();
            } else {
                expected = expectedDerived(c - nS, theta, expectedSensors);
            }
            features.add(ChannelStats.features(channelIds[c], ring[c], oldest, size, period, expected, noise));
        }

        List<SensorHealth> sensorHealth = health.emit(channelIds, size);
        List<LimitBreach> breaches = limits.emit(channelIds);
        List<TrackingCheck> trackingChecks = tracking.emit(period);
        List<PairCheck> pairChecks = pairs.emit(features, phase, history);

        double mainstageSeconds = phase == Phase.MAINSTAGE
                ? tEnd - runStartT - profile.phase().mainstageAfterSeconds() : 0;
        List<Deviation> symptoms = deviations.emit(features, phase, history);
        boolean commandOff = false;
        for (Deviation d : symptoms) {
            commandOff |= d.command() && !d.normal();
        }
        double steadySeconds = 0;
        if (phase == Phase.MAINSTAGE) {
            if (Math.abs(thetaRate) > profile.symptoms().steadyThetaRate() || commandOff) {
                lastUnsteadyT = tEnd;
            }
            double since = Double.isNaN(lastUnsteadyT) ? mainstageSeconds : tEnd - lastUnsteadyT;
            steadySeconds = Math.max(0, Math.min(mainstageSeconds, since));
        } else {
            lastUnsteadyT = Double.NaN;
        }

        return new WindowSnapshot(windowIndex++, tStart, tEnd, theta, thetaRate, phase, mainstageSeconds, steadySeconds,
                features, sensorHealth, breaches, trackingChecks, pairChecks, symptoms, signals.features(history));
    }

    private double expectedDerived(int d, double theta, double[] expectedSensors) {
        DerivedQuantity dq = derived[d];
        if (dq.hasOwnExpectation()) {
            double k = dq.k() == null ? 0 : dq.k();
            return k == 0 ? dq.nominal() : dq.nominal() * Math.pow(Math.max(theta, 0), k);
        }
        ToDoubleFunction<String> lookup = id -> {
            int idx = channelIndex.get(id);
            return idx < nS ? expectedSensors[idx] : Double.NaN;
        };
        double v = dq.expression().evaluate(lookup);
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
