package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.rules.fact.AbortDecision;
import io.hotfire.rules.fact.AbortLatched;
import io.hotfire.rules.fact.Recommendation;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ABORT event: the first abort decision of the run latches (an {@link AbortLatched} fact the
 * rules see from then on) and is announced once. The event names the rule that decided and then the
 * rules that recommend ABORT on it (RC-001 in the core rules), as their metadata names them.
 */
final class AbortEvents implements EventCollector {

    private static final Comparator<AbortDecision> ORDER = Comparator.comparing(AbortDecision::code)
            .thenComparing(a -> String.valueOf(a.sensor())).thenComparing(a -> String.valueOf(a.message()));

    private boolean latched;

    /**
     * Latches the first abort decision with the only firing of a window's collection: run it before
     * the other collectors, so that if the engine throws here no state of the run has changed yet and
     * a rebuilt session can evaluate the window again.
     */
    @Override
    public List<Event> collect(WorkingMemory memory, double t) {
        List<AbortDecision> aborts = memory.facts(AbortDecision.class);
        if (latched || aborts.isEmpty()) {
            return List.of();
        }
        aborts.sort(ORDER);
        AbortDecision a = aborts.get(0);
        memory.state(new AbortLatched(a.code(), a.sensor(), a.t()));
        latched = true;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("sensor", a.sensor());
        ev.put("value", a.value());
        ev.put("limit", a.limit());
        ev.put("t", a.t());
        List<String> rules = memory.rulesBehind(a, List.of());
        Set<String> recommending = new TreeSet<>();
        for (Recommendation r : memory.facts(Recommendation.class)) {
            if (r.action() == Recommendation.Action.ABORT && memory.ruleOf(r) != null) {
                recommending.add(memory.ruleOf(r));
            }
        }
        for (String r : recommending) {
            if (!rules.contains(r)) {
                rules.add(r);
            }
        }
        return List.of(new Event(t, EventType.ABORT, a.code(), Severity.SEVERE, a.sensor(), rules, a.message(), ev));
    }

    boolean latched() {
        return latched;
    }
}
