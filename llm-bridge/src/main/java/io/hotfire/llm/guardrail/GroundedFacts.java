package io.hotfire.llm.guardrail;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.Route;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a text about a diagnosis may name: the identifiers (codes, sensor ids, rule ids,
 * feature names) and numbers that occur anywhere in its events and route, plus the few numbers
 * that follow from them directly (deviation from expected, its percentage, the ratio to
 * expected, the distance to a limit, counts of events).
 */
public final class GroundedFacts {

    /** Relative tolerance for a rounded number ("1060" for 1061.9). */
    public static final double RELATIVE_TOLERANCE = 0.005;

    private final Set<String> identifiers = new HashSet<>();
    private final Set<String> phrases = new HashSet<>();
    private final List<Double> numbers = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private GroundedFacts() {
    }

    public static GroundedFacts of(Diagnosis d) {
        GroundedFacts f = new GroundedFacts();
        Set<String> rules = new HashSet<>();
        int findings = 0;
        for (Event e : d.events()) {
            f.number(e.t());
            f.string(e.code());
            f.identifiers.add(e.type().name());
            f.string(e.sensor());
            f.string(e.message());
            for (String r : e.rules()) {
                f.identifiers.add(r);
                rules.add(r);
            }
            f.value(e.evidence());
            if (e.type() == EventType.FINDING) {
                findings++;
                if (e.evidence().get("evidence") instanceof List<?> l) {
                    f.numbers.add((double) l.size());
                }
            }
        }
        d.route().ifPresent(r -> f.route(r));
        f.numbers.add((double) d.events().size());
        f.numbers.add((double) rules.size());
        f.numbers.add((double) findings);
        return f;
    }

    /** Whether {@code id} occurs in the diagnosis. */
    public boolean hasIdentifier(String id) {
        return identifiers.contains(id);
    }

    /** Whether a multi-word phrase such as {@code REDUCE THROTTLE} occurs in the diagnosis. */
    public boolean hasPhrase(String phrase) {
        return phrases.contains(phrase) || text.indexOf(phrase) >= 0;
    }

    /** All the text of the diagnosis, for guardrails that look for words. */
    public String text() {
        return text.toString();
    }

    /** Whether a number written with {@code decimals} decimals is one of the diagnosis's, rounded. */
    public boolean allowsNumber(double written, int decimals, boolean scientific) {
        double n = Math.abs(written);
        for (double v0 : numbers) {
            double v = Math.abs(v0);
            if (!scientific) {
                double scale = Math.pow(10, Math.min(decimals, 12));
                if (Math.abs(Math.round(v * scale) / scale - n) < 1e-9 * Math.max(1, n)) {
                    return true;
                }
            }
            if (v != 0 && Math.abs(v - n) / v <= RELATIVE_TOLERANCE) {
                return true;
            }
            if (v == 0 && n == 0) {
                return true;
            }
        }
        return false;
    }

    private void route(Route r) {
        identifiers.add(r.inDistribution() ? "IN_DISTRIBUTION" : "OUT_OF_DISTRIBUTION");
        number(r.t());
        if (r.pValue() != null) {
            number(r.pValue());
            number(r.pValue() * 100);
        }
        if (r.score() != null) {
            number(r.score());
        }
        if (r.threshold() != null) {
            number(r.threshold());
        }
        for (Route.TopFeature tf : r.topFeatures()) {
            identifiers.add(tf.name());
            string(tf.name());
            if (tf.contribution() != null) {
                number(tf.contribution());
            }
        }
    }

    private void value(Object o) {
        if (o instanceof Number n) {
            number(n.doubleValue());
        } else if (o instanceof String s) {
            string(s);
        } else if (o instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                value(v);
            }
            derived(m);
        } else if (o instanceof Iterable<?> it) {
            for (Object v : it) {
                value(v);
            }
        } else if (o != null) {
            string(String.valueOf(o));
        }
    }

    private void derived(Map<?, ?> m) {
        if (m.get("value") instanceof Number v) {
            for (String ref : List.of("expected", "limit")) {
                if (m.get(ref) instanceof Number e) {
                    double a = v.doubleValue();
                    double b = e.doubleValue();
                    number(Math.abs(a - b));
                    if (b != 0) {
                        number(Math.abs(a - b) / Math.abs(b) * 100);
                        number(a / b);
                    }
                }
            }
        }
    }

    private void number(double d) {
        if (Double.isFinite(d)) {
            numbers.add(d);
        }
    }

    private void string(String s) {
        if (s == null || s.isEmpty()) {
            return;
        }
        text.append(s).append('\n');
        identifiers.addAll(TextScan.all(TextScan.SNAKE, s));
        identifiers.addAll(TextScan.all(TextScan.RULE_ID, s));
        identifiers.addAll(TextScan.all(TextScan.WORD, s));
        for (String part : s.split("[/,| ]+")) {
            if (part.matches("[A-Za-z][A-Za-z0-9_]*")) {
                identifiers.add(part);
            }
        }
        for (String p : KnownIdentifiers.RECOMMENDATIONS) {
            if (s.contains(p)) {
                phrases.add(p);
            }
        }
        for (TextScan.NumberToken t : TextScan.numbers(s)) {
            numbers.add(t.value());
        }
    }
}
