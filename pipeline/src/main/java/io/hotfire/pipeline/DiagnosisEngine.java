package io.hotfire.pipeline;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.observation.ObservationFact;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.rules.engine.RuleEngine;
import io.hotfire.rules.engine.RuleInfo;
import io.hotfire.rules.engine.RuleSession;
import io.hotfire.rules.engine.RuleSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The diagnosis pipeline of one domain: the profile, the compiled rule set (core rules plus the
 * domain folder's {@code rules/*.drl}) and a factory of per-run monitors. Thread-safe; build one
 * per domain at start-up (compiling the rules takes about a second).
 */
public final class DiagnosisEngine {

    private final EngineProfile profile;
    private final RuleEngine rules;
    private final List<RuleSource> sources;
    private final Router router;
    private final AdviceSettings advice;
    private volatile WhyNot whyNot;

    private DiagnosisEngine(EngineProfile profile, RuleEngine rules, List<RuleSource> sources, Router router,
            AdviceSettings advice) {
        this.profile = profile;
        this.rules = rules;
        this.sources = List.copyOf(sources);
        this.router = router;
        this.advice = advice;
    }

    /**
     * The same rules with the hybrid router: the OOD gate and learned model of {@code model} route
     * every window (ROUTE and ADVICE events, the gate's verdict as a fact for the rules).
     */
    public DiagnosisEngine withRouter(io.hotfire.learned.LearnedModel model) {
        if (!model.trainedOn(profile)) {
            throw new IllegalArgumentException("learned model " + model.version() + " was trained on another version of profile "
                    + profile.id());
        }
        return withRouter(model, advice);
    }

    /** As {@link #withRouter(io.hotfire.learned.LearnedModel)}, with other advice settings than the domain's (tests, sweeps). */
    DiagnosisEngine withRouter(io.hotfire.learned.LearnedModel model, AdviceSettings settings) {
        if (!model.trainedOn(profile)) {
            throw new IllegalArgumentException("learned model " + model.version() + " was trained on another version of profile "
                    + profile.id());
        }
        return new DiagnosisEngine(profile, rules, sources, new Router(model, settings, profile), settings);
    }

    /**
     * What every decision of a run opened now is made with: the rule-set version, and with a router
     * also the learned model's ({@code gg1-<hash>+learned-<sha12>}) — stored with each event.
     */
    public String decisionVersion() {
        return router == null ? rules.version() : rules.version() + "+" + router.model().version();
    }

    /** The learned model's version, or null without a router. */
    public String modelVersion() {
        return router == null ? null : router.model().version();
    }

    /** The why-not explainer of this rule set, compiled on first use (it doubles the rule count). */
    public WhyNot whyNot() {
        WhyNot w = whyNot;
        if (w == null) {
            synchronized (this) {
                if (whyNot == null) {
                    whyNot = new WhyNot(profile, sources, rules.rules());
                }
                w = whyNot;
            }
        }
        return w;
    }

    public static DiagnosisEngine load(DomainCatalog.Domain domain) {
        return load(domain, true);
    }

    /**
     * @param domainRules false for the redline-only arm: core sensor validation, limits and
     *                    recommendation, without the domain's fault-isolation rules
     */
    public static DiagnosisEngine load(DomainCatalog.Domain domain, boolean domainRules) {
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        if (domainRules) {
            sources.addAll(RuleSource.folder(domain.rulesFolder()));
        }
        return new DiagnosisEngine(domain.profile(), RuleEngine.compile(domain.profile(), sources), sources, null,
                AdviceSettings.forDomain(domain));
    }

    public EngineProfile profile() {
        return profile;
    }

    /** Content hash of the profile and every rule file. */
    public String ruleSetVersion() {
        return rules.version();
    }

    public List<RuleInfo> rules() {
        return rules.rules();
    }

    /** When a learned answer is advised (the domain's learned.yaml {@code advice:}); a router attached later uses these. */
    public AdviceSettings advice() {
        return advice;
    }

    public RunMonitor open(String runId) {
        return open(runId, null);
    }

    /**
     * As {@link #open(String)}, and {@code onGate} sees every window with the hybrid router's route for it — the
     * gate's result, the route and what decided it (evaluation: the route the hybrid itself took; ignored without a
     * router).
     */
    public RunMonitor open(String runId,
            java.util.function.BiConsumer<WindowSnapshot, Route> onGate) {
        return new Monitor(runId, new WindowBuilder(profile), rules.newSession(), decisionVersion(),
                router == null ? null : router.session(), onGate);
    }

    /**
     * The faults the rules see at once, described for the route: each standing finding with the sensors they
     * doubt ({@code TP_BEARING_WEAR with doubted T_TURB_EX}), or, without a doubted sensor, two or more distinct
     * findings ({@code A with B}). Empty when they see one fault or none. Plain text: the router does not depend
     * on the rules' facts.
     */
    static java.util.Set<String> concurrentFaults(java.util.Set<String> findings, java.util.Set<String> doubted) {
        if (findings.isEmpty() || (doubted.isEmpty() && findings.size() < 2)) {
            return java.util.Set.of();
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        if (!doubted.isEmpty()) {
            for (String f : findings) {
                out.add(f + " with doubted " + String.join(", ", new java.util.TreeSet<>(doubted)));
            }
        } else {
            out.add(String.join(" with ", new java.util.TreeSet<>(findings)));
        }
        return out;
    }

    /** Frames → windows → rules → events, for one run. */
    private static final class Monitor implements RunMonitor {
        private final String runId;
        private final WindowBuilder windows;
        private final RuleSession session;
        private final String version;
        private final Router.Session route;
        private long lastSeq = Long.MIN_VALUE;
        private List<ObservationFact> observations = List.of();
        private final java.util.function.BiConsumer<WindowSnapshot, Route> onGate;
        /** The sensors the rules doubted after the window before: the gate may leave them out of its score. */
        private java.util.Set<String> doubted = java.util.Set.of();

        Monitor(String runId, WindowBuilder windows, RuleSession session, String version, Router.Session route,
                java.util.function.BiConsumer<WindowSnapshot, Route> onGate) {
            this.runId = runId;
            this.windows = windows;
            this.session = session;
            this.version = version;
            this.route = route;
            this.onGate = onGate;
        }

        @Override
        public List<Event> accept(Frame frame) {
            if (frame.seq() <= lastSeq) {
                throw new IllegalArgumentException("run " + runId + ": frame seq " + frame.seq()
                        + " is not after the last one fed (" + lastSeq + ")");
            }
            lastSeq = frame.seq();
            WindowSnapshot w = windows.add(frame);
            if (w == null) {
                return List.of();
            }
            if (route == null) {
                return session.evaluate(w, observations);
            }
            // The rule session supervises itself; the learned route is advisory, so a failure there
            // costs this window its route and advice, never the rules' diagnosis.
            List<Event> events = new ArrayList<>();
            io.hotfire.rules.fact.GateFact gate = null;
            try {
                // The gate is scored before the rules see this window, so it gets their doubts of the window before.
                gate = route.gate(w, doubted);
            } catch (RuntimeException e) {
                routeFault(w, e, events);
            }
            events.addAll(session.evaluate(w, withObservations(gate == null ? List.of() : List.of(gate))));
            for (Event e : events) {
                if (e.type() == io.hotfire.domain.event.EventType.SENSOR && e.sensor() != null) {
                    sensorFindings.add(e.code() + "@" + e.sensor());
                }
            }
            try {
                // The route is decided once the rules have seen the window: the gate's verdict, or their envelope
                // excursions of this window (plain text: the router does not depend on the rules' facts).
                // Advice never rests on a sensor the rules doubt: disqualified, or with fault evidence now.
                java.util.Set<String> doubtedNow = new java.util.TreeSet<>(session.disqualifiedSensors());
                doubtedNow.addAll(session.suspectSensors());
                Route r = route.route(session.excursionsDescribed(), DiagnosisEngine.concurrentFaults(session.findings(), doubtedNow));
                if (onGate != null) {
                    onGate.accept(w, r);
                }
                events.addAll(route.routeEvents(w));
                doubted = java.util.Set.copyOf(doubtedNow);
                events.addAll(route.adviceEvents(w, session.findings(), doubtedNow));
                events.addAll(route.verdictEvents(w, session.findingSeverities(), sensorFindings));
            } catch (RuntimeException e) {
                routeFault(w, e, events);
            }
            return events;
        }

        private final java.util.Set<String> routeFaults = new java.util.HashSet<>();

        /** The rules' sensor findings of this run ({@code SENSOR_BIAS@P_F_INJ}): disqualifications are latched. */
        private final java.util.Set<String> sensorFindings = new java.util.TreeSet<>();

        /** A DIAGNOSIS_FAULT for the learned route, once per run and exception class. */
        private void routeFault(WindowSnapshot w, RuntimeException e, List<Event> events) {
            if (!routeFaults.add(e.getClass().getName())) {
                return;
            }
            java.util.Map<String, Object> ev = new java.util.LinkedHashMap<>();
            ev.put("exception", e.getClass().getName());
            ev.put("detail", String.valueOf(e.getMessage()));
            ev.put("component", "router");
            ev.put("window", w.index());
            ev.put("windowT", w.tEnd());
            events.add(new Event(w.tEnd(), io.hotfire.domain.event.EventType.DIAGNOSIS_FAULT, "DIAGNOSIS_FAULT",
                    io.hotfire.domain.event.Severity.WARNING, null, List.of(),
                    "learned route failed on window " + w.index() + " with " + e.getClass().getSimpleName()
                            + "; rules alone decide this window, diagnosis goes on", ev));
        }

        /** Accepted observations: facts for every later window, beside the window's own evidence. */
        @Override
        public void observations(List<ObservationFact> accepted) {
            observations = List.copyOf(accepted);
        }

        private List<Object> withObservations(List<?> facts) {
            List<Object> all = new ArrayList<>(facts);
            all.addAll(observations);
            return all;
        }

        @Override
        public String ruleSetVersion() {
            return version;
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
