package io.hotfire.llm.diagnosis;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the explainer and the hypothesis service are given: the events the rules produced for a
 * run (or for one finding and its context) and the route. Without route information a
 * diagnosis counts as out of distribution: the LLM then stays on the rule trace.
 *
 * @param events the events, in run order
 * @param route  the route in force, if known
 * @param focus  the finding this diagnosis is about, or null for a whole run
 */
public record Diagnosis(List<Event> events, Optional<Route> route, Event focus) {

    public Diagnosis {
        events = List.copyOf(events);
        route = route == null ? Optional.empty() : route;
    }

    /** A whole run; the route is the last {@code ROUTE} event's, if any. */
    public static Diagnosis ofRun(List<Event> events) {
        return new Diagnosis(events, lastRoute(events, Double.POSITIVE_INFINITY), null);
    }

    /** A whole run with a route known from elsewhere (the router's current state). */
    public static Diagnosis ofRun(List<Event> events, Route route) {
        return new Diagnosis(events, Optional.ofNullable(route), null);
    }

    /**
     * One finding with its context from the run: the sensor disqualifications, the abort and the
     * recommendation in force at its time, and the route at its time.
     */
    public static Diagnosis ofFinding(Event finding, List<Event> runEvents) {
        List<Event> out = new ArrayList<>();
        Event recommendation = null;
        for (Event e : runEvents) {
            if (e.t() > finding.t() + 1e-9 || e == finding) {
                continue;
            }
            if (e.type() == EventType.SENSOR || e.type() == EventType.ABORT) {
                out.add(e);
            } else if (e.type() == EventType.RECOMMENDATION) {
                recommendation = e;
            }
        }
        out.add(finding);
        if (recommendation != null) {
            out.add(recommendation);
        }
        return new Diagnosis(out, lastRoute(runEvents, finding.t()), finding);
    }

    /** In distribution only when a route says so. */
    public boolean inDistribution() {
        return route.map(Route::inDistribution).orElse(false);
    }

    public List<Event> ofType(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    private static Optional<Route> lastRoute(List<Event> events, double until) {
        Optional<Route> r = Optional.empty();
        for (Event e : events) {
            if (e.type() == EventType.ROUTE && e.t() <= until + 1e-9) {
                Optional<Route> x = Route.fromEvent(e);
                if (x.isPresent()) {
                    r = x;
                }
            }
        }
        return r;
    }
}
