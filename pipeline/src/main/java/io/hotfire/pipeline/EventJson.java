package io.hotfire.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotfire.domain.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/** One event as one line of JSON, the replay output format. */
public final class EventJson {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private EventJson() {
    }

    public static Map<String, Object> toMap(Event e, String ruleSetVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", round(e.t()));
        m.put("type", e.type().name());
        m.put("code", e.code());
        m.put("severity", e.severity().name());
        if (e.sensor() != null) {
            m.put("sensor", e.sensor());
        }
        m.put("rules", e.rules());
        m.put("message", e.message());
        Map<String, Object> ev = new LinkedHashMap<>();
        e.evidence().forEach((k, v) -> ev.put(k, v instanceof Double d ? round(d) : v));
        m.put("evidence", ev);
        if (ruleSetVersion != null) {
            m.put("ruleSet", ruleSetVersion);
        }
        return m;
    }

    public static String line(Event e, String ruleSetVersion) {
        try {
            return JSON.writeValueAsString(toMap(e, ruleSetVersion));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Run times come from sums of 0.02 s; print them as people read them. */
    public static Object round(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        return Math.round(d * 1e6) / 1e6;
    }
}
