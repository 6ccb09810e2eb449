package io.hotfire.app.alarm;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import java.util.Optional;

/**
 * Which alarm a diagnosis event raises or clears. The key is the event's evidence {@code key} when it
 * has one (limit alarms), else {@code TYPE:code:sensor}. A CLEAR without a key ends a finding (the
 * rules clear findings by code). RECOMMENDATION, ROUTE and ADVICE events are not alarms (advice of the
 * learned parts or the LLM never raises one). A DIAGNOSIS_FAULT (the rule session failed and was
 * rebuilt) raises an alarm: nobody may take a silent gap in the diagnosis for a quiet engine.
 */
public final class AlarmKeys {

    /** What an event does to which alarm. */
    public record Effect(String key, boolean raises) {
    }

    private AlarmKeys() {
    }

    public static Optional<Effect> of(Event e) {
        Object evidenceKey = e.evidence().get("key");
        String sensor = e.sensor() == null ? "-" : e.sensor();
        return switch (e.type()) {
            case ALARM -> Optional.of(new Effect(evidenceKey != null ? evidenceKey.toString() : key(EventType.ALARM, e.code(), sensor), true));
            case SENSOR, FINDING, ABORT, DIAGNOSIS_FAULT -> Optional.of(new Effect(key(e.type(), e.code(), sensor), true));
            case CLEAR -> Optional.of(new Effect(evidenceKey != null ? evidenceKey.toString() : key(EventType.FINDING, e.code(), sensor), false));
            case RECOMMENDATION, ROUTE, ADVICE -> Optional.empty();
        };
    }

    static String key(EventType type, String code, String sensor) {
        return type.name() + ":" + code + ":" + sensor;
    }
}
