package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.rules.fact.Alarm;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ALARM and CLEAR events: an alarm raised once (again when its severity changes) and cleared once,
 * after it has been absent for the profile's deadband ({@code validation.alarmClearSeconds}).
 */
final class AlarmEvents implements EventCollector {

    private record Active(Alarm alarm, String rule, double lastSeen) {
    }

    private final double clearSeconds;
    private final Map<String, Active> active = new LinkedHashMap<>();

    AlarmEvents(double clearSeconds) {
        this.clearSeconds = clearSeconds;
    }

    @Override
    public List<Event> collect(WorkingMemory memory, double t) {
        List<Event> events = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Alarm> standing = memory.facts(Alarm.class);
        standing.sort(Comparator.comparing(Alarm::key));
        for (Alarm a : standing) {
            seen.add(a.key());
            Active prev = active.get(a.key());
            String rule = memory.ruleOf(a, prev == null ? "" : prev.rule());
            if (prev == null || prev.alarm().severity() != a.severity()) {
                events.add(event(EventType.ALARM, t, a, rule));
            }
            active.put(a.key(), new Active(a, rule, t));
        }
        active.values().removeIf(a -> {
            if (seen.contains(a.alarm().key()) || t - a.lastSeen() < clearSeconds - 1e-9) {
                return false;
            }
            events.add(event(EventType.CLEAR, t, a.alarm(), a.rule()));
            return true;
        });
        return events;
    }

    private static Event event(EventType type, double t, Alarm a, String rule) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("sensor", a.sensor());
        ev.put("value", a.value());
        ev.put("limit", a.limit());
        ev.put("key", a.key());
        String msg = type == EventType.CLEAR ? "cleared: " + a.message() : a.message();
        return new Event(t, type, a.code(), type == EventType.CLEAR ? Severity.WATCH : a.severity(), a.sensor(),
                rule.isEmpty() ? List.of() : List.of(rule), msg, ev);
    }
}
