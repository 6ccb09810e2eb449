package io.hotfire.app.llm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.event.EventStore;
import io.hotfire.app.event.EventView;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunService;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.llm.diagnosis.Diagnosis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run's stored events as the bridge's {@link Diagnosis}: the whole run, or one finding with its
 * context. The route is the latest ROUTE event's (at the finding's time for a finding); a run
 * without ROUTE events counts as out of distribution, so the rules are authoritative.
 */
@ApplicationScoped
public class RunDiagnoses {

    /** Events read for one explanation at most. */
    static final int MAX_EVENTS = 100_000;

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    RunService runs;

    @Inject
    EventStore events;

    @Inject
    ObjectMapper json;

    /** A diagnosis with the engine it was made by. */
    public record Loaded(String engine, Diagnosis diagnosis, Long findingId, int eventCount, long lastEventId) {
    }

    /** The whole run, or with {@code findingId} the finding with that event id and its context. */
    @Transactional
    public Loaded load(UUID runId, Long findingId) {
        String engine = runs.require(runId).engine;
        List<EventView> views = events.list(runId, null, null, MAX_EVENTS);
        List<Event> all = new ArrayList<>(views.size());
        Event focus = null;
        long lastId = -1;
        for (EventView v : views) {
            lastId = Math.max(lastId, v.id());
            Event e = toEvent(v);
            all.add(e);
            if (findingId != null && v.id() == findingId) {
                focus = e;
            }
        }
        if (findingId == null) {
            return new Loaded(engine, Diagnosis.ofRun(all), null, views.size(), lastId);
        }
        if (focus == null) {
            throw ProblemException.notFound("event on run " + runId, String.valueOf(findingId)).with("field", "finding");
        }
        if (focus.type() != EventType.FINDING && focus.type() != EventType.ABORT) {
            throw ProblemException.badRequest("not-a-finding", "Not a finding",
                    "event " + findingId + " is a " + focus.type() + " event; explanations are of FINDING and ABORT events")
                    .with("field", "finding");
        }
        return new Loaded(engine, Diagnosis.ofFinding(focus, all), findingId, views.size(), lastId);
    }

    private Event toEvent(EventView v) {
        Map<String, Object> evidence = v.evidence() == null || v.evidence().isNull() ? Map.of() : json.convertValue(v.evidence(), MAP);
        return new Event(v.t(), EventType.valueOf(v.type()), v.code(), Severity.valueOf(v.severity()), v.sensor(), v.rules(),
                v.message(), evidence);
    }
}
