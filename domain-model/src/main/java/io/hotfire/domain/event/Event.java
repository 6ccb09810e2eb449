package io.hotfire.domain.event;

import java.util.List;
import java.util.Map;

/**
 * Something the diagnosis concluded at a run time: the unit of the event log, the replay output
 * and the audit trail.
 *
 * @param t        run time in seconds at which it was concluded (end of the window)
 * @param type     kind of event
 * @param code     fault code, sensor-fault code ({@code SENSOR_DEAD}, ...) or limit id ({@code REDLINE_HIGH})
 * @param severity severity on the flight-operations scale
 * @param sensor   the sensor it is about, or null
 * @param rules    ids of the rules that produced it, e.g. {@code RL-001}
 * @param message  one sentence for people
 * @param evidence named values it rests on (sensor, feature, value, limit, expected, ...)
 */
public record Event(
        double t,
        EventType type,
        String code,
        Severity severity,
        String sensor,
        List<String> rules,
        String message,
        Map<String, Object> evidence) {

    public Event {
        rules = List.copyOf(rules);
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
    }
}
