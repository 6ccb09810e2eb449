package io.hotfire.learned.feature;

import io.hotfire.domain.feature.ChannelFeatures;
import io.hotfire.domain.feature.WindowSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a window into the numbers of a feature list, in list order; {@code NaN} marks a missing
 * value (a channel the window lacks, or one without valid samples; a signal feature the window
 * does not carry or could not compute). Channels are found by id; the
 * positions are learned from the first window and re-checked on every window, so the extractor
 * needs no profile. Thread-safe.
 */
public final class FeatureExtractor {

    private final List<Feature> features;
    private volatile int[] positions;

    public FeatureExtractor(List<Feature> features) {
        this.features = List.copyOf(features);
    }

    public List<Feature> features() {
        return features;
    }

    public int size() {
        return features.size();
    }

    /** The feature values of one window. */
    public double[] extract(WindowSnapshot w) {
        List<ChannelFeatures> channels = w.channels();
        int[] pos = positions;
        if (pos == null || !matches(pos, channels)) {
            pos = locate(channels);
            positions = pos;
        }
        double[] out = new double[features.size()];
        for (int i = 0; i < out.length; i++) {
            Feature f = features.get(i);
            if (f.statistic() == Statistic.SIGNAL) {
                out[i] = w.signal(f.channel());
                continue;
            }
            out[i] = pos[i] < 0 ? Double.NaN : f.statistic().of(channels.get(pos[i]));
        }
        return out;
    }

    private boolean matches(int[] pos, List<ChannelFeatures> channels) {
        for (int i = 0; i < pos.length; i++) {
            int p = pos[i];
            if (p < 0 || p >= channels.size() || !channels.get(p).channel().equals(features.get(i).channel())) {
                return false;
            }
        }
        return true;
    }

    private int[] locate(List<ChannelFeatures> channels) {
        Map<String, Integer> index = new HashMap<>(channels.size() * 2);
        for (int i = 0; i < channels.size(); i++) {
            index.put(channels.get(i).channel(), i);
        }
        int[] pos = new int[features.size()];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = index.getOrDefault(features.get(i).channel(), -1);
        }
        return pos;
    }
}
