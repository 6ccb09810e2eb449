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

    public Router(LearnedModel model) {
        this(model, AdviceSettings.DEFAULT);
    }

    /** @param advice when a learned answer is advised (per domain, learned.yaml {@code advice:}) */
    public Router(LearnedModel model, AdviceSettings advice) {
        this.model = model;
        this.advice = advice;
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
    public final class Session {
        private final GateSession gate;
        private double oodSince = Double.NaN;
        private String candidate;
        private int candidateWindows;
        private String advised;
        private GateResult last;

        Session(GateSession gate) {
            this.gate = gate;
        }

        /** Scores the window; returns the gate fact for the rules (null when the window is not scored). */
        public GateFact gate(WindowSnapshot w) {
            last = gate.update(w);
            if (!last.window().scored()) {
                return null;
            }
            if (last.ood() && Double.isNaN(oodSince)) {
                oodSince = w.tEnd();
            } else if (!last.ood()) {
                oodSince = Double.NaN;
            }
            return new GateFact(last.ood(), last.ood() ? w.tEnd() - oodSince : 0, last.pValue(), last.threshold(),
                    features(last.top(3)), model.version());
        }

        private boolean announced;

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
                ev.put("topFeatures", features(last.top(3)));
                ev.put("model", model.version());
                ev.put("learnedAdvice", last.ood() ? "suppressed: pattern outside the validated distribution" : "advisory");
                out.add(new Event(w.tEnd(), EventType.ROUTE, last.ood() ? "OUT_OF_DISTRIBUTION" : "IN_DISTRIBUTION",
                        Severity.WATCH, null, List.of(),
                        last.ood() ? "Rules authoritative: pattern outside validated distribution (p = "
                                + String.format(java.util.Locale.ROOT, "%.3g", last.pValue()) + "; "
                                + String.join(", ", features(last.top(2))) + ")"
                                : "In distribution: learned/LLM advice shown as advisory", ev));
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
            List<Event> out = new ArrayList<>();
            if (last == null || !last.window().scored() || last.ood()) {
                return out;
            }
            Prediction p = model.classifier().predict(w);
            String code = p.scored() && p.fault() && p.best().probability() >= advice.probability() ? p.best().code() : null;
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
            if (last == null || !last.window().scored()) {
                return List.of();
            }
            List<String> ruled = new ArrayList<>();
            standing.forEach((code, sev) -> {
                if (sev.atLeast(Severity.WARNING)) {
                    ruled.add(code);
                }
            });
            String code;
            String source;
            if (!ruled.isEmpty()) {
                code = String.join("+", ruled);
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

    static List<String> features(List<Contribution> top) {
        List<String> out = new ArrayList<>();
        for (Contribution c : top) {
            out.add(c.channel() == null || c.feature().contains("(") ? c.feature() : c.feature() + "(" + c.channel() + ")");
        }
        return out;
    }
}
