package io.hotfire.pipeline;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.gate.GateResult;
import io.hotfire.learned.gate.GateSession;
import io.hotfire.rules.fact.GateFact;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hybrid router of one domain: per window, the out-of-distribution gate decides the route.
 * In distribution the learned pattern model may add an advisory hypothesis (an ADVICE event, shown
 * apart, never a severity or a recommendation; {@link LearnedAdvice}) and may narrow a rule ambiguity
 * group; out of distribution its advice is suppressed — the ROUTE event says so and why
 * ({@link RouteEvents}) — and the rules are authoritative ({@link Verdict}). Out of distribution means
 * the gate's score says so, or the rules hold an envelope excursion (a power level or operating
 * condition outside its qualified range: the learned parts were validated on the engine family inside
 * its envelope; {@link Route}). The gate's own verdict is also a fact the rules see (RT-001: an
 * unknown anomaly).
 */
public final class Router {

    private final LearnedModel model;
    private final AdviceSettings advice;
    private final LearnedAdvice learnedAdvice;

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
    public Router(LearnedModel model, AdviceSettings advice, EngineProfile profile) {
        this.model = model;
        this.advice = advice;
        this.learnedAdvice = new LearnedAdvice(model, advice, profile);
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
        private final RouteEvents route;
        private final LearnedAdvice.Run learned;
        private final Verdict verdict;
        private double oodSince = Double.NaN;
        private GateResult last;
        /** The rules' envelope excursions holding the route out of distribution. */
        private final Hold envelope = new Hold();
        /** The concurrent faults the rules saw holding the route out of distribution. */
        private final Hold concurrent = new Hold();
        private Route current = new Route(false, false, List.of(), null);

        Session(GateSession gate) {
            this.gate = gate;
            this.route = new RouteEvents(model, gate);
            this.learned = learnedAdvice.start(gate);
            this.verdict = new Verdict(model.version(), advice.probability());
        }

        /** Scores the window; returns the gate fact for the rules (null when the window is not scored). */
        public GateFact gate(WindowSnapshot w) {
            return gate(w, Set.of());
        }

        /**
         * As {@link #gate(WindowSnapshot)}, with the sensors the rules doubted after the window before (disqualified
         * or with sensor-fault evidence) — plain data: when the model's gate trims doubted sensors they are left out
         * of its score, so a failed sensor does not make the pattern novel while a shift on healthy channels counts.
         * The fact the rules get is the gate's own verdict; the route also weighs the envelope ({@link #route}).
         */
        public GateFact gate(WindowSnapshot w, Set<String> doubtedSensors) {
            last = null;   // a gate that fails on this window leaves it unrouted, not routed on the window before
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
                    RouteEvents.features(RouteEvents.furthest(last, 3)), model.version());
        }

        /**
         * Decides the route of the window just gated, once the rules have seen it: out of distribution when the gate
         * says so, or by construction while the rules hold an envelope excursion — the learned parts were validated on
         * the engine family inside its qualified envelope, never outside it. An excursion takes the route out at once;
         * it comes back after the gate's persistence of windows without one (as the gate itself clears), so a quantity
         * hovering at a range's edge does not flap the route.
         *
         * @param excursions the rules' envelope excursions in this window, described ({@code RuleSession
         *                   .excursionsDescribed()}: plain text, so {@code learned} and {@code rules} stay apart)
         */
        public Route route(Set<String> excursions) {
            return route(excursions, Set.of());
        }

        /**
         * As {@link #route(Set)}, with the faults the rules see at once in this window, described (a process finding
         * with a sensor they doubt, or two distinct findings): with the domain's {@code advice.concurrentFaults} they
         * take the route out of distribution at once, by construction — the learned parts were trained on one fault
         * at a time — and it comes back after the gate's persistence of windows without them. Without the setting
         * they are ignored.
         */
        public Route route(Set<String> excursions, Set<String> concurrentFaults) {
            if (last == null || !last.window().scored()) {
                current = new Route(false, false, List.of(), last);
                return current;
            }
            List<String> outside = envelope.update(List.copyOf(excursions), gate.persistence());
            List<String> faults = concurrent.update(advice.concurrentFaults() && !concurrentFaults.isEmpty()
                    ? List.copyOf(new java.util.TreeSet<>(concurrentFaults)) : List.of(), gate.persistence());
            current = new Route(last.ood() || !outside.isEmpty() || !faults.isEmpty(), last.ood(), outside, last, faults);
            return current;
        }

        /**
         * The ROUTE event of the window just routed ({@link #route}): the run's first scored window, each change of
         * the route or of what decided it, and the restatement once the unit baseline is fixed.
         */
        public List<Event> routeEvents(WindowSnapshot w) {
            return route.events(w, current, learned);
        }

        /** The ADVICE event of the window just routed (in distribution only), given the findings the rules left standing. */
        public List<Event> adviceEvents(WindowSnapshot w, Set<String> standingFindings) {
            return adviceEvents(w, standingFindings, Set.of());
        }

        /**
         * The ADVICE event of the window just routed (in distribution only).
         *
         * @param standingFindings the findings the rules left standing (an advice may narrow a group)
         * @param doubtedSensors   sensors the rules disqualified or hold sensor-fault evidence against: their
         *                         inputs are left out before the answer is judged, and an advice that stood on
         *                         them is withdrawn
         */
        public List<Event> adviceEvents(WindowSnapshot w, Set<String> standingFindings, Set<String> doubtedSensors) {
            return learned.events(w, last, current.ood(), standingFindings, doubtedSensors);
        }

        /** The DIAGNOSIS event of this window if the hybrid's verdict changed ({@link Verdict}). */
        public List<Event> verdictEvents(WindowSnapshot w, Map<String, Severity> standing) {
            return verdictEvents(w, standing, Set.of());
        }

        /**
         * As {@link #verdictEvents(WindowSnapshot, Map)}, the rules' sensor findings ({@code SENSOR_BIAS@P_F_INJ},
         * sensors they disqualified) counting as rule findings: the rules are not silent then, so no advice stands in.
         */
        public List<Event> verdictEvents(WindowSnapshot w, Map<String, Severity> standing, Set<String> sensorFindings) {
            return verdict.events(w, last, current.ood(), standing, sensorFindings, learned.advised());
        }

        /** The route of the window just routed (gate or envelope). */
        public boolean ood() {
            return current.ood();
        }

        /** The route of the window just routed, and what decided it. */
        public Route current() {
            return current;
        }

        public GateResult last() {
            return last;
        }
    }

    /**
     * What the rules hold the route out of distribution by (envelope excursions, concurrent faults): taken at once
     * when seen, released after {@code persistence} scored windows without it, as the gate itself clears, so a
     * reason flickering at its edge does not flap the route.
     */
    private static final class Hold {
        private List<String> reasons = List.of();
        /** Scored windows without a reason since one last held the route. */
        private int clearFor;

        /** The reasons holding the route after a window in which the rules saw {@code seen} (empty: none). */
        List<String> update(List<String> seen, int persistence) {
            if (!seen.isEmpty()) {
                reasons = seen;
                clearFor = 0;
            } else if (!reasons.isEmpty() && ++clearFor >= persistence) {
                reasons = List.of();
            }
            return reasons;
        }
    }
}
