package io.hotfire.llm.claim;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.llm.diagnosis.Diagnosis;
import io.hotfire.llm.diagnosis.Route;
import io.hotfire.llm.guardrail.GroundedFacts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * What the cited events of a claim say: their codes, sensors, severities, the actions in force,
 * their own words and every value they carry (times, quantities in base units, differences), to
 * check a claim's words and numbers against.
 */
final class CitedScope {

    final Set<String> codes = new HashSet<>();
    final Set<String> observationCodes = new HashSet<>();
    final Set<String> adviceCodes = new HashSet<>();
    final Set<String> sensors = new HashSet<>();
    final Set<String> severities = new LinkedHashSet<>();
    final Set<String> actions = new LinkedHashSet<>();
    final List<String> ownWords = new ArrayList<>();
    final List<Value> values = new ArrayList<>();
    final GroundedFacts facts;
    final boolean allIn;
    boolean citesAdvice;

    private final ClaimLanguage language;
    private final Map<String, String> sensorUnits;
    private final ClaimUnits units;

    CitedScope(Diagnosis d, List<Event> cited, boolean routeCited, ClaimLanguage language, Map<String, String> sensorUnits,
            ClaimUnits units) {
        this.language = language;
        this.sensorUnits = sensorUnits;
        this.units = units;
        double tMax = Double.NEGATIVE_INFINITY;
        boolean in = true;
        for (Event e : cited) {
            tMax = Math.max(tMax, e.t());
            in &= d.inDistributionAt(e.t());
            severities.add(e.severity().name());
            if (e.type() == EventType.ADVICE) {
                citesAdvice = true;
                adviceCodes.add(e.code());
            } else {
                codes.add(e.code());
                if (e.evidence().get("members") instanceof List<?> members) {
                    members.forEach(x -> codes.add(String.valueOf(x)));
                }
            }
            if (e.type() == EventType.RECOMMENDATION) {
                actions.add(e.code());
            }
            if (e.type() == EventType.ABORT) {
                actions.add("ABORT");
            }
            if (e.sensor() != null) {
                sensors.add(e.sensor());
            }
            if (e.evidence().get("observations") instanceof List<?> obs) {
                obs.forEach(x -> {
                    if (x instanceof Map<?, ?> m && m.get("code") != null) {
                        observationCodes.add(String.valueOf(m.get("code")));
                    }
                });
            }
            ownWords.addAll(ClaimLanguage.words(e.message()));
            ownWords.add("|");
            ownWords.addAll(ClaimLanguage.words(e.code()));
            ownWords.add("|");
            values.add(new Value(e.t(), "time", false));
            evidence(e.evidence(), e.sensor());
            text(e.message());
        }
        Optional<Route> route = cited.isEmpty() ? d.route() : Optional.empty();
        if (routeCited) {
            route = d.route();
        }
        if (cited.isEmpty()) {
            in = d.inDistribution();
            tMax = d.route().map(Route::t).orElse(Double.NEGATIVE_INFINITY);
        }
        route.ifPresent(r -> {
            values.add(new Value(r.t(), "time", false));
            r.topFeatures().forEach(f -> {
                String sensor = f.name().split("[ .]")[0];
                sensors.add(sensor);
            });
        });
        allIn = in;
        // the recommendation in force at the latest cited time
        String inForce = null;
        for (Event e : d.events()) {
            if (e.t() > tMax + 1e-9) {
                continue;
            }
            if (e.type() == EventType.RECOMMENDATION) {
                inForce = e.code();
            } else if (e.type() == EventType.ABORT) {
                inForce = "ABORT";
            }
        }
        if (inForce != null) {
            actions.add(inForce);
        }
        Diagnosis sub = new Diagnosis(cited, route, d.focus());
        facts = GroundedFacts.of(sub);
    }

    private void evidence(Object o, String sensor) {
        if (o instanceof Map<?, ?> m) {
            String s = m.get("sensor") instanceof String x ? x : sensor;
            if (s != null) {
                sensors.add(s);
            }
            ClaimLanguage.Unit unit = s == null ? null : language.units().get(sensorUnits.get(s));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (e.getValue() instanceof Number n) {
                    double v = n.doubleValue();
                    if (key.equals("t") || key.endsWith("At") || key.equals("since")) {
                        values.add(new Value(v, "time", false));
                    } else if (unit != null && !key.equals("windows") && !key.equals("count")) {
                        values.add(new Value(unit.toBase(v), unit.quantity(), false));
                    }
                } else if (e.getValue() instanceof String str && !key.equals("sensor")) {
                    text(str);
                } else if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof Iterable<?>) {
                    evidence(e.getValue(), s);
                }
            }
            if (unit != null && m.get("value") instanceof Number v) {
                for (String ref : List.of("expected", "limit")) {
                    if (m.get(ref) instanceof Number r) {
                        double diff = Math.abs(v.doubleValue() - r.doubleValue());
                        values.add(new Value(diff * unit.factor(), unit.quantity(), true));
                        if (r.doubleValue() != 0) {
                            values.add(new Value(diff / Math.abs(r.doubleValue()) * 100, "percent", false));
                        }
                    }
                }
            }
        } else if (o instanceof Iterable<?> it) {
            for (Object x : it) {
                evidence(x, sensor);
            }
        }
    }

    /** Numbers with units in the events' own sentences ("15 K hot", "9 % high"). */
    private void text(String s) {
        if (s == null) {
            return;
        }
        Matcher m = ClaimUnits.NUMBER.matcher(s);
        while (m.find()) {
            double v;
            try {
                v = Math.abs(Double.parseDouble(m.group(2).replace(",", "")));
            } catch (NumberFormatException e) {
                continue;
            }
            ClaimLanguage.Unit u = m.group(1) != null ? language.units().get("s") : units.after(s, m.end());
            if (m.group(1) != null) {
                values.add(new Value(v, "time", false));
            } else if (u != null) {
                values.add(new Value(u.toBase(v), u.quantity(), false));
                values.add(new Value(v * u.factor(), u.quantity(), true));
            }
        }
    }

    boolean matches(double written, int decimals, String quantity, ClaimLanguage.Unit unit, double tolerance) {
        for (Value v : values) {
            if (!quantity.equals(v.quantity())) {
                continue;
            }
            double inWritten = unit == null ? v.base() : v.delta() ? v.base() / unit.factor() : unit.fromBase(v.base());
            if (close(Math.abs(inWritten), written, decimals, tolerance)) {
                return true;
            }
        }
        return false;
    }

    boolean matchesAny(double written, int decimals, double tolerance) {
        return values.stream().anyMatch(v -> close(Math.abs(v.base()), written, decimals, tolerance));
    }

    /** A value of the cited events: in its quantity's base unit, or raw when it has none. */
    private record Value(double base, String quantity, boolean delta) {
    }

    private static boolean close(double v, double written, int decimals, double tolerance) {
        double scale = Math.pow(10, Math.min(decimals, 12));
        if (Math.abs(Math.round(v * scale) / scale - written) < 1e-9 * Math.max(1, written)) {
            return true;
        }
        return v != 0 ? Math.abs(v - written) / Math.abs(v) <= tolerance : written == 0;
    }
}
