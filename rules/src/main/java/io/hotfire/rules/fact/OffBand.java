package io.hotfire.rules.fact;

/**
 * A symptom: a measured channel outside its band around expected(θ), read by a sensor that is not
 * disqualified (SY-001). Rules that ask "has another channel left its band?" match this fact
 * instead of nesting {@code Deviation(...) and not Disqualified(...)} inside {@code exists}/{@code not},
 * which would build a Drools subnetwork (see {@code RuleNetworkTest}).
 */
public record OffBand(String channel) {
}
