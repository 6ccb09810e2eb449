package io.hotfire.pipeline;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.classify.CodeProbability;
import io.hotfire.learned.classify.Prediction;
import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.gate.GateResult;
import io.hotfire.learned.gate.GateSession;
import io.hotfire.learned.gate.UnitBaseline;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When the learned pattern model may advise, in distribution: its best class at the domain's
 * advice probability for the domain's number of consecutive windows, and robust — it still holds
 * without the sensors the rules doubt, without the run's unit offsets, and (when the domain asks)
 * with any one further sensor left out, since an answer one sensor carries alone is what a failed
 * sensor looks like; and, for a code the domain lists its own evidence channels for ({@code advice.evidence}),
 * it rests on them: with their inputs left out the classifier no longer gives it at the advice probability.
 * The classifier's abstention classes (learned.yaml {@code classifier.abstain}) are never advised, and one
 * held for the advice's windows withdraws the advice standing. The advice is an ADVICE event, shown apart,
 * never a severity or a recommendation; it may narrow a rule ambiguity group.
 * Thresholds: learned.yaml {@code advice:}.
 */
final class LearnedAdvice {

    private final LearnedModel model;
    private final AdviceSettings advice;
    /** Per sensor, the classifier inputs that carry it: its own statistics and those of quantities derived from it. */
    private final Map<String, int[]> inputsOf;
    /** Per gate feature, the classifier input of the same name (-1: none): where a unit offset applies. */
    private final int[] unitInput;
    /** Per fault code with {@code advice.evidence}, the classifier inputs of its own evidence channels. */
    private final Map<String, int[]> evidenceInputs;

    /**
     * @param profile the domain's profile, for which derived quantities each sensor enters (null: a sensor's own
     *                statistics only)
     */
    LearnedAdvice(LearnedModel model, AdviceSettings advice, EngineProfile profile) {
        this.model = model;
        this.advice = advice;
        this.inputsOf = inputsBySensor(model, profile);
        List<Feature> gateFeatures = model.gate().scorer().features();
        List<Feature> clFeatures = model.classifier().features();
        this.unitInput = new int[gateFeatures.size()];
        for (int j = 0; j < unitInput.length; j++) {
            unitInput[j] = clFeatures.indexOf(gateFeatures.get(j));
        }
        this.evidenceInputs = evidenceInputs(advice, inputsOf, clFeatures);
    }

    /**
     * Per code of {@code advice.evidence}, the classifier inputs read on its channels: a sensor's own and those of the
     * quantities derived from it, or a derived quantity's own. A channel no input reads is a mistake in the domain's
     * learned.yaml, named.
     */
    static Map<String, int[]> evidenceInputs(AdviceSettings advice, Map<String, int[]> inputsOf, List<Feature> features) {
        Map<String, int[]> out = new LinkedHashMap<>();
        advice.evidence().forEach((code, channels) -> {
            Set<Integer> idx = new TreeSet<>();
            for (String ch : channels) {
                Set<Integer> read = new TreeSet<>();
                for (int j : inputsOf.getOrDefault(ch, new int[0])) {
                    read.add(j);
                }
                for (int j = 0; j < features.size(); j++) {
                    if (features.get(j).channel().equals(ch)) {
                        read.add(j);
                    }
                }
                if (read.isEmpty()) {
                    throw new IllegalArgumentException("learned.yaml: advice.evidence." + code + ": no input of the pattern"
                            + " model reads channel " + ch + " (the classifier's features name the channels it can use)");
                }
                idx.addAll(read);
            }
            out.put(code, idx.stream().mapToInt(Integer::intValue).toArray());
        });
        return out;
    }

    /** Sensor id → indices of the classifier's raw inputs computed from it (directly or through derived quantities). */
    static Map<String, int[]> inputsBySensor(LearnedModel model, EngineProfile profile) {
        Map<String, Set<String>> sensorsOfChannel = new HashMap<>();
        if (profile != null) {
            Set<String> sensorIds = new HashSet<>();
            profile.sensors().forEach(s -> sensorIds.add(s.id()));
            Map<String, List<String>> vars = new HashMap<>();
            profile.derived().forEach(d -> vars.put(d.id(), d.expression().variables()));
            for (String d : vars.keySet()) {
                Set<String> out = new TreeSet<>();
                Deque<String> todo = new ArrayDeque<>(vars.get(d));
                Set<String> seen = new HashSet<>();
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
        List<Feature> fs = model.classifier().features();
        Map<String, List<Integer>> idx = new TreeMap<>();
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

    /** One run's advice state, on the run's gate session. */
    Run start(GateSession gate) {
        return new Run(gate);
    }

    /** One run's advice: the candidate class and for how many windows it held, the advice standing. Not thread-safe. */
    final class Run {
        private final GateSession gate;
        private String candidate;
        private int candidateWindows;
        private String advised;
        /** Consecutive windows the classifier's best class was one of its abstention classes at the advice probability. */
        private int abstainWindows;
        /** Fault codes the classifier named while the unit baseline was being learned: this unit's look, not a fault. */
        private final Set<String> unitLook = new TreeSet<>();

        private Run(GateSession gate) {
            this.gate = gate;
        }

        /** The class advised and still standing (null: none). */
        String advised() {
            return advised;
        }

        /** Withdraws the advice and its candidate (the route went out of distribution). */
        void withdraw() {
            candidate = null;
            candidateWindows = 0;
            abstainWindows = 0;
            advised = null;
        }

        /**
         * The ADVICE event of the window just gated (in distribution only).
         *
         * @param last             the gate's verdict on the window
         * @param ood              the route of the window (the gate's, or an envelope excursion's): nothing is advised
         * @param standingFindings the findings the rules left standing (an advice may narrow a group)
         * @param doubtedSensors   sensors the rules disqualified or hold sensor-fault evidence against: their
         *                         inputs are left out before the answer is judged, and an advice that stood on
         *                         them is withdrawn
         */
        List<Event> events(WindowSnapshot w, GateResult last, boolean ood, Set<String> standingFindings,
                Set<String> doubtedSensors) {
            List<Event> out = new ArrayList<>();
            if (last == null || !last.window().scored() || ood) {
                return out;
            }
            Prediction p = model.classifier().predict(w);
            String code = p.scored() && p.fault() && p.best().probability() >= advice.probability() ? p.best().code() : null;
            // An abstention class (a sensor fault, say: the rules' business) is never advised; held as long as an
            // advice must be, it withdraws the advice standing — the pattern now reads as something not to advise on.
            abstainWindows = p.abstains() && p.best().probability() >= advice.probability() ? abstainWindows + 1 : 0;
            if (abstainWindows >= advice.windows()) {
                advised = null;
            }
            if (advice.withoutUnitOffsets() && p.fault() && gate.unitBaseline() != null && !gate.unitBaseline().complete()
                    && p.best().probability() >= 0.5) {
                unitLook.add(p.best().code());
            }
            double[] raw = null;
            if (p.scored() && (!doubtedSensors.isEmpty() || advice.leaveOneSensorOut() || advice.withoutUnitOffsets()
                    || !evidenceInputs.isEmpty())) {
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
                out.add(adviceEvent(w, p, standingFindings));
            }
            return out;
        }

        private Event adviceEvent(WindowSnapshot w, Prediction p, Set<String> standingFindings) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("advisory", true);
            ev.put("probability", p.best().probability());
            List<String> top = new ArrayList<>();
            for (CodeProbability c : p.top(3)) {
                top.add(c.code() + " " + String.format(Locale.ROOT, "%.2f", c.probability()));
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
            return new Event(w.tEnd(), EventType.ADVICE, candidate, Severity.WATCH, null, List.of(),
                    "Advisory (learned pattern model, in distribution): looks like " + candidate
                            + (narrows == null ? "" : ", narrowing " + narrows), ev);
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
            int[] own = evidenceInputs.get(code);
            if (own != null) {
                // The code's own evidence left out: if the classifier still gives it at the advice probability, the
                // answer rests on the rest of the pattern (on the twin: a nominal unit at the family's edge read as a
                // slow valve through its inlet temperature and flows, while every valve tracked its command).
                double[] x = raw.clone();
                for (int j : own) {
                    x[j] = Double.NaN;
                }
                if (probability(x, code) >= advice.probability()) {
                    return false;
                }
            }
            if (advice.withoutUnitOffsets() && model.gate().baseline() != null) {
                UnitBaseline.State unit = gate.unitBaseline();
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
    }

    /** Whether {@code code} is the classifier's best class on these raw inputs, at probability ≥ {@code p}. */
    private boolean holds(double[] raw, String code, double p) {
        CodeProbability best = model.classifier().predict(raw).get(0);
        return best.code().equals(code) && best.probability() >= p;
    }

    /** The classifier's probability of {@code code} on these raw inputs. */
    private double probability(double[] raw, String code) {
        for (CodeProbability c : model.classifier().predict(raw)) {
            if (c.code().equals(code)) {
                return c.probability();
            }
        }
        return 0;
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
}
