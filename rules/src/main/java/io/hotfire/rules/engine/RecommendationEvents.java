package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.rules.fact.Recommendation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RECOMMENDATION events: the strongest recommended action, announced when the action changes. */
final class RecommendationEvents implements EventCollector {

    /**
     * The strongest action; among equals the first reason in text order, not the first the agenda
     * fired, so that a replay names the same reason whatever the rule base's compilation.
     */
    private static final Comparator<Recommendation> STRONGEST = Comparator
            .comparing(Recommendation::action, Comparator.reverseOrder())
            .thenComparing(r -> String.valueOf(r.reason()));

    private Recommendation current;

    @Override
    public List<Event> collect(WorkingMemory memory, double t) {
        Recommendation strongest = memory.facts(Recommendation.class).stream().min(STRONGEST).orElse(null);
        if (strongest == null || (current != null && current.action() == strongest.action())) {
            return List.of();
        }
        current = strongest;
        String rule = memory.ruleOf(strongest, "");
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("action", strongest.action().label());
        ev.put("reason", strongest.reason());
        Severity sev = switch (strongest.action()) {
            case ABORT -> Severity.SEVERE;
            case REDUCE_THROTTLE -> Severity.DISTRESS;
            case HOLD_THROTTLE -> Severity.WARNING;
            case CONTINUE -> Severity.WATCH;
        };
        return List.of(new Event(t, EventType.RECOMMENDATION, strongest.action().name(), sev, null,
                rule.isEmpty() ? List.of() : List.of(rule), strongest.action().label() + ": " + strongest.reason(), ev));
    }

    /** The recommendation in force after the last window (CONTINUE before any window). */
    Recommendation.Action current() {
        return current == null ? Recommendation.Action.CONTINUE : current.action();
    }
}
