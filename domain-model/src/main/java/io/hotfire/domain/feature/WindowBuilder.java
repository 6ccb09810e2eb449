package io.hotfire.domain.feature;

import io.hotfire.domain.profile.DerivedQuantity;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Limit;
import io.hotfire.domain.profile.LimitLevel;
import io.hotfire.domain.profile.LimitSide;
import io.hotfire.domain.profile.RedundancyPair;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.profile.TrackingLimit;
import io.hotfire.domain.telemetry.Frame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Cuts one run's sample stream into sliding windows and computes, per window, the features of
 * every channel (sensors and derived quantities) and the raw evidence sensor validation and
 * limit rules need: dead/frozen/spike counts, consecutive samples beyond each limit line, valve
 * tracking errors and redundant-pair agreement. Streaming and allocation-light: state carries
 * across windows so persistence (e.g. 3 consecutive samples) is exact at window borders.
 *
 * <p>Not thread-safe: one instance per run, fed in sample order.
 */
public final class WindowBuilder {

    private static final LimitLevel[] LEVELS = LimitLevel.values();
    private static final LimitSide[] SIDES = LimitSide.values();

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
    /** The nominal cycle, or null; per sensor covered by it, its value at each sample of the window ring. */
    private final io.hotfire.domain.profile.NominalCycle template;
    private final double[][] tplRing;

    // Ring buffers: [channel][slot]; dead/missing samples are NaN.
    private final double[][] ring;
    private final double[] tRing;
    private final double[] thetaRing;
    private final boolean[][] deadRing;
    private int head;
    private long samples;
    private int sinceEmit;
    private long windowIndex;

    // Per-sensor streaming state.
    private final double[] prev;
    private final double[] prev2;
    private final int[] unchangedRun;
    private final int[] deadRun;
    private final double[] lastDead;
    private final java.util.ArrayDeque<Double>[] spikeTimes;
    private final double[] localNoise;
    private final int[] deadInWindow;
    private final double[] spikeThreshold;

    // Per sensor, per limit line [sensor][level*2+side].
    private final int[][] limitRun;
    private final int[][] limitMaxRun;
    private final double[][] limitPeak;
    private final double[][] limitLastValue;
    private final double[][] limitRunStart;
    private final double[][] limitMaxRunStart;

    // Tracking limits: [i][0=warn,1=red] current run and window max, in samples.
    private final TrackingLimit[] tracking;
    private final int[][] trackIdx;
    private final int[][] trackRun;
    private final int[][] trackMaxRun;
    private final double[] trackMaxError;
    private final double[][] commandHistory;
    private int commandHead;

    private final RedundancyPair[] pairs;
    private final int[][] pairIdx;
    private final int[] pairEstimateIdx;
    private final int[] pairWindows;
    private final double[] pairOnsetLast;
    /** Last {@link #HISTORY_SECONDS} of every sensor and of every pair difference, for step detection. */
    private final double[][] history;
    private final double[][] pairHistory;
    private int historyHead;
    private final int historyLength;

    /** How far back a step in a sensor or a pair difference is looked for. */
    public static final double HISTORY_SECONDS = 6.0;
    private static final int STEP_SMOOTHING = 3;

    private double runStartT = Double.NaN;
    private double lastUnsteadyT = Double.NaN;
    private final int[] deviationWindows;
    private final double[] onsetLast;
    private final Direction[] deviationDirection;
    private final io.hotfire.domain.profile.Band[] bands;
    private final double[] rates;
    private final boolean[] scheduled;
    private final double[] scratch;
    private final Map<String, Integer> channelIndex = new HashMap<>();
    /** The feature library's features every window carries (the profile's {@code signals:}), and their span in samples. */
    private final io.hotfire.domain.profile.SignalConfig signalConfig;
    private final int signalSpan;

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
        this.deadRing = new boolean[nS][size];
        this.tRing = new double[size];
        this.thetaRing = new double[size];
        this.prev = new double[nS];
        this.prev2 = new double[nS];
        java.util.Arrays.fill(prev, Double.NaN);
        java.util.Arrays.fill(prev2, Double.NaN);
        this.unchangedRun = new int[nS];
        this.deadRun = new int[nS];
        this.lastDead = new double[nS];
        @SuppressWarnings("unchecked")
        java.util.ArrayDeque<Double>[] st = new java.util.ArrayDeque[nS];
        for (int i = 0; i < nS; i++) {
            st[i] = new java.util.ArrayDeque<>();
        }
        this.spikeTimes = st;
        this.localNoise = new double[nS];
        this.deadInWindow = new int[nS];
        this.spikeThreshold = new double[nS];
        var v = profile.validation();
        for (int i = 0; i < nS; i++) {
            spikeThreshold[i] = Math.max(v.spikeSigma() * specs[i].noise(), v.spikeSpanFraction() * specs[i].span().width());
        }
        this.limitRun = new int[nS][4];
        this.limitMaxRun = new int[nS][4];
        this.limitPeak = new double[nS][4];
        for (double[] p : limitPeak) {
            java.util.Arrays.fill(p, Double.NaN);
        }
        this.limitLastValue = new double[nS][4];
        this.limitRunStart = new double[nS][4];
        this.limitMaxRunStart = new double[nS][4];

        this.tracking = profile.trackingLimits().toArray(TrackingLimit[]::new);
        this.trackIdx = new int[tracking.length][2];
        for (int i = 0; i < tracking.length; i++) {
            trackIdx[i][0] = profile.indexOf(tracking[i].position());
            trackIdx[i][1] = profile.indexOf(tracking[i].command());
        }
        this.trackRun = new int[tracking.length][2];
        this.trackMaxRun = new int[tracking.length][2];
        this.trackMaxError = new double[tracking.length];
        this.commandHistory = new double[tracking.length][(int) Math.round(TrackingCheck.LOOKBACK_SECONDS * profile.sampleRateHz())];
        for (double[] h : commandHistory) {
            java.util.Arrays.fill(h, Double.NaN);
        }

        this.pairs = profile.redundancyPairs().toArray(RedundancyPair[]::new);
        this.pairIdx = new int[pairs.length][2];
        this.pairEstimateIdx = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            pairIdx[i][0] = profile.indexOf(pairs[i].a());
            pairIdx[i][1] = profile.indexOf(pairs[i].b());
            String est = specs[pairIdx[i][0]].estimate();
            pairEstimateIdx[i] = est == null ? -1 : channelIndex.get(est);
        }
        this.pairWindows = new int[pairs.length];
        this.pairOnsetLast = new double[pairs.length];
        this.historyLength = (int) Math.round(HISTORY_SECONDS * profile.sampleRateHz());
        this.history = new double[nS][historyLength];
        this.pairHistory = new double[pairs.length][historyLength];
        for (double[] h : history) {
            java.util.Arrays.fill(h, Double.NaN);
        }
        for (double[] h : pairHistory) {
            java.util.Arrays.fill(h, Double.NaN);
        }
        this.scratch = new double[n];
        this.signalConfig = profile.signals();
        this.signalSpan = signalConfig.spanSeconds() == 0 ? size
                : Math.min(historyLength, (int) Math.round(signalConfig.spanSeconds() * profile.sampleRateHz()));
        this.deviationWindows = new int[n];
        this.onsetLast = new double[n];
        this.deviationDirection = new Direction[n];
        java.util.Arrays.fill(deviationDirection, Direction.NONE);
        this.bands = new io.hotfire.domain.profile.Band[n];
        this.rates = new double[n];
        this.scheduled = new boolean[n];
        for (int c = 0; c < n; c++) {
            scheduled[c] = profile.symptoms().scheduledCommands().contains(channelIds[c]);
            bands[c] = profile.symptoms().band(channelIds[c]);
            rates[c] = profile.symptoms().rate(channelIds[c]);
        }
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
            deadRing[i][slot] = dead;
            ring[i][slot] = dead ? Double.NaN : x;
            scratch[i] = dead ? Double.NaN : x;
            if (dead) {
                deadRun[i]++;
                deadInWindow[i]++;
                lastDead[i] = x;
            } else {
                deadRun[i] = 0;
            }
            // Frozen: exactly the same reading again while running, on a channel that has noise.
            if (isRunning && !dead && s.noise() > 0 && x == prev[i]) {
                unchangedRun[i]++;
            } else {
                unchangedRun[i] = 0;
            }
            // Spike: the previous sample jumped away from both neighbours, which agree with each other.
            // The size is judged against the profile noise or the channel's current noise, whichever
            // is larger, so a channel that turned noisy (a real oscillation) does not "spike".
            if (s.noise() > 0 && isRunning && !Double.isNaN(prev[i]) && !Double.isNaN(prev2[i]) && !dead) {
                double th = Math.max(spikeThreshold[i], profile.validation().spikeSigma() * localNoise[i]);
                if (Math.abs(prev[i] - prev2[i]) > th && Math.abs(prev[i] - x) > th && Math.abs(x - prev2[i]) < th / 2) {
                    spikeTimes[i].addLast(t - period);
                } else {
                    // Successive differences of a Gaussian channel have σ√2; the mean |Δ| is σ·2/√π.
                    double est = Math.abs(x - prev[i]) * Math.sqrt(Math.PI) / 2 / Math.sqrt(2);
                    localNoise[i] = localNoise[i] == 0 ? est : 0.98 * localNoise[i] + 0.02 * est;
                }
            }
            while (!spikeTimes[i].isEmpty() && spikeTimes[i].peekFirst() < t - profile.validation().spikeMemorySeconds()) {
                spikeTimes[i].removeFirst();
            }
            prev2[i] = prev[i];
            prev[i] = dead ? Double.NaN : x;

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
        historyHead = (historyHead + 1) % historyLength;
        for (int i = 0; i < nS; i++) {
            history[i][historyHead] = scratch[i];
        }
        for (int i = 0; i < pairs.length; i++) {
            pairHistory[i][historyHead] = scratch[pairIdx[i][0]] - scratch[pairIdx[i][1]];
        }
        for (int d = 0; d < nD; d++) {
            double val = derivedValue(d, scratch);
            ring[nS + d][slot] = val;
            scratch[nS + d] = val;
        }
        int lookback = (int) Math.round(TrackingCheck.LOOKBACK_SECONDS * profile.sampleRateHz());
        commandHead = (commandHead + 1) % lookback;
        for (int i = 0; i < tracking.length; i++) {
            double pos = scratch[trackIdx[i][0]];
            double cmd = scratch[trackIdx[i][1]];
            commandHistory[i][commandHead] = cmd;
            double err = Double.isNaN(pos) || Double.isNaN(cmd) ? Double.NaN : Math.abs(pos - cmd);
            boolean checking = isRunning && !Double.isNaN(err);
            if (checking && err > trackMaxError[i]) {
                trackMaxError[i] = err;
            }
            trackRun[i][0] = checking && err > tracking[i].warnDelta() ? trackRun[i][0] + 1 : 0;
            trackRun[i][1] = checking && err > tracking[i].redDelta() ? trackRun[i][1] + 1 : 0;
            trackMaxRun[i][0] = Math.max(trackMaxRun[i][0], trackRun[i][0]);
            trackMaxRun[i][1] = Math.max(trackMaxRun[i][1], trackRun[i][1]);
        }

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
        double thetaRate = slope(thetaRing, oldest);

        double[] expectedSensors = new double[nS];
        List<ChannelFeatures> features = new ArrayList<>(nS + nD);
        for (int c = 0; c < nS + nD; c++) {
            double expected;
            double noise = 0;
            if (c < nS && tplRing[c] != null) {
                // Template residuals: expected = the nominal cycle over the same samples.
                ChannelFeatures f = templateFeatures(c, oldest, specs[c].noise());
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
            features.add(features(c, oldest, expected, noise));
        }

        List<SensorHealth> health = new ArrayList<>(nS);
        for (int i = 0; i < nS; i++) {
            double frozen = unchangedRun[i] * period;
            health.add(new SensorHealth(channelIds[i], deadInWindow[i], size, deadRun[i], frozen, spikeTimes[i].size(),
                    lastDead[i], specs[i].noise() > 0));
            deadInWindow[i] = 0;
        }

        List<LimitBreach> breaches = new ArrayList<>();
        for (int i = 0; i < nS; i++) {
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

        List<TrackingCheck> trackingChecks = new ArrayList<>(tracking.length);
        for (int i = 0; i < tracking.length; i++) {
            TrackingLimit tl = tracking[i];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double c : commandHistory[i]) {
                if (!Double.isNaN(c)) {
                    lo = Math.min(lo, c);
                    hi = Math.max(hi, c);
                }
            }
            trackingChecks.add(new TrackingCheck(tl.id(), tl.position(), tl.command(), trackMaxError[i],
                    trackMaxRun[i][0] * period, trackMaxRun[i][1] * period, tl.warnSeconds(), tl.redSeconds(),
                    hi >= lo ? hi - lo : 0));
            trackMaxRun[i][0] = trackRun[i][0];
            trackMaxRun[i][1] = trackRun[i][1];
            trackMaxError[i] = 0;
        }

        List<PairCheck> pairChecks = new ArrayList<>(pairs.length);
        for (int i = 0; i < pairs.length; i++) {
            ChannelFeatures fa = features.get(pairIdx[i][0]);
            ChannelFeatures fb = features.get(pairIdx[i][1]);
            double diff = Math.abs(fa.mean() - fb.mean());
            double allowed = pairs[i].allowed((fa.mean() + fb.mean()) / 2);
            double ea = Double.NaN;
            double eb = Double.NaN;
            if (pairEstimateIdx[i] >= 0) {
                double est = features.get(pairEstimateIdx[i]).mean();
                if (Double.isFinite(est) && est != 0) {
                    ea = Math.abs(fa.mean() - est) / Math.abs(est);
                    eb = Math.abs(fb.mean() - est) / Math.abs(est);
                }
            }
            // Compared in mainstage only: a relative tolerance means nothing near zero pressure.
            boolean comparable = phase == Phase.MAINSTAGE && fa.hasData() && fb.hasData();
            boolean disagree = comparable && diff > allowed;
            if (disagree && pairWindows[i] == 0) {
                pairOnsetLast[i] = Math.abs(fa.last() - fb.last());
            }
            pairWindows[i] = disagree ? pairWindows[i] + 1 : 0;
            double diffSlope = comparable ? fa.slope() - fb.slope() : 0;
            pairChecks.add(new PairCheck(pairs[i].a(), pairs[i].b(), comparable ? diff : 0, allowed, ea, eb,
                    pairWindows[i], diffSlope, disagree ? pairOnsetLast[i] : Double.NaN,
                    disagree ? largestStep(pairHistory[i]) : Double.NaN));
        }

        double mainstageSeconds = phase == Phase.MAINSTAGE
                ? tEnd - runStartT - profile.phase().mainstageAfterSeconds() : 0;
        List<Deviation> deviations = new ArrayList<>(features.size());
        boolean commandOff = false;
        for (int c = 0; c < features.size(); c++) {
            Deviation d = deviation(c, features.get(c), phase);
            deviations.add(d);
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
                features, health, breaches, trackingChecks, pairChecks, deviations, signals());
    }

    /** The last {@code n} readings of a sensor, oldest first (NaN where dead or before the run's start). */
    private double[] recent(String sensor, int n) {
        double[] h = history[channelIndex.get(sensor)];
        double[] out = new double[n];
        int len = h.length;
        for (int j = 0; j < n; j++) {
            out[j] = h[((historyHead - n + 1 + j) % len + len) % len];
        }
        return out;
    }

    /** The signal features of the profile's {@code signals:} over the last span of readings. */
    private List<SignalFeature> signals() {
        io.hotfire.domain.profile.SignalConfig c = signalConfig;
        if (c.isEmpty()) {
            return List.of();
        }
        double fs = profile.sampleRateHz();
        int n = signalSpan;
        Map<String, double[]> spans = new HashMap<>();
        java.util.function.Function<String, double[]> whole = id -> spans.computeIfAbsent(id, k -> recent(k, n));
        int after = (int) Math.round(c.stepAfterSeconds() * fs);
        // Aligned: the `after` samples from the channel's largest step (found where a full `after` follows it).
        Map<String, Integer> steps = new HashMap<>();
        java.util.function.Function<String, Integer> stepOf = id -> steps.computeIfAbsent(
                c.alignToStep() && c.alignChannel() != null ? c.alignChannel() : id, k -> {
                    double[] x = whole.apply(k);
                    return io.hotfire.domain.signal.Signals.largestStep(java.util.Arrays.copyOf(x, n - after),
                            c.alignToStep() ? c.alignDirection() : 0);
                });
        java.util.function.BiFunction<String, String, double[]> stretch = (id, alignedTo) -> {
            double[] x = whole.apply(id);
            if (!c.alignToStep()) {
                return x;
            }
            int at = stepOf.apply(alignedTo);
            if (at < 0) {
                double[] none = new double[after];
                java.util.Arrays.fill(none, Double.NaN);
                return none;
            }
            return java.util.Arrays.copyOfRange(x, at, at + after);
        };
        java.util.function.Function<String, double[]> span = id -> stretch.apply(id, id);
        List<SignalFeature> out = new ArrayList<>(c.names().size());
        for (String ch : c.peakToPeak()) {
            out.add(new SignalFeature(ch + ".peakToPeak", ch, "peakToPeak", io.hotfire.domain.signal.Signals.peakToPeak(span.apply(ch))));
        }
        for (String ch : c.bandPowerChannels()) {
            for (io.hotfire.domain.profile.Range b : c.bands()) {
                out.add(new SignalFeature(io.hotfire.domain.profile.SignalConfig.bandName(ch, b), ch, "bandPower",
                        io.hotfire.domain.signal.Signals.bandPower(span.apply(ch), fs, b.low(), b.high())));
            }
        }
        for (String ch : c.dominantChannels()) {
            out.add(new SignalFeature(ch + ".dominantFrequency", ch, "dominantFrequency",
                    io.hotfire.domain.signal.Signals.dominantFrequency(span.apply(ch), fs, c.dominantBand().low(),
                            c.dominantBand().high())));
        }
        for (String ch : c.stepChannels()) {
            double[] x = whole.apply(ch);
            io.hotfire.domain.signal.Signals.StepResponse r;
            if (after > 0) {
                // The step is searched where a full `after` of response follows it, and measured over that stretch.
                int at = stepOf.apply(ch);
                r = io.hotfire.domain.signal.Signals.stepResponse(new double[0], fs, c.settle(), c.minStep());
                if (at >= 0) {
                    double[] resp = java.util.Arrays.copyOfRange(x, Math.max(0, at - 3), at + after);
                    r = io.hotfire.domain.signal.Signals.stepResponse(resp, fs, c.settle(), c.minStep(), Math.min(3, at));
                }
            } else {
                r = io.hotfire.domain.signal.Signals.stepResponse(x, fs, c.settle(), c.minStep());
            }
            out.add(new SignalFeature(ch + ".stepAmplitude", ch, "stepAmplitude", r.amplitude()));
            out.add(new SignalFeature(ch + ".riseTime", ch, "riseTime", r.riseTime()));
            out.add(new SignalFeature(ch + ".overshoot", ch, "overshoot", r.overshoot()));
            out.add(new SignalFeature(ch + ".settlingTime", ch, "settlingTime", r.settlingTime()));
            out.add(new SignalFeature(ch + ".oscillations", ch, "oscillations", r.found() ? r.oscillations() : Double.NaN));
        }
        for (List<String> p : c.delayPairs()) {
            out.add(new SignalFeature(io.hotfire.domain.profile.SignalConfig.delayName(p.get(0), p.get(1)),
                    p.get(0) + ":" + p.get(1), "delay",
                    io.hotfire.domain.signal.Signals.delay(stretch.apply(p.get(0), p.get(0)), stretch.apply(p.get(1), p.get(0)), fs,
                            c.maxLagSeconds())));
        }
        if (!c.normal().isEmpty()) {
            for (int k = 0; k < out.size(); k++) {
                SignalFeature f = out.get(k);
                io.hotfire.domain.profile.Range r = c.normalRange(f.name());
                if (r != null) {
                    out.set(k, new SignalFeature(f.name(), f.channel(), f.kind(), f.value(), r.low(), r.high()));
                }
            }
        }
        return out;
    }

    private Deviation deviation(int c, ChannelFeatures f, Phase phase) {
        double band = bands[c].halfWidth(f.expected(), f.noise(), f.valid());
        Direction dir = Direction.NONE;
        if (phase == Phase.MAINSTAGE && f.hasData() && Double.isFinite(f.expected())) {
            if (f.mean() > f.expected() + band) {
                dir = Direction.UP;
            } else if (f.mean() < f.expected() - band) {
                dir = Direction.DOWN;
            }
        }
        if (dir != Direction.NONE && dir == deviationDirection[c]) {
            deviationWindows[c]++;
        } else {
            deviationWindows[c] = dir == Direction.NONE ? 0 : 1;
            onsetLast[c] = f.last();
        }
        deviationDirection[c] = dir;
        Direction fast = Direction.NONE;
        if (phase == Phase.MAINSTAGE && !Double.isNaN(rates[c]) && f.hasData()) {
            if (f.slope() >= rates[c]) {
                fast = Direction.UP;
            } else if (f.slope() <= -rates[c]) {
                fast = Direction.DOWN;
            }
        }
        boolean measured = c < nS && specs[c].noise() > 0;
        double step = measured && dir != Direction.NONE && deviationWindows[c] >= profile.symptoms().persistenceWindows()
                ? largestStep(history[c]) : Double.NaN;
        return new Deviation(f.channel(), dir, f.mean(), f.expected(), band, f.relativeDeviation(),
                deviationWindows[c], f.slope(), fast, measured,
                dir == Direction.NONE ? Double.NaN : onsetLast[c], scheduled[c], step);
    }

    /**
     * The largest change between the means of {@value #STEP_SMOOTHING} consecutive samples and the
     * {@value #STEP_SMOOTHING} before them, over the history: a step (a bias) concentrates its whole
     * size there, a ramp (a drift) spreads it over many samples. Smoothing keeps single-sample noise
     * from looking like a step.
     */
    private double largestStep(double[] ring) {
        int n = ring.length;
        int k = STEP_SMOOTHING;
        double best = 0;
        for (int j = 2 * k; j <= n; j++) {
            double before = 0;
            double after = 0;
            boolean ok = true;
            for (int m = 0; m < k && ok; m++) {
                double b = ring[(historyHead + 1 + j - 2 * k + m) % n];
                double a = ring[(historyHead + 1 + j - k + m) % n];
                ok = !Double.isNaN(a) && !Double.isNaN(b);
                before += b;
                after += a;
            }
            if (ok) {
                best = Math.max(best, Math.abs(after - before) / k);
            }
        }
        return best;
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

    private ChannelFeatures features(int c, int oldest, double expected, double noise) {
        double[] r = ring[c];
        int valid = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last = Double.NaN;
        for (int j = 0; j < size; j++) {
            double x = r[(oldest + j) % size];
            if (Double.isNaN(x)) {
                continue;
            }
            valid++;
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            last = x;
        }
        if (valid == 0) {
            return new ChannelFeatures(channelIds[c], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0, size, expected, noise);
        }
        double mean = sum / valid;
        double ss = 0;
        for (int j = 0; j < size; j++) {
            double x = r[(oldest + j) % size];
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double std = valid > 1 ? Math.sqrt(ss / (valid - 1)) : 0;
        return new ChannelFeatures(channelIds[c], mean, std, slope(r, oldest), min, max, last, valid, size, expected, noise);
    }

    /**
     * Features of a sensor the nominal cycle covers: mean, min, max and last as read; expected = the
     * template's mean over the valid samples; std and slope of the residual (reading − template), so a
     * spread or a trend is one the normal cycle does not have.
     */
    private ChannelFeatures templateFeatures(int c, int oldest, double noise) {
        double[] r = ring[c];
        double[] tp = tplRing[c];
        double[] res = new double[size];
        int valid = 0;
        double sum = 0;
        double tsum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last = Double.NaN;
        for (int j = 0; j < size; j++) {
            int k = (oldest + j) % size;
            double x = r[k];
            double e = tp[k];
            if (Double.isNaN(x) || Double.isNaN(e)) {
                res[k] = Double.NaN;
                continue;
            }
            res[k] = x - e;
            valid++;
            sum += x;
            tsum += e;
            min = Math.min(min, x);
            max = Math.max(max, x);
            last = x;
        }
        if (valid == 0) {
            return new ChannelFeatures(channelIds[c], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0, size, Double.NaN, noise);
        }
        double mean = sum / valid;
        double rm = (sum - tsum) / valid;
        double ss = 0;
        for (double d : res) {
            if (!Double.isNaN(d)) {
                ss += (d - rm) * (d - rm);
            }
        }
        double std = valid > 1 ? Math.sqrt(ss / (valid - 1)) : 0;
        return new ChannelFeatures(channelIds[c], mean, std, slope(res, oldest), min, max, last, valid, size, tsum / valid, noise);
    }

    /** Least-squares slope per second over the valid samples of a ring, oldest first. */
    private double slope(double[] r, int oldest) {
        double n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int j = 0; j < size; j++) {
            double y = r[(oldest + j) % size];
            if (Double.isNaN(y)) {
                continue;
            }
            double x = j * period;
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double den = n * sxx - sx * sx;
        return n < 2 || den == 0 ? 0 : (n * sxy - sx * sy) / den;
    }
}
