package io.hotfire.llm.diagnosis;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reasoning route at the time of a diagnosis: inside the validated distribution the LLM may
 * advise; outside it the rules are authoritative and the LLM is held to the rule trace.
 *
 * @param inDistribution whether the sensor pattern is inside the validated distribution
 * @param pValue         the gate's conformal p-value, or null
 * @param score          the gate's OOD score, or null
 * @param threshold      the gate's threshold, or null
 * @param topFeatures    the features that made the window unusual, most first
 * @param t              run time of the route decision in seconds
 */
public record Route(boolean inDistribution, Double pValue, Double score, Double threshold, List<TopFeature> topFeatures, double t) {

    /** One feature's contribution to the OOD score. */
    public record TopFeature(String name, Double contribution) {
    }

    public Route {
        topFeatures = List.copyOf(topFeatures);
    }

    public static Route in(double pValue, List<TopFeature> top, double t) {
        return new Route(true, pValue, null, null, top, t);
    }

    public static Route out(double pValue, List<TopFeature> top, double t) {
        return new Route(false, pValue, null, null, top, t);
    }

    /**
     * Reads a {@code ROUTE} event. The code or evidence says the side ({@code IN_DISTRIBUTION},
     * {@code OUT_OF_DISTRIBUTION}, {@code OOD}, or evidence {@code inDistribution: true|false} /
     * {@code distribution: in|out}); evidence keys {@code pValue} (or {@code p}), {@code score},
     * {@code threshold} and {@code topFeatures} (strings, or maps with {@code feature}/{@code name}/
     * {@code sensor} and {@code contribution}/{@code score}) are read when present.
     */
    public static Optional<Route> fromEvent(Event e) {
        if (e == null || e.type() != EventType.ROUTE) {
            return Optional.empty();
        }
        Map<String, Object> ev = e.evidence();
        Boolean in = null;
        Object flag = ev.get("inDistribution");
        if (flag instanceof Boolean b) {
            in = b;
        }
        Object dist = first(ev, "distribution", "route", "side");
        if (in == null && dist instanceof String s) {
            in = side(s);
        }
        if (in == null && e.code() != null) {
            in = side(e.code());
        }
        if (in == null) {
            return Optional.empty();
        }
        List<TopFeature> top = new ArrayList<>();
        Object tf = first(ev, "topFeatures", "top", "features");
        if (tf instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    top.add(new TopFeature(s, null));
                } else if (o instanceof Map<?, ?> m) {
                    Object name = firstOf(m, "feature", "name", "sensor");
                    Object c = firstOf(m, "contribution", "score", "z", "value");
                    if (name != null) {
                        top.add(new TopFeature(String.valueOf(name), c instanceof Number n ? n.doubleValue() : null));
                    }
                }
            }
        }
        return Optional.of(new Route(in, number(first(ev, "pValue", "p", "p_value")), number(ev.get("score")),
                number(ev.get("threshold")), top, e.t()));
    }

    private static Boolean side(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        if (u.startsWith("OUT") || u.equals("OOD") || u.contains("OUT_OF")) {
            return false;
        }
        if (u.startsWith("IN")) {
            return true;
        }
        return null;
    }

    private static Object first(Map<String, Object> m, String... keys) {
        for (String k : keys) {
            if (m.get(k) != null) {
                return m.get(k);
            }
        }
        return null;
    }

    private static Object firstOf(Map<?, ?> m, String... keys) {
        for (String k : keys) {
            if (m.get(k) != null) {
                return m.get(k);
            }
        }
        return null;
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }
}
