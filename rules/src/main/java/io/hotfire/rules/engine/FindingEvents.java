package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.rules.fact.Corroboration;
import io.hotfire.rules.fact.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * FINDING and CLEAR events: one finding per fault code (or ambiguity group), announced when it first
 * stands, again when its severity or its corroborating observations change, and cleared once it has
 * been unsupported for the deadband in windows the rules can judge: a lapse while the engine settles after a
 * power-level move, when the steady-state rules are blind, holds the finding. The event names the rules behind its
 * evidence, then its own.
 */
final class FindingEvents implements EventCollector {

    private record Active(Finding finding, String rule, double lastSeen, List<String> observations) {
    }

    private static final Comparator<Finding> FIRST = Comparator
            .comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(f -> String.valueOf(f.sensor()))
            .thenComparing(f -> String.valueOf(f.message()));

    private final double clearSeconds;
    private final Map<String, Active> active = new LinkedHashMap<>();
    private boolean judging = true;

    FindingEvents(double clearSeconds) {
        this.clearSeconds = clearSeconds;
    }

    /** Whether the rules can judge the next window; false while the engine settles after a power-level move. */
    void judging(boolean judging) {
        this.judging = judging;
    }

    @Override
    public List<Event> collect(WorkingMemory memory, double t) {
        List<Event> events = new ArrayList<>();
        Map<String, List<Corroboration>> corroborations = new HashMap<>();
        for (Corroboration c : memory.facts(Corroboration.class)) {
            corroborations.computeIfAbsent(c.finding(), k -> new ArrayList<>()).add(c);
        }
        corroborations.values().forEach(l -> l.sort(Comparator.comparing((Corroboration c) -> c.observation().id())
                .thenComparing(c -> memory.ruleOf(c, ""))));
        Set<String> seen = new HashSet<>();
        for (Finding f : onePerCode(memory.facts(Finding.class))) {
            seen.add(f.code());
            Active prev = active.get(f.code());
            String rule = memory.ruleOf(f, prev == null ? "" : prev.rule());
            List<Corroboration> support = corroborations.getOrDefault(f.code(), List.of());
            List<String> observationIds = support.stream().map(c -> c.observation().id()).distinct().toList();
            // A corroborating observation coming or going re-announces the finding with the same severity.
            if (prev == null || prev.finding().severity() != f.severity() || !prev.observations().equals(observationIds)) {
                events.add(event(memory, t, f, rule, support));
            }
            active.put(f.code(), new Active(f, rule, t, observationIds));
        }
        if (!judging) {
            // blind, not absent: the lapse starts counting again when the rules can judge
            active.replaceAll((code, a) -> seen.contains(code) ? a : new Active(a.finding(), a.rule(), t, a.observations()));
        }
        active.values().removeIf(a -> {
            if (seen.contains(a.finding().code()) || t - a.lastSeen() < clearSeconds - 1e-9) {
                return false;
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("members", a.finding().members());
            events.add(new Event(t, EventType.CLEAR, a.finding().code(), Severity.WATCH, a.finding().sensor(),
                    a.rule().isEmpty() ? List.of() : List.of(a.rule()),
                    "no longer supported: " + a.finding().message(), ev));
            return true;
        });
        return events;
    }

    /**
     * One finding per code, chosen by content and not by the order the agenda fired: where several
     * rules or sensors support one code (TIT_A and TIT_B, "with VIB_RMS up" and "with T_WALL up") the
     * most severe stands, then the first by sensor and message. The agenda's order among activations of
     * equal salience is not stable between two compilations of the same DRL (a cached rule base and a
     * fresh one), and a replay must give the same events, byte for byte, as the run it replays.
     */
    private static List<Finding> onePerCode(List<Finding> standing) {
        Map<String, Finding> byCode = new TreeMap<>();
        for (Finding f : standing) {
            byCode.merge(f.code(), f, (a, b) -> FIRST.compare(a, b) <= 0 ? a : b);
        }
        return new ArrayList<>(byCode.values());
    }

    private static Event event(WorkingMemory memory, double t, Finding f, String rule, List<Corroboration> support) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("members", f.members());
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (Object o : f.evidence()) {
            items.add(Evidence.of(o, t));
            String r = memory.ruleOf(o);
            if (r != null && !rules.contains(r)) {
                rules.add(r);
            }
        }
        ev.put("evidence", items);
        if (!support.isEmpty()) {
            List<Map<String, Object>> observations = new ArrayList<>();
            for (Corroboration c : support) {
                String r = memory.ruleOf(c);
                observations.add(Evidence.of(c.observation(), r));
                if (r != null && !rules.contains(r)) {
                    rules.add(r);
                }
            }
            ev.put("observations", observations);
        }
        if (!rule.isEmpty()) {
            rules.add(rule);
        }
        return new Event(t, EventType.FINDING, f.code(), f.severity(), f.sensor(), rules, f.message(), ev);
    }

    /** Codes of the findings standing after the last window with their severity (groups as {@code A|B}). */
    Map<String, Severity> severities() {
        Map<String, Severity> out = new TreeMap<>();
        active.forEach((code, a) -> out.put(code, a.finding().severity()));
        return out;
    }

    /** Codes of the findings standing after the last window (groups as {@code A|B}). */
    Set<String> codes() {
        return new TreeSet<>(active.keySet());
    }
}
