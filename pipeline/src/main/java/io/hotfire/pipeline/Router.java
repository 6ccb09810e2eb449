package io.hotfire.pipeline;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.classify.CodeProbability;
import io.hotfire.learned.classify.Prediction;
import io.hotfire.learned.gate.Contribution;
import io.hotfire.learned.gate.GateResult;
import io.hotfire.learned.gate.GateSession;
import io.hotfire.rules.fact.GateFact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hybrid router of one domain: per window, the out-of-distribution gate decides the route.
 * In distribution the learned pattern model may add an advisory hypothesis (an ADVICE event, shown
 * apart, never a severity or a recommendation) and may narrow a rule ambiguity group; out of
 * distribution its advice is suppressed — the ROUTE event says so and why — and the rules are
 * authoritative. The gate's verdict is also a fact the rules see (RT-001: an unknown anomaly).
 */
public final class Router {

    private final LearnedModel model;
    private final AdviceSettings advice;
    /** Per sensor, the classifier inputs that carry it: its own statistics and those of quantities derived from it. */
    private final Map<String, int[]> inputsOf;
    /** Per gate feature, the classifier input of the same name (-1: none): where a unit offset applies. */
    private final int[] unitInput;

    public Router(LearnedModel model) {
        this(model, AdviceSettings.DEFAULT);
    }

    /** @param advice when a learned answer is advised (per domain, learned.yaml {@code advice:}) */
    public Router(LearnedModel model, AdviceSettings advice) {
        this(model, advice, null);
    }

    /**
     * @param profile the domain's profile, for which derived quantities each sensor enters (null: a sensor's own
     *                statistics only)
     */
    public Router(LearnedModel model, AdviceSettings advice, io.hotfire.domain.profile.EngineProfile profile) {
        this.model = model;
        this.advice = advice;
        this.inputsOf = inputsBySensor(model, profile);
        List<io.hotfire.learned.feature.Feature> gateFeatures = model.gate().scorer().features();
        List<io.hotfire.learned.feature.Feature> clFeatures = model.classifier().features();
        this.unitInput = new int[gateFeatures.size()];
        for (int j = 0; j < unitInput.length; j++) {
            unitInput[j] = clFeatures.indexOf(gateFeatures.get(j));
        }
    }

    /** Sensor id → indices of the classifier's raw inputs computed from it (directly or through derived quantities). */
    static Map<String, int[]> inputsBySensor(LearnedModel model, io.hotfire.domain.profile.EngineProfile profile) {
        Map<String, Set<String>> sensorsOfChannel = new java.util.HashMap<>();
        if (profile != null) {
            Set<String> sensorIds = new java.util.HashSet<>();
            profile.sensors().forEach(s -> sensorIds.add(s.id()));
            Map<String, List<String>> vars = new java.util.HashMap<>();
            profile.derived().forEach(d -> vars.put(d.id(), d.expression().variables()));
            for (String d : vars.keySet()) {
                Set<String> out = new java.util.TreeSet<>();
                java.util.Deque<String> todo = new java.util.ArrayDeque<>(vars.get(d));
                Set<String> seen = new java.util.HashSet<>();
                while (!todo.isEmpty()) {
                    String v = todo.pop();
                    if (!seen.add(v)) {
                        continue;
                    }
                    if (sensorIds.contains(v)) {
                        out.add(v);
                    } else if (vars.containsKey(v)) {
                        todo.addAll(vars.get(v));
                    }
                }
                sensorsOfChannel.put(d, out);
            }
        }
        List<io.hotfire.learned.feature.Feature> fs = model.classifier().features();
        Map<String, List<Integer>> idx = new java.util.TreeMap<>();
        for (int j = 0; j < fs.size(); j++) {
            String ch = fs.get(j).channel();
            Set<String> sensors = sensorsOfChannel.getOrDefault(ch, Set.of(ch));
            for (String sensor : sensors) {
                idx.computeIfAbsent(sensor, k -> new ArrayList<>()).add(j);
            }
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        idx.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    public AdviceSettings advice() {
        return advice;
    }

    public LearnedModel model() {
        return model;
    }

    public Session session() {
        return new Session(model.gate().session());
    }

    /** One run's routing state. Not thread-safe: one window at a time, in order. */
    /** Longest code the event store keeps (run_event.code VARCHAR(100)). */
    static final int MAX_CODE = 100;

    /**
     * The verdict's code: its members joined by '+', at most {@value #MAX_CODE} characters (the event
     * store's code column). A run with many disqualified sensors (every channel of a missing CSV
     * column dead) once made a 608-character code whose insert failed, and the whole batch with it;
     * beyond the limit the code names the members that fit and how many more there are, and the
     * event's evidence lists them all ({@code members}).
     */
    static String verdictCode(List<String> members) {
        String all = String.join("+", members);
        if (all.length() <= MAX_CODE) {
            return all;
        }
        StringBuilder code = new StringBuilder();
        int shown = 0;
        for (String m : members) {
            String more = "+" + (members.size() - shown - 1) + " more";
            String next = (shown == 0 ? "" : "+") + m;
            if (code.length() + next.length() + more.length() > MAX_CODE) {
                break;
            }
            code.append(next);
            shown++;
        }
        return code + (shown == 0 ? "" : "+") + (members.size() - shown) + " more";
    }

    public final class Session {
        private final GateSession gate;
        private double oodSince = Double.NaN;
        private String candidate;
        private int candidateWindows;
        private String advised;
        private GateResult last;
        /** Fault codes the classifier named while the unit baseline was being learned: this unit's look, not a fault. */
        private final Set<String> unitLook = new java.util.TreeSet<>();

        Session(GateSession gate) {
            this.gate = gate;
        }

        /** Scores the window; returns the gate fact for the rules (null when the window is not scored). */
        public GateFact gate(WindowSnapshot w) {
            return gate(w, Set.of());
        }

        /**
         * As {@link #gate(WindowSnapshot)}, with the sensors the rules doubted after the window before (disqualified
         * or with sensor-fault evidence) — plain data: when the model's gate trims doubted sensors they are left out
         * of its score, so a failed sensor does not make the pattern novel while a shift on healthy channels counts.
         */
        public GateFact gate(WindowSnapshot w, Set<String> doubtedSensors) {
            last = gate.update(w, doubtedSensors);
            if (!last.window().scored()) {
                return null;
            }
            if (last.ood() && Double.isNaN(oodSince)) {
                oodSince = w.tEnd();
            } else if (!last.ood()) {
                oodSince = Double.NaN;
            }
            return new GateFact(last.ood(), last.ood() ? w.tEnd() - oodSince : 0, last.pValue(), last.threshold(),
                    features(furthest(last, 3)), model.version());
        }

        private boolean announced;
        private boolean baselineRecorded;

        /** The run's unit baseline for the record: per feature its offset, and the family bound. */
        private Map<String, Object> unitBaseline() {
            io.hotfire.learned.gate.UnitBaseline b = model.gate().baseline();
            double[] off = gate.unitBaseline().offsets();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("windows", b.windows());
            Map<String, Object> feats = new LinkedHashMap<>();
            List<io.hotfire.learned.feature.Feature> fs = model.gate().scorer().features();
            for (int j = 0; j < fs.size(); j++) {
                feats.put(fs.get(j).name(), List.of(round(off[j]), round(b.bound()[j])));
            }
            m.put("offsetAndBound", feats);
            return m;
        }

        /** Features whose unit baseline lay materially beyond the family's spread, with by how much. */
        private List<String> beyondFamily() {
            io.hotfire.learned.gate.UnitBaseline b = model.gate().baseline();
            boolean[] clipped = gate.unitBaseline().clipped();
            double[] raw = gate.unitBaseline().rawOffsets();
            List<io.hotfire.learned.feature.Feature> fs = model.gate().scorer().features();
            double[] scale = model.gate().scorer().standardizer().scale();
            List<String> out = new ArrayList<>();
            for (int j = 0; j < fs.size(); j++) {
                // Named when the excess beyond the family's bound is at least one robust spread of the
                // family's windows: smaller excesses are within what the scorer treats as noise.
                double excess = Math.abs(raw[j]) - b.bound()[j];
                if (clipped[j] && excess >= scale[j]) {
                    out.add(String.format(java.util.Locale.ROOT, "%s %+.4g (family ±%.3g, %.1f spreads beyond)",
                            fs.get(j).name(), raw[j], b.bound()[j], excess / scale[j]));
                }
            }
            return out;
        }

        private static double round(double v) {
            return Math.round(v * 1e6) / 1e6;
        }

        /** The ROUTE event of the window just gated: the run's first scored window, then each route change. */
        public List<Event> routeEvents(WindowSnapshot w) {
            List<Event> out = new ArrayList<>();
            if (last == null || !last.window().scored()) {
                return out;
            }
            // The first scored window establishes the route (readers need one to state trust from the
            // start of mainstage); afterwards only a change is an event.
            if (last.changed() || !announced) {
                announced = true;
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("score", last.score());
                ev.put("pValue", last.pValue());
                ev.put("threshold", last.threshold());
                ev.put("alpha", last.window().alpha());
                ev.put("topFeatures", features(furthest(last, 3)));
                ev.put("model", model.version());
                ev.put("learnedAdvice", last.ood() ? "suppressed: pattern outside the validated distribution" : "advisory");
                out.add(new Event(w.tEnd(), EventType.ROUTE, last.ood() ? "OUT_OF_DISTRIBUTION" : "IN_DISTRIBUTION",
                        Severity.WATCH, null, List.of(),
                        last.ood() ? "Rules authoritative: pattern outside validated distribution (p = "
                                + String.format(java.util.Locale.ROOT, "%.3g", last.pValue()) + "; "
                                + String.join(", ", features(furthest(last, 2))) + ")"
                                : "In distribution: learned/LLM advice shown as advisory", ev));
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
                List<String> beyond = beyondFamily();
                out.add(new Event(w.tEnd(), EventType.ROUTE, last.ood() ? "OUT_OF_DISTRIBUTION" : "IN_DISTRIBUTION",
                        Severity.WATCH, null, List.of(),
                        (last.ood() ? "Rules authoritative: pattern outside validated distribution (p = "
                                + String.format(java.util.Locale.ROOT, "%.3g", last.pValue()) + ")"
                                : "In distribution: learned/LLM advice shown as advisory")
                                + "; unit baseline fixed from the first " + model.gate().baseline().windows()
                                + " mainstage windows"
                                + (beyond.isEmpty() ? ", every feature within the family's spread"
                                        : ", beyond the family's spread: " + String.join(", ", beyond)), ev));
                if (last.ood()) {
                    candidate = null;
                    candidateWindows = 0;
                    advised = null;
                }
            }
            return out;
        }

        /** The ADVICE event of the window just gated (in distribution only), given the findings the rules left standing. */
        public List<Event> adviceEvents(WindowSnapshot w, Set<String> standingFindings) {
            return adviceEvents(w, standingFindings, Set.of());
        }

        /**
         * The ADVICE event of the window just gated (in distribution only).
         *
         * @param standingFindings the findings the rules left standing (an advice may narrow a group)
         * @param doubtedSensors   sensors the rules disqualified or hold sensor-fault evidence against: their
         *                         inputs are left out before the answer is judged, and an advice that stood on
         *                         them is withdrawn
         */
        public List<Event> adviceEvents(WindowSnapshot w, Set<String> standingFindings, Set<String> doubtedSensors) {
            List<Event> out = new ArrayList<>();
            if (last == null || !last.window().scored() || last.ood()) {
                return out;
            }
            Prediction p = model.classifier().predict(w);
            String code = p.scored() && p.fault() && p.best().probability() >= advice.probability() ? p.best().code() : null;
            if (advice.withoutUnitOffsets() && p.fault() && gate.unitBaseline() != null && !gate.unitBaseline().complete()
                    && p.best().probability() >= 0.5) {
                unitLook.add(p.best().code());
            }
            double[] raw = null;
            if (p.scored() && (!doubtedSensors.isEmpty() || advice.leaveOneSensorOut() || advice.withoutUnitOffsets())) {
                raw = model.classifier().inputs(w);
                blank(raw, doubtedSensors);
            }
            if (advised != null && !doubtedSensors.isEmpty() && raw != null && !holds(raw, advised, 0)) {
                advised = null;   // it stood on a sensor the rules now doubt: withdrawn
            }
            if (code != null && raw != null && !robust(raw, code, doubtedSensors)) {
                code = null;
            }
            if (code != null && code.equals(candidate)) {
                candidateWindows++;
            } else {
                candidate = code;
                candidateWindows = code == null ? 0 : 1;
            }
            if (candidate != null && candidateWindows >= advice.windows() && !candidate.equals(advised)) {
                advised = candidate;
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("advisory", true);
                ev.put("probability", p.best().probability());
                List<String> top = new ArrayList<>();
                for (CodeProbability c : p.top(3)) {
                    top.add(c.code() + " " + String.format(java.util.Locale.ROOT, "%.2f", c.probability()));
                }
                ev.put("top", top);
                ev.put("model", model.version());
                String narrows = null;
                for (String f : standingFindings) {
                    if (f.contains("|") && List.of(f.split("\\|")).contains(candidate)) {
                        narrows = f;
                    }
                }
                if (narrows != null) {
                    ev.put("narrows", narrows);
                }
                out.add(new Event(w.tEnd(), EventType.ADVICE, candidate, Severity.WATCH, null, List.of(),
                        "Advisory (learned pattern model, in distribution): looks like " + candidate
                                + (narrows == null ? "" : ", narrowing " + narrows), ev));
            }
            return out;
        }

        /**
         * Whether {@code code} stays the answer without the doubted sensors (at the advice probability), and, when
         * the domain asks for it, with any one further sensor left out (then it must stay the best class): an
         * answer that one sensor carries alone is what a failed sensor looks like, not a component fault.
         */
        private boolean robust(double[] raw, String code, Set<String> doubted) {
            if (!doubted.isEmpty() && !holds(raw, code, advice.probability())) {
                return false;
            }
            if (advice.withoutUnitOffsets() && model.gate().baseline() != null) {
                io.hotfire.learned.gate.UnitBaseline.State unit = gate.unitBaseline();
                if (unit == null || !unit.complete() || unitLook.contains(code)) {
                    return false;
                }
                double[] off = unit.offsets();
                double[] x = raw.clone();
                for (int j = 0; j < unitInput.length; j++) {
                    if (unitInput[j] >= 0 && !Double.isNaN(x[unitInput[j]])) {
                        x[unitInput[j]] -= off[j];
                    }
                }
                if (!holds(x, code, 0)) {
                    return false;
                }
            }
            if (!advice.leaveOneSensorOut()) {
                return true;
            }
            for (Map.Entry<String, int[]> e : inputsOf.entrySet()) {
                if (doubted.contains(e.getKey())) {
                    continue;
                }
                double[] x = raw.clone();
                for (int j : e.getValue()) {
                    x[j] = Double.NaN;
                }
                if (!holds(x, code, 0)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether {@code code} is the classifier's best class on these raw inputs, at probability ≥ {@code p}. */
        private boolean holds(double[] raw, String code, double p) {
            CodeProbability best = model.classifier().predict(raw).get(0);
            return best.code().equals(code) && best.probability() >= p;
        }

        /** Leaves the sensors' inputs out (missing: the classifier imputes its training median). */
        private void blank(double[] raw, Set<String> sensors) {
            for (String s : sensors) {
                int[] idx = inputsOf.get(s);
                if (idx != null) {
                    for (int j : idx) {
                        raw[j] = Double.NaN;
                    }
                }
            }
        }

        private String verdict = "NONE";
        private String verdictSource = "none";

        /**
         * The DIAGNOSIS event of this window if the hybrid's verdict changed: the rules' findings of at least
         * WARNING severity where there are any (UNKNOWN_ANOMALY among them when RT-001 fired, the gate having
         * called the pattern novel and no rule explaining it); else, in distribution, the learned answer the
         * advice thresholds confirmed, marked advisory; else NONE (abstain). Out of distribution a learned
         * verdict is withdrawn.
         */
        public List<Event> verdictEvents(WindowSnapshot w, Map<String, Severity> standing) {
            return verdictEvents(w, standing, Set.of());
        }

        /**
         * As {@link #verdictEvents(WindowSnapshot, Map)}, the rules' sensor findings ({@code SENSOR_BIAS@P_F_INJ},
         * sensors they disqualified) counting as rule findings: the rules are not silent then, so no advice stands in.
         */
        public List<Event> verdictEvents(WindowSnapshot w, Map<String, Severity> standing, Set<String> sensorFindings) {
            if (last == null || !last.window().scored()) {
                return List.of();
            }
            List<String> ruled = new ArrayList<>();
            standing.forEach((code, sev) -> {
                if (sev.atLeast(Severity.WARNING)) {
                    ruled.add(code);
                }
            });
            ruled.addAll(sensorFindings);
            String code;
            String source;
            if (!ruled.isEmpty()) {
                code = verdictCode(ruled);
                source = "rules";
            } else if (!last.ood() && advised != null) {
                code = advised;
                source = "learned";
            } else {
                code = "NONE";
                source = "none";
            }
            if (code.equals(verdict) && source.equals(verdictSource)) {
                return List.of();
            }
            verdict = code;
            verdictSource = source;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("source", source);
            if (source.equals("rules")) {
                ev.put("members", List.copyOf(ruled));
            }
            ev.put("advisory", source.equals("learned"));
            ev.put("route", last.ood() ? "OUT_OF_DISTRIBUTION" : "IN_DISTRIBUTION");
            if (source.equals("learned")) {
                ev.put("model", model.version());
                ev.put("probabilityThreshold", advice.probability());
            }
            String message = switch (source) {
                case "rules" -> "Verdict: " + code + " (the rules' finding)";
                case "learned" -> "Advisory verdict (learned pattern model, in distribution, above its calibrated confidence): "
                        + code;
                default -> "No verdict: the rules are silent and the learned model abstains"
                        + (last.ood() ? " (pattern outside the validated distribution)" : "");
            };
            return List.of(new Event(w.tEnd(), EventType.DIAGNOSIS, code, Severity.WATCH, null, List.of(), message, ev));
        }

        public boolean ood() {
            return last != null && last.ood();
        }

        public GateResult last() {
            return last;
        }
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
                .sorted(java.util.Comparator.comparingDouble((Contribution c) -> -Math.abs(c.z()))).limit(n).toList();
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
            if (io.hotfire.learned.gate.OodScorer.OPERATING_POINT.equals(c.feature())) {
                out.add(String.format(java.util.Locale.ROOT, "%s %.3f (%.1f op units beyond the trained range)", name,
                        c.value(), c.z()));
            } else if (Double.isFinite(c.z())) {
                out.add(String.format(java.util.Locale.ROOT, "%s (z %+.1f vs the family)", name, c.z()));
            } else {
                out.add(name);
            }
        }
        return out;
    }
}
