package io.hotfire.domain.diagnosis;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.observation.ObservationFact;
import io.hotfire.domain.telemetry.Frame;
import java.util.List;

/**
 * The per-run diagnosis pipeline: frames in, events out. One instance per run, fed in sequence
 * order by one thread at a time. Implementations cut windows, extract evidence and run the rules.
 */
public interface RunMonitor extends AutoCloseable {

    /** Feeds one frame; returns the events concluded at windows this frame closed (often none). */
    List<Event> accept(Frame frame);

    /**
     * Replaces the accepted observations of the run that the rules may use as evidence from the next
     * window on (an empty list: none). Monitors whose rules read no observations ignore them.
     */
    default void observations(List<ObservationFact> accepted) {
    }

    /** Version of the rule set and profile this monitor decides with (content hash). */
    String ruleSetVersion();

    @Override
    void close();
}
