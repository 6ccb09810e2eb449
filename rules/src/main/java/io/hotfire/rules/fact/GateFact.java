package io.hotfire.rules.fact;

import java.util.List;

/**
 * What the out-of-distribution gate says of this window (inserted by the pipeline's router when a
 * learned model is loaded): whether the pattern lies outside the distribution the learned parts
 * were validated on, for how long, and which features make it unusual.
 *
 * @param ood         outside the validated distribution (after the gate's persistence)
 * @param oodSeconds  how long it has been outside, up to this window
 * @param pValue      the window's conformal p-value
 * @param threshold   the score threshold at α
 * @param topFeatures the features contributing most, strongest first (e.g. {@code relMean(N_TP)})
 * @param model       the learned model's version
 */
public record GateFact(boolean ood, double oodSeconds, double pValue, double threshold, List<String> topFeatures,
                       String model) {

    public GateFact {
        topFeatures = List.copyOf(topFeatures);
    }
}
