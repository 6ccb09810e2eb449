package io.hotfire.llm.explain;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.Route;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Explanations written from the rule trace alone: always available, used offline and as the
 * fallback whenever the LLM is off, slow or wrong. It only restates what the events say, with
 * their numbers rounded to four significant digits, so it passes the grounding guardrail by
 * construction.
 */
public final class TemplateExplainer {

    /** How the template names itself in every output. */
    public static final String MODEL = "template:rule-trace";

    /** Alarms listed by name before the rest are only counted. */
    static final int ALARMS_LISTED = 6;

    public Explanation explain(Diagnosis d) {
        return new Explanation(whatHappened(d), evidence(d), rules(d), recommendation(d), route(d),
                ExplanationSource.TEMPLATE, MODEL, d.inDistribution(), null, null, List.of(), List.of(), List.of());
    }

    private static String whatHappened(Diagnosis d) {
        List<String> lines = new ArrayList<>();
        for (Event e : d.events()) {
            switch (e.type()) {
                case FINDING -> lines.add("At T+" + num(e.t()) + " s the rules found " + findingName(e) + " ("
                        + e.severity() + "): " + e.message() + ".");
                case ABORT -> lines.add("At T+" + num(e.t()) + " s the rules recommended an abort (" + e.code()
                        + (e.sensor() == null ? "" : " on " + e.sensor()) + "): " + e.message() + ".");
                case SENSOR -> lines.add("At T+" + num(e.t()) + " s sensor validation disqualified "
                        + (e.sensor() == null ? "a sensor" : e.sensor()) + " (" + e.code() + "): " + e.message() + ".");
                default -> {
                }
            }
        }
        List<Event> alarms = d.ofType(EventType.ALARM);
        if (!alarms.isEmpty()) {
            Map<String, Event> first = new LinkedHashMap<>();
            for (Event a : alarms) {
                first.putIfAbsent(a.code() + "|" + a.sensor(), a);
            }
            List<String> named = first.values().stream().limit(ALARMS_LISTED)
                    .map(a -> a.code() + (a.sensor() == null ? "" : " on " + a.sensor()) + " at T+" + num(a.t()) + " s")
                    .toList();
            String more = first.size() > ALARMS_LISTED ? ", and further alarms" : "";
            lines.add("Alarms raised: " + String.join(", ", named) + more + ".");
        }
        if (lines.isEmpty()) {
            return "The rules raised no finding, alarm, sensor disqualification or abort.";
        }
        return String.join(" ", lines);
    }

    private static String findingName(Event e) {
        if (e.evidence().get("members") instanceof List<?> m && m.size() > 1) {
            return "the ambiguity group " + m.stream().map(String::valueOf).collect(Collectors.joining(" / "))
                    + " (the evidence cannot separate them)";
        }
        return e.code();
    }

    private static String evidence(Diagnosis d) {
        List<String> lines = new ArrayList<>();
        for (Event e : d.events()) {
            if (e.type() == EventType.FINDING && e.evidence().get("evidence") instanceof List<?> items) {
                List<String> parts = new ArrayList<>();
                for (Object o : items) {
                    if (o instanceof Map<?, ?> m) {
                        parts.add(item(m));
                    }
                }
                if (!parts.isEmpty()) {
                    lines.add(e.code() + " rests on: " + String.join("; ", parts) + ".");
                }
            } else if (e.type() == EventType.ABORT || e.type() == EventType.SENSOR) {
                String item = item(e.evidence());
                if (!item.isBlank()) {
                    lines.add(e.code() + " rests on: " + item + ".");
                }
            }
        }
        if (lines.isEmpty()) {
            return "No finding carries evidence.";
        }
        return String.join(" ", lines);
    }

    private static String item(Map<?, ?> m) {
        StringBuilder sb = new StringBuilder();
        if (m.get("sensor") != null) {
            sb.append(m.get("sensor"));
        }
        if (m.get("feature") != null) {
            sb.append(' ').append(m.get("feature"));
        }
        Object v = m.get("value");
        if (v instanceof Number n) {
            sb.append(' ').append(num(n.doubleValue()));
        } else if (v != null) {
            sb.append(' ').append(v);
        }
        List<String> refs = new ArrayList<>();
        if (m.get("expected") instanceof Number x) {
            refs.add("expected " + num(x.doubleValue()));
        }
        if (m.get("band") instanceof Number x) {
            refs.add("band " + num(x.doubleValue()));
        }
        if (m.get("limit") instanceof Number x) {
            refs.add("limit " + num(x.doubleValue()));
        }
        if (!refs.isEmpty()) {
            sb.append(" (").append(String.join(", ", refs)).append(')');
        }
        if (m.get("t") instanceof Number t) {
            sb.append(" at T+").append(num(t.doubleValue())).append(" s");
        }
        return sb.toString().strip();
    }

    private static String rules(Diagnosis d) {
        Map<String, Set<String>> byRule = new LinkedHashMap<>();
        for (Event e : d.events()) {
            if (e.type() == EventType.CLEAR || e.type() == EventType.ROUTE) {
                continue;
            }
            for (String r : e.rules()) {
                byRule.computeIfAbsent(r, k -> new LinkedHashSet<>()).add(e.code());
            }
        }
        if (byRule.isEmpty()) {
            return "No rule fired.";
        }
        return "Rules that fired: " + byRule.entrySet().stream()
                .map(x -> x.getKey() + " (" + String.join(", ", x.getValue()) + ")")
                .collect(Collectors.joining(", ")) + ".";
    }

    private static String recommendation(Diagnosis d) {
        List<Event> aborts = d.ofType(EventType.ABORT);
        List<Event> recs = d.ofType(EventType.RECOMMENDATION);
        List<String> parts = new ArrayList<>();
        if (!aborts.isEmpty()) {
            Event a = aborts.get(0);
            parts.add("The rules recommended ABORT at T+" + num(a.t()) + " s (rules " + String.join(", ", a.rules())
                    + "); an abort, once made, stands.");
        }
        if (recs.size() == 1) {
            Event r = recs.get(0);
            parts.add("Recommendation " + r.code() + " at T+" + num(r.t()) + " s" + rulesOf(r) + ": " + r.message() + ".");
        } else if (recs.size() > 1) {
            parts.add("Recommendation changes: " + recs.stream()
                    .map(r -> r.code() + " at T+" + num(r.t()) + " s" + rulesOf(r))
                    .collect(Collectors.joining(" then ")) + ". In force at the end: " + recs.get(recs.size() - 1).message() + ".");
        }
        if (parts.isEmpty()) {
            return "The rules made no recommendation.";
        }
        return String.join(" ", parts);
    }

    private static String rulesOf(Event e) {
        return e.rules().isEmpty() ? "" : " (" + String.join(", ", e.rules()) + ")";
    }

    private static String route(Diagnosis d) {
        List<String> out = new ArrayList<>();
        out.add(routeNow(d));
        if (d.focus() == null) {
            for (Event e : d.events()) {
                if ((e.type() == EventType.FINDING || e.type() == EventType.ABORT) && !d.inDistributionAt(e.t())) {
                    out.add(e.code() + " at T+" + num(e.t()) + " s was concluded while the gate said out of distribution"
                            + d.routeAt(e.t()).map(r -> " (route decision at T+" + num(r.t()) + " s)").orElse(" (no route decision)")
                            + ": it is explained from the rule trace only.");
                }
            }
        }
        Diagnosis.Windows w = d.windowsSinceLastFinding();
        out.add("Advisory hypotheses: " + (w.allIn() ? "allowed" : "not offered") + " (" + w.describe() + ").");
        return String.join(" ", out);
    }

    private static String routeNow(Diagnosis d) {
        if (d.route().isEmpty()) {
            return "No route information: treated as out of distribution, so the rules are authoritative "
                    + "and no advisory hypotheses are offered.";
        }
        Route r = d.route().get();
        String p = r.pValue() == null ? "" : "p-value " + num(r.pValue());
        String top = r.topFeatures().isEmpty() ? "" : "top features " + r.topFeatures().stream()
                .map(f -> f.name() + (f.contribution() == null ? "" : " " + num(f.contribution())))
                .collect(Collectors.joining(", "));
        String detail = List.of(p, top).stream().filter(s -> !s.isEmpty()).collect(Collectors.joining("; "));
        String at = "at T+" + num(r.t()) + " s" + (detail.isEmpty() ? "" : ", " + detail);
        if (r.inDistribution()) {
            return "In distribution (" + at + "): learned and LLM advice may be shown as advisory, apart from the "
                    + "rule findings; the rules decide severity and recommendation.";
        }
        return "Out of distribution (" + at + "): the rules are authoritative; learned and LLM advice is "
                + "suppressed and no advisory hypotheses are offered.";
    }

    /** Four significant digits, plain. */
    static String num(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e12) {
            return Long.toString((long) d);
        }
        return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toPlainString().toLowerCase(Locale.ROOT);
    }
}
