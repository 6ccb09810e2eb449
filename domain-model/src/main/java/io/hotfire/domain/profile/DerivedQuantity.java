package io.hotfire.domain.profile;

/**
 * A quantity computed from channels by an arithmetic expression (mixture ratio, jacket ΔP,
 * Pc from flows, ...). Its expected value is the expression evaluated on the channels'
 * expected values, unless {@code nominal} and {@code k} are given.
 */
public record DerivedQuantity(
        String id,
        String description,
        String unit,
        Expression expression,
        Double nominal,
        Double k) {

    public boolean hasOwnExpectation() {
        return nominal != null;
    }
}
