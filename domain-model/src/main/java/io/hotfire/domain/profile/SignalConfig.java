package io.hotfire.domain.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * Which signal features (the feature library, {@code io.hotfire.domain.signal.Signals}) every
 * window carries, from the profile's {@code signals:} section. Each is computed over the last
 * {@code spanSeconds} of the sensor's readings up to the window's end, and appears on the window
 * as a {@code SignalFeature} fact named {@code CHANNEL.kind} (rules can match it; the domain's
 * {@code learned.yaml} picks which of them the gate and the pattern model see). Empty by default:
 * a profile without {@code signals:} computes nothing and behaves as before.
 *
 * @param spanSeconds       seconds of history each feature sees (0 = the window itself)
 * @param peakToPeak        channels whose largest − smallest reading is a feature
 * @param bandPowerChannels channels whose power in each of {@code bands} is a feature
 * @param bands             frequency bands in Hz, [low, high)
 * @param dominantChannels  channels whose strongest frequency in {@code dominantBand} is a feature
 * @param dominantBand      the band searched for the dominant frequency
 * @param stepChannels      channels whose response to the largest step in the span is measured
 * @param stepAfterSeconds  how long after the step the response is measured (the step is searched before that)
 * @param settle            settling band as a fraction of the step's amplitude
 * @param minStep           smallest step (unit) worth measuring; smaller: no value
 * @param delayPairs        channel pairs whose delay (lag of the largest cross-correlation) is a feature
 * @param maxLagSeconds     largest delay searched
 * @param alignToStep       peak-to-peak, band power, dominant frequency and delays are computed over the
 *                          {@code stepAfterSeconds} that follow the largest step of the channel (of a pair's
 *                          first channel) instead of the whole span: the transient after a valve event, at
 *                          the same point of it whatever the window's position
 * @param alignChannel      with {@code alignToStep}: every channel is aligned to this channel's step (a command,
 *                          or the sensor that sees the event first) instead of its own; null = its own
 * @param alignDirection    the step searched for alignment: +1 up, −1 down, 0 either
 * @param normal            normal ranges of some features by name (evidence for rules: {@code SignalFeature.offRange()})
 * @param dipChannels       channels whose dip in {@code dipSlot} and the depth of its front are features
 *                          ({@code CHANNEL.dip}, {@code CHANNEL.front})
 * @param dipSlot           the slot in seconds, [from, to): after the aligned step when aligned, else from the span's start
 */
public record SignalConfig(double spanSeconds, List<String> peakToPeak, List<String> bandPowerChannels, List<Range> bands,
                           List<String> dominantChannels, Range dominantBand, List<String> stepChannels,
                           double stepAfterSeconds, double settle, double minStep, List<List<String>> delayPairs,
                           double maxLagSeconds, boolean alignToStep, String alignChannel, int alignDirection,
                           java.util.Map<String, Range> normal, List<String> dipChannels, Range dipSlot) {

    public static final SignalConfig NONE = new SignalConfig(0, List.of(), List.of(), List.of(), List.of(), null, List.of(),
            0, 0.05, 0, List.of(), 0, false, null, 0, java.util.Map.of(), List.of(), null);

    public SignalConfig {
        peakToPeak = List.copyOf(peakToPeak);
        bandPowerChannels = List.copyOf(bandPowerChannels);
        bands = List.copyOf(bands);
        dominantChannels = List.copyOf(dominantChannels);
        stepChannels = List.copyOf(stepChannels);
        delayPairs = delayPairs.stream().map(List::copyOf).toList();
        normal = java.util.Map.copyOf(normal);
        dipChannels = List.copyOf(dipChannels);
    }

    /** The feature's normal range, or null. */
    public Range normalRange(String name) {
        return normal.get(name);
    }

    public boolean isEmpty() {
        return names().isEmpty();
    }

    /** Name of a band's power feature: {@code P1.bandPower_5_30} for [5, 30) Hz. */
    public static String bandName(String channel, Range band) {
        return channel + ".bandPower_" + num(band.low()) + "_" + num(band.high());
    }

    /** Name of a pair's delay feature: {@code P1:P3.delay} (positive: P3 follows P1). */
    public static String delayName(String a, String b) {
        return a + ":" + b + ".delay";
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v).replace('.', 'p');
    }

    /** Kinds of the step response, each a feature {@code CHANNEL.kind}. */
    public static final List<String> STEP_KINDS = List.of("stepAmplitude", "riseTime", "overshoot", "settlingTime",
            "oscillations");

    /** Every feature's name, in the order windows carry them. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        peakToPeak.forEach(c -> out.add(c + ".peakToPeak"));
        for (String c : bandPowerChannels) {
            bands.forEach(b -> out.add(bandName(c, b)));
        }
        dominantChannels.forEach(c -> out.add(c + ".dominantFrequency"));
        for (String c : stepChannels) {
            STEP_KINDS.forEach(k -> out.add(c + "." + k));
        }
        delayPairs.forEach(p -> out.add(delayName(p.get(0), p.get(1))));
        dipChannels.forEach(c -> {
            out.add(c + ".dip");
            out.add(c + ".front");
        });
        return out;
    }
}
