package io.hotfire.domain.feature;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.RedundancyPair;
import io.hotfire.domain.profile.SensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Redundant-pair evidence of one run: per pair, how far its two sensors' window means lie apart
 * against the tolerance, each one's error against an estimate where the profile names one, and for
 * how many windows in a row they disagreed.
 */
final class PairTracker {

    private final RedundancyPair[] pairs;
    /** Per pair, the feature indices of its sensors a and b. */
    final int[][] idx;
    private final int[] estimateIdx;
    private final int[] windows;
    private final double[] onsetLast;

    PairTracker(EngineProfile profile, SensorSpec[] specs, Map<String, Integer> channelIndex) {
        this.pairs = profile.redundancyPairs().toArray(RedundancyPair[]::new);
        this.idx = new int[pairs.length][2];
        this.estimateIdx = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            idx[i][0] = profile.indexOf(pairs[i].a());
            idx[i][1] = profile.indexOf(pairs[i].b());
            String est = specs[idx[i][0]].estimate();
            estimateIdx[i] = est == null ? -1 : channelIndex.get(est);
        }
        this.windows = new int[pairs.length];
        this.onsetLast = new double[pairs.length];
    }

    int size() {
        return pairs.length;
    }

    /** The checks of the window just closed, from its channel features. */
    List<PairCheck> emit(List<ChannelFeatures> features, Phase phase, SampleHistory history) {
        List<PairCheck> pairChecks = new ArrayList<>(pairs.length);
        for (int i = 0; i < pairs.length; i++) {
            ChannelFeatures fa = features.get(idx[i][0]);
            ChannelFeatures fb = features.get(idx[i][1]);
            double diff = Math.abs(fa.mean() - fb.mean());
            double allowed = pairs[i].allowed((fa.mean() + fb.mean()) / 2);
            double ea = Double.NaN;
            double eb = Double.NaN;
            if (estimateIdx[i] >= 0) {
                double est = features.get(estimateIdx[i]).mean();
                if (Double.isFinite(est) && est != 0) {
                    ea = Math.abs(fa.mean() - est) / Math.abs(est);
                    eb = Math.abs(fb.mean() - est) / Math.abs(est);
                }
            }
            // Compared in mainstage only: a relative tolerance means nothing near zero pressure.
            boolean comparable = phase == Phase.MAINSTAGE && fa.hasData() && fb.hasData();
            boolean disagree = comparable && diff > allowed;
            if (disagree && windows[i] == 0) {
                onsetLast[i] = Math.abs(fa.last() - fb.last());
            }
            windows[i] = disagree ? windows[i] + 1 : 0;
            double diffSlope = comparable ? fa.slope() - fb.slope() : 0;
            pairChecks.add(new PairCheck(pairs[i].a(), pairs[i].b(), comparable ? diff : 0, allowed, ea, eb,
                    windows[i], diffSlope, disagree ? onsetLast[i] : Double.NaN,
                    disagree ? history.pairStep(i) : Double.NaN));
        }
        return pairChecks;
    }
}
