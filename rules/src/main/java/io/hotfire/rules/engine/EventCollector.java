package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import java.util.List;

/**
 * Turns the settled working memory of one window into the events of one kind. A collector holds what
 * it has announced in the run so far, so that it reports changes (raised, cleared, disqualified,
 * latched), not states; the rules behind each event come from the facts' origins.
 */
interface EventCollector {

    /** The events of this kind that the window ending at {@code t} causes, in a stable order. */
    List<Event> collect(WorkingMemory memory, double t);
}
