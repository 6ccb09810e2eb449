package io.hotfire.domain.feature;

/**
 * Raw sensor-validation evidence for one sensor over one window; the rules decide what it means.
 *
 * @param sensor         sensor id
 * @param dead           samples in the window that were missing, NaN or outside the span
 * @param count          samples in the window
 * @param deadRun        consecutive dead samples up to the window's end
 * @param frozenSeconds  how long the value has been exactly unchanged, up to the window's end, while running
 * @param spikes         isolated single-sample excursions in the profile's spike memory (seconds) up to the window's end
 * @param lastDeadValue  the last dead reading (NaN for a missing one)
 * @param checkable      whether the channel carries noise (commands are legitimately constant)
 */
public record SensorHealth(
        String sensor,
        int dead,
        int count,
        int deadRun,
        double frozenSeconds,
        int spikes,
        double lastDeadValue,
        boolean checkable) {
}
