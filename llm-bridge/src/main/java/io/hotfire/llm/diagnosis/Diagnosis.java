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
public record Diagnosis(List<Event> events, Optional<Route> route, Event focus, List<Route> routes) {

    public Diagnosis {
        events = List.copyOf(events);
        route = route == null ? Optional.empty() : route;
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** Without a route timeline: the route in force is {@code route} at every time. */
    public Diagnosis(List<Event> events, Optional<Route> route, Event focus) {
        this(events, route, focus, List.of());
    }

    /** A whole run; the route is the last {@code ROUTE} event's, if any. */
    public static Diagnosis ofRun(List<Event> events) {
        return new Diagnosis(events, lastRoute(events, Double.POSITIVE_INFINITY), null, routes(events, Double.POSITIVE_INFINITY));
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
        return new Diagnosis(out, lastRoute(runEvents, finding.t()), finding, routes(runEvents, finding.t()));
    }

    /** In distribution only when a route says so. */
    public boolean inDistribution() {
        return route.map(Route::inDistribution).orElse(false);
    }

    /**
     * The route in force at run time {@code t}: the last route decided at or before it, from the
     * timeline when there is one, else {@link #route()}. Empty = unknown = out of distribution.
     */
    public Optional<Route> routeAt(double t) {
        if (routes.isEmpty()) {
            return route;
        }
        Route r = null;
        for (Route x : routes) {
            if (x.t() <= t + 1e-9) {
                r = x;
            }
        }
        return Optional.ofNullable(r);
    }

    /** Whether the gate said in distribution at run time {@code t} (unknown counts as out). */
    public boolean inDistributionAt(double t) {
        return routeAt(t).map(Route::inDistribution).orElse(false);
    }

    /** The id a prompt and a claim use for the event at {@code index}: {@code E1}, {@code E2}, ... */
    public static String eventId(int index) {
        return "E" + (index + 1);
    }

    /** The events by their prompt ids. */
    public java.util.Map<String, Event> byId() {
        java.util.Map<String, Event> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            out.put(eventId(i), events.get(i));
        }
        return out;
    }

    /**
     * Whether advice may be offered: only when the gate said in distribution in every window
     * since the last finding (or since the start of the run when there is none), with the
     * route decisions that decided it.
     */
    public Windows windowsSinceLastFinding() {
        double from = Double.NEGATIVE_INFINITY;
        for (Event e : events) {
            if (e.type() == EventType.FINDING || e.type() == EventType.ABORT) {
                from = Math.max(from, e.t());
            }
        }
        List<Route> deciding = new ArrayList<>();
        if (routes.isEmpty()) {
            route.ifPresent(deciding::add);
        } else {
            routeAt(from).ifPresent(deciding::add);
            for (Route r : routes) {
                if (r.t() > from + 1e-9) {
                    deciding.add(r);
                }
            }
        }
        boolean allIn = !deciding.isEmpty() && deciding.stream().allMatch(Route::inDistribution);
        return new Windows(allIn, from, deciding);
    }

    /**
     * The route decisions that cover the windows from {@code from} to the end.
     *
     * @param allIn    every one of them said in distribution
     * @param from     run time of the last finding, or -infinity
     * @param deciding the route decisions in force over those windows, in order
     */
    public record Windows(boolean allIn, double from, List<Route> deciding) {
        /** E.g. "windows from T+17.68 s: in distribution (route at T+5.0 s), out (T+20.1 s)". */
        public String describe() {
            String since = Double.isInfinite(from) ? "windows of the whole run" : "windows since the last finding at T+" + DiagnosisJson.number(from) + " s";
            if (deciding.isEmpty()) {
                return since + ": no route decision (rules authoritative)";
            }
            return since + ": " + deciding.stream()
                    .map(r -> (r.inDistribution() ? "in distribution" : "out of distribution") + " from the route decision at T+"
                            + DiagnosisJson.number(r.t()) + " s")
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }

    public List<Event> ofType(EventType type) {
        return events.stream().filter(e -> e.type() == type).toList();
    }

    private static List<Route> routes(List<Event> events, double until) {
        List<Route> out = new ArrayList<>();
        for (Event e : events) {
            if (e.type() == EventType.ROUTE && e.t() <= until + 1e-9) {
                Route.fromEvent(e).ifPresent(out::add);
            }
        }
        return out;
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
