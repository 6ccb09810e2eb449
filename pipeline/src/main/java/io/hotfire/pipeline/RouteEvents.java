package io.hotfire.pipeline;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.gate.Contribution;
import io.hotfire.learned.gate.GateResult;
import io.hotfire.learned.gate.GateSession;
import io.hotfire.learned.gate.OodScorer;
import io.hotfire.learned.gate.UnitBaseline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ROUTE events of one run: the route the gate set on the run's first scored window, each change
 * of route or of what decided it, and once the run's unit baseline is fixed, the route restated with it,
 * so that the run's events and the audit log record what the gate took this unit to be. Out of
 * distribution the ROUTE event says that the learned advice is suppressed, and why: {@code decidedBy}
 * the gate (the features furthest from the family), the envelope (the rules' excursions), or both.
 * Not thread-safe: one window at a time, in order.
 */
final class RouteEvents {

    private final LearnedModel model;
    private final GateSession gate;
    /** The route and what decided it, as last announced (null: nothing announced yet). */
    private String lastKey;
    private boolean baselineRecorded;

    RouteEvents(LearnedModel model, GateSession gate) {
        this.model = model;
        this.gate = gate;
    }

    /**
     * The ROUTE event of the window just routed: the run's first scored window, then each change of the route or of
     * what decided it (the gate's score, the envelope, both), and the restatement with the unit baseline (which
     * withdraws the run's advice when the route is out of distribution).
     */
    List<Event> events(WindowSnapshot w, Route route, LearnedAdvice.Run advice) {
        List<Event> out = new ArrayList<>();
        if (route == null || !route.scored()) {
            return out;
        }
        GateResult last = route.gate();
        String key = route.ood() + " " + route.decidedBy();
        // The first scored window establishes the route (readers need one to state trust from the
        // start of mainstage); afterwards only a change is an event.
        if (!key.equals(lastKey)) {
            lastKey = key;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("score", last.score());
            ev.put("pValue", last.pValue());
            ev.put("threshold", last.threshold());
            ev.put("alpha", last.window().alpha());
            ev.put("topFeatures", features(furthest(last, 3)));
            ev.put("model", model.version());
            ev.put("decidedBy", route.decidedBy());
            if (route.ood() && !route.envelope().isEmpty()) {
                ev.put("envelope", route.envelope());
            }
            if (route.ood() && !route.concurrent().isEmpty()) {
                ev.put("concurrent", route.concurrent());
            }
            ev.put("learnedAdvice", route.ood() ? "suppressed: " + why(route) : "advisory");
            out.add(new Event(w.tEnd(), EventType.ROUTE, route.ood() ? "OUT_OF_DISTRIBUTION" : "IN_DISTRIBUTION",
                    Severity.WATCH, null, List.of(), headline(route, true), ev));
        } else if (!baselineRecorded && gate.unitBaseline() != null && gate.unitBaseline().complete()) {
            // The unit baseline is fixed: the route is restated once with it, so the run's events and
            // the audit log record what the gate took this unit and stand to be.
            baselineRecorded = true;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("restated", true);
            ev.put("unitBaseline", unitBaseline());
            ev.put("pValue", last.pValue());
            ev.put("threshold", last.threshold());
            ev.put("topFeatures", features(furthest(last, 3)));
            ev.put("model", model.version());
            ev.put("decidedBy", route.decidedBy());
            if (route.ood() && !route.envelope().isEmpty()) {
                ev.put("envelope", route.envelope());
            }
            if (route.ood() && !route.concurrent().isEmpty()) {
                ev.put("concurrent", route.concurrent());
            }
            List<String> beyond = beyondFamily();
            out.add(new Event(w.tEnd(), EventType.ROUTE, route.ood() ? "OUT_OF_DISTRIBUTION" : "IN_DISTRIBUTION",
                    Severity.WATCH, null, List.of(),
                    headline(route, false)
                            + "; unit baseline fixed from the first " + model.gate().baseline().windows()
                            + " mainstage windows"
                            + (beyond.isEmpty() ? ", every feature within the family's spread"
                                    : ", beyond the family's spread: " + String.join(", ", beyond)), ev));
            if (route.ood()) {
                advice.withdraw();
            }
        }
        return out;
    }

    /** Why learned advice is suppressed on an out-of-distribution route. */
    private static String why(Route route) {
        return switch (route.decidedBy()) {
            case Route.BY_ENVELOPE -> "outside the qualified envelope";
            case Route.BY_BOTH -> "outside the qualified envelope and the validated distribution";
            case Route.BY_GATE -> "pattern outside the validated distribution";
            default -> route.decidedBy().contains(Route.BY_CONCURRENT) && !route.decidedBy().contains(Route.BY_ENVELOPE)
                    && !route.gateOod() ? "the rules see faults at once; the learned parts were trained on one at a time"
                    : "outside what the learned parts were validated on (" + route.decidedBy() + ")";
        };
    }

    /** The route's sentence: which side, and what decided it (the envelope's excursions, the gate's p and features). */
    private static String headline(Route route, boolean withFeatures) {
        if (!route.ood()) {
            return "In distribution: learned/LLM advice shown as advisory";
        }
        GateResult last = route.gate();
        String p = String.format(Locale.ROOT, "%.3g", last.pValue());
        String gateSide = "pattern outside validated distribution (p = " + p
                + (withFeatures ? "; " + String.join(", ", features(furthest(last, 2))) : "") + ")";
        String envelope = "outside the qualified envelope (" + String.join("; ", route.envelope()) + ")";
        String concurrent = "the rules see faults at once (" + String.join("; ", route.concurrent())
                + "), the learned parts were trained on one at a time";
        return switch (route.decidedBy()) {
            case Route.BY_GATE -> "Rules authoritative: " + gateSide;
            case Route.BY_ENVELOPE -> "Rules authoritative: " + envelope
                    + ", where the learned parts were not validated (gate p = " + p + ")";
            case Route.BY_BOTH -> "Rules authoritative: " + envelope + " and " + gateSide;
            case Route.BY_CONCURRENT -> "Rules authoritative: " + concurrent + " (gate p = " + p + ")";
            default -> "Rules authoritative: " + String.join(" and ", java.util.stream.Stream.of(
                    route.envelope().isEmpty() ? null : envelope, route.concurrent().isEmpty() ? null : concurrent,
                    route.gateOod() ? gateSide : null).filter(java.util.Objects::nonNull).toList());
        };
    }

    /** The run's unit baseline for the record: per feature its offset, and the family bound. */
    private Map<String, Object> unitBaseline() {
        UnitBaseline b = model.gate().baseline();
        double[] off = gate.unitBaseline().offsets();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("windows", b.windows());
        Map<String, Object> feats = new LinkedHashMap<>();
        List<Feature> fs = model.gate().scorer().features();
        for (int j = 0; j < fs.size(); j++) {
            feats.put(fs.get(j).name(), List.of(round(off[j]), round(b.bound()[j])));
        }
        m.put("offsetAndBound", feats);
        return m;
    }

    /** Features whose unit baseline lay materially beyond the family's spread, with by how much. */
    private List<String> beyondFamily() {
        UnitBaseline b = model.gate().baseline();
        boolean[] clipped = gate.unitBaseline().clipped();
        double[] raw = gate.unitBaseline().rawOffsets();
        List<Feature> fs = model.gate().scorer().features();
        double[] scale = model.gate().scorer().standardizer().scale();
        List<String> out = new ArrayList<>();
        for (int j = 0; j < fs.size(); j++) {
            // Named when the excess beyond the family's bound is at least one robust spread of the
            // family's windows: smaller excesses are within what the scorer treats as noise.
            double excess = Math.abs(raw[j]) - b.bound()[j];
            if (clipped[j] && excess >= scale[j]) {
                out.add(String.format(Locale.ROOT, "%s %+.4g (family ±%.3g, %.1f spreads beyond)",
                        fs.get(j).name(), raw[j], b.bound()[j], excess / scale[j]));
            }
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    /**
     * The window's features furthest from the family: largest |z| first (z against the family's
     * windows, after the unit baseline; θ by its excess beyond the trained range). Ranking by the
     * k-NN contribution instead would name what differs from the nearest reference windows, which
     * may be fault windows (learned/README.md "Limits"); an engineer asks how far from the family.
     */
    static List<Contribution> furthest(GateResult r, int n) {
        Map<String, Contribution> byFeature = new LinkedHashMap<>();
        for (Contribution c : r.window().contributions()) {
            if (Double.isFinite(c.z())) {
                byFeature.putIfAbsent(c.feature(), c);   // a trimmed sensor may be listed twice
            }
        }
        return byFeature.values().stream()
                .sorted(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.z()))).limit(n).toList();
    }

    /**
     * The features that make a window unusual, each with how far beyond the family it lies: z, the
     * feature (relative to the run's unit baseline) in robust spreads of the training family's
     * windows; for the operating point, the power level and how far outside the trained range.
     */
    static List<String> features(List<Contribution> top) {
        List<String> out = new ArrayList<>();
        for (Contribution c : top) {
            String name = c.channel() == null || c.feature().contains("(") ? c.feature() : c.feature() + "(" + c.channel() + ")";
            if (OodScorer.OPERATING_POINT.equals(c.feature())) {
                out.add(String.format(Locale.ROOT, "%s %.3f (%.1f op units beyond the trained range)", name,
                        c.value(), c.z()));
            } else if (Double.isFinite(c.z())) {
                out.add(String.format(Locale.ROOT, "%s (z %+.1f vs the family)", name, c.z()));
            } else {
                out.add(name);
            }
        }
        return out;
    }
}
