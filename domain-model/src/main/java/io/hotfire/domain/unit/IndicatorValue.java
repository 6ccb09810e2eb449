package io.hotfire.domain.unit;

/**
 * One indicator of one run: a value, or missing with the reason — never a zero standing in for
 * "could not be computed".
 *
 * @param indicator     indicator id
 * @param value         the mean at the matched operating point, or null when missing
 * @param missingReason why there is no value, or null when there is one
 * @param samples       samples averaged (0 when missing)
 * @param fromT         run time of the first sample averaged, or null
 * @param toT           run time of the last sample averaged, or null
 */
public record IndicatorValue(String indicator, Double value, String missingReason, int samples, Double fromT, Double toT) {

    public IndicatorValue {
        if ((value == null) == (missingReason == null)) {
            throw new IllegalArgumentException("an indicator has either a value or a missing reason");
        }
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException("indicator " + indicator + " value must be finite, got " + value);
        }
    }

    public static IndicatorValue of(String indicator, double value, int samples, double fromT, double toT) {
        return new IndicatorValue(indicator, value, null, samples, fromT, toT);
    }

    public static IndicatorValue missing(String indicator, String reason) {
        return new IndicatorValue(indicator, null, reason, 0, null, null);
    }

    public boolean isMissing() {
        return value == null;
    }
}
