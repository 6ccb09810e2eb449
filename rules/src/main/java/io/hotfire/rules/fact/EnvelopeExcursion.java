package io.hotfire.rules.fact;

/**
 * The engine is being run outside a qualified operating range in this window (a logical fact of
 * RT-003 / RT-004). Outside its qualified envelope the θ-model bands were never validated, so an
 * off-band channel there is not by itself an unexplained anomaly.
 *
 * @param quantity {@link QualifiedRange#THETA} or the condition channel
 * @param value    the power level θ or the channel's window mean
 */
public record EnvelopeExcursion(String quantity, double value, double low, double high) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s %.3g outside qualified [%.3g, %.3g]", quantity, value, low, high);
    }
}
