package io.hotfire.domain.feature;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.domain.profile.SignalConfig;
import io.hotfire.domain.signal.Signals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The feature library's features every window carries (the profile's {@code signals:}): peak to
 * peak, band power, dominant frequency, step response and delays, measured over the last span of
 * readings in the {@link SampleHistory}, aligned to a step where the profile asks for it.
 */
final class SignalWindow {

    private final SignalConfig c;
    private final double fs;
    private final Map<String, Integer> channelIndex;
    /** The span in samples. */
    private final int span;

    SignalWindow(EngineProfile profile, Map<String, Integer> channelIndex, int windowSize, int historyLength) {
        this.c = profile.signals();
        this.fs = profile.sampleRateHz();
        this.channelIndex = channelIndex;
        this.span = c.spanSeconds() == 0 ? windowSize
                : Math.min(historyLength, (int) Math.round(c.spanSeconds() * profile.sampleRateHz()));
    }

    /** The signal features over the last span of readings. */
    List<SignalFeature> features(SampleHistory history) {
        if (c.isEmpty()) {
            return List.of();
        }
        int n = span;
        Map<String, double[]> spans = new HashMap<>();
        Function<String, double[]> whole = id -> spans.computeIfAbsent(id, k -> history.recent(channelIndex.get(k), n));
        int after = (int) Math.round(c.stepAfterSeconds() * fs);
        // Aligned: the `after` samples from the channel's largest step (found where a full `after` follows it).
        Map<String, Integer> steps = new HashMap<>();
        Function<String, Integer> stepOf = id -> steps.computeIfAbsent(
                c.alignToStep() && c.alignChannel() != null ? c.alignChannel() : id, k -> {
                    double[] x = whole.apply(k);
                    return Signals.largestStep(Arrays.copyOf(x, n - after), c.alignToStep() ? c.alignDirection() : 0);
                });
        BiFunction<String, String, double[]> stretch = (id, alignedTo) -> {
            double[] x = whole.apply(id);
            if (!c.alignToStep()) {
                return x;
            }
            int at = stepOf.apply(alignedTo);
            if (at < 0) {
                double[] none = new double[after];
                Arrays.fill(none, Double.NaN);
                return none;
            }
            return Arrays.copyOfRange(x, at, at + after);
        };
        Function<String, double[]> span = id -> stretch.apply(id, id);
        List<SignalFeature> out = new ArrayList<>(c.names().size());
        for (String ch : c.peakToPeak()) {
            out.add(new SignalFeature(ch + ".peakToPeak", ch, "peakToPeak", Signals.peakToPeak(span.apply(ch))));
        }
        for (String ch : c.bandPowerChannels()) {
            for (Range b : c.bands()) {
                out.add(new SignalFeature(SignalConfig.bandName(ch, b), ch, "bandPower",
                        Signals.bandPower(span.apply(ch), fs, b.low(), b.high())));
            }
        }
        for (String ch : c.dominantChannels()) {
            out.add(new SignalFeature(ch + ".dominantFrequency", ch, "dominantFrequency",
                    Signals.dominantFrequency(span.apply(ch), fs, c.dominantBand().low(), c.dominantBand().high())));
        }
        for (String ch : c.stepChannels()) {
            double[] x = whole.apply(ch);
            Signals.StepResponse r;
            if (after > 0) {
                // The step is searched where a full `after` of response follows it, and measured over that stretch.
                int at = stepOf.apply(ch);
                r = Signals.stepResponse(new double[0], fs, c.settle(), c.minStep());
                if (at >= 0) {
                    double[] resp = Arrays.copyOfRange(x, Math.max(0, at - 3), at + after);
                    r = Signals.stepResponse(resp, fs, c.settle(), c.minStep(), Math.min(3, at));
                }
            } else {
                r = Signals.stepResponse(x, fs, c.settle(), c.minStep());
            }
            out.add(new SignalFeature(ch + ".stepAmplitude", ch, "stepAmplitude", r.amplitude()));
            out.add(new SignalFeature(ch + ".riseTime", ch, "riseTime", r.riseTime()));
            out.add(new SignalFeature(ch + ".overshoot", ch, "overshoot", r.overshoot()));
            out.add(new SignalFeature(ch + ".settlingTime", ch, "settlingTime", r.settlingTime()));
            out.add(new SignalFeature(ch + ".oscillations", ch, "oscillations", r.found() ? r.oscillations() : Double.NaN));
        }
        for (List<String> p : c.delayPairs()) {
            out.add(new SignalFeature(SignalConfig.delayName(p.get(0), p.get(1)), p.get(0) + ":" + p.get(1), "delay",
                    Signals.delay(stretch.apply(p.get(0), p.get(0)), stretch.apply(p.get(1), p.get(0)), fs,
                            c.maxLagSeconds())));
        }
        for (String ch : c.dipChannels()) {
            // The slot in samples: after the aligned step (the channel's own, or the align channel's), else the span's start.
            int origin = 0;
            if (c.alignToStep()) {
                origin = stepOf.apply(ch);
            }
            double v = Double.NaN;
            double f = Double.NaN;
            if (origin >= 0) {
                int from = origin + (int) Math.round(c.dipSlot().low() * fs);
                int to = origin + (int) Math.round(c.dipSlot().high() * fs);
                v = Signals.dip(whole.apply(ch), from, to);
                f = Signals.front(whole.apply(ch), from, to);
            }
            out.add(new SignalFeature(ch + ".dip", ch, "dip", v));
            out.add(new SignalFeature(ch + ".front", ch, "front", f));
        }
        if (!c.normal().isEmpty()) {
            for (int k = 0; k < out.size(); k++) {
                SignalFeature f = out.get(k);
                Range r = c.normalRange(f.name());
                if (r != null) {
                    out.set(k, new SignalFeature(f.name(), f.channel(), f.kind(), f.value(), r.low(), r.high()));
                }
            }
        }
        return out;
    }
}
