package io.hotfire.llm.diagnosis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A diagnosis as the compact JSON a prompt carries: the route and the events, numbers rounded to 5 significant digits. */
public final class DiagnosisJson {

    /** Alarms beyond this many are left out of a prompt (findings, aborts, recommendations never are). */
    public static final int MAX_ALARMS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DiagnosisJson() {
    }

    public static String render(Diagnosis d) {
        return render(d, Map.of());
    }

    /**
     * As {@link #render(Diagnosis)}, each event with its id ({@code E1}, ...) and whether the gate
     * said in distribution at its time, and evidence items with their sensor's unit.
     */
    public static String render(Diagnosis d, Map<String, String> sensorUnits) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("scope", d.focus() == null ? "run" : "finding " + d.focus().code() + " at t=" + number(d.focus().t()));
        root.put("route", d.route().map(DiagnosisJson::route).orElse(null));
        List<Object> events = new ArrayList<>();
        int alarms = 0;
        for (int i = 0; i < d.events().size(); i++) {
            Event e = d.events().get(i);
            if (e.type() == EventType.ALARM || e.type() == EventType.CLEAR) {
                if (++alarms > MAX_ALARMS) {
                    continue;
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Diagnosis.eventId(i));
            m.put("t", number(e.t()));
            m.put("inDistribution", d.inDistributionAt(e.t()));
            m.put("type", e.type().name());
            m.put("code", e.code());
            m.put("severity", e.severity().name());
            if (e.sensor() != null) {
                m.put("sensor", e.sensor());
            }
            m.put("rules", e.rules());
            m.put("message", e.message());
            m.put("evidence", value(e.evidence(), sensorUnits));
            events.add(m);
        }
        root.put("events", events);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> route(Route r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "ROUTE");
        m.put("inDistribution", r.inDistribution());
        m.put("authority", r.inDistribution() ? "advisory allowed; rules decide severity and recommendation" : "rules authoritative");
        m.put("pValue", r.pValue() == null ? null : number(r.pValue()));
        if (r.score() != null) {
            m.put("score", number(r.score()));
        }
        if (r.threshold() != null) {
            m.put("threshold", number(r.threshold()));
        }
        List<Object> top = new ArrayList<>();
        for (Route.TopFeature f : r.topFeatures()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("feature", f.name());
            if (f.contribution() != null) {
                x.put("contribution", number(f.contribution()));
            }
            top.add(x);
        }
        m.put("topFeatures", top);
        m.put("t", number(r.t()));
        return m;
    }

    private static Object value(Object o, Map<String, String> units) {
        if (o instanceof Double || o instanceof Float) {
            return number(((Number) o).doubleValue());
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), value(v, units)));
            if (m.get("sensor") instanceof String s && units.containsKey(s) && !out.containsKey("unit")) {
                out.put("unit", units.get(s));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            return l.stream().map(x -> value(x, units)).toList();
        }
        return o;
    }

    /** Five significant digits, as a plain number. */
    public static Object number(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return (long) d;
        }
        return new BigDecimal(d).round(new MathContext(5)).stripTrailingZeros().doubleValue();
    }
}
