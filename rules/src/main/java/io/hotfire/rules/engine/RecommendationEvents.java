package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.rules.fact.Recommendation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RECOMMENDATION events: the strongest recommended action, announced when the action changes. A stronger action is
 * announced at once; a weaker one only after the stronger has gone unsupported for the deadband that findings and
 * alarms clear after ({@code validation.alarmClearSeconds}), so that the recommendation never relaxes while the
 * finding or alarm behind it still stands on the console (before, a CRITICAL finding whose support lapsed for a
 * window let REDUCE THROTTLE drop to HOLD THROTTLE 0.9 s before the finding's CLEAR). While the engine settles after a
 * power-level move nothing relaxes: the deadband counts windows the rules can judge.
 */
final class RecommendationEvents implements EventCollector {

    /**
     * The strongest action; among equals the first reason in text order, not the first the agenda
     * fired, so that a replay names the same reason whatever the rule base's compilation.
     */
    private static final Comparator<Recommendation> STRONGEST = Comparator
            .comparing(Recommendation::action, Comparator.reverseOrder())
            .thenComparing(r -> String.valueOf(r.reason()));

    private final double relaxSeconds;
    private Recommendation current;
    /** The last window in which the current action was (still) the strongest supported. */
    private double currentSeen;
    private boolean judging = true;

    RecommendationEvents(double relaxSeconds) {
        this.relaxSeconds = relaxSeconds;
    }

    /** Whether the rules can judge the next window; while they cannot (settling after a move), nothing relaxes. */
    void judging(boolean judging) {
        this.judging = judging;
    }

    @Override
    public List<Event> collect(WorkingMemory memory, double t) {
        Recommendation strongest = memory.facts(Recommendation.class).stream().min(STRONGEST).orElse(null);
        if (strongest == null) {
            return List.of();
        }
        if (current != null && current.action() == strongest.action()) {
            currentSeen = t;
            return List.of();
        }
        if (current != null && strongest.action().compareTo(current.action()) < 0) {
            if (!judging) {
                currentSeen = t;
            }
            if (t - currentSeen < relaxSeconds - 1e-9) {
                return List.of();
            }
        }
        current = strongest;
        currentSeen = t;
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
