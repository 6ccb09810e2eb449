package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.ChannelFeatures;
import io.hotfire.domain.feature.LimitBreach;
import io.hotfire.domain.feature.PairCheck;
import io.hotfire.domain.feature.SensorHealth;
import io.hotfire.domain.feature.TrackingCheck;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.rules.fact.AbortDecision;
import io.hotfire.rules.fact.AbortLatched;
import io.hotfire.rules.fact.Alarm;
import io.hotfire.rules.fact.Corroboration;
import io.hotfire.rules.fact.Disqualified;
import io.hotfire.rules.fact.Finding;
import io.hotfire.rules.fact.Recommendation;
import io.hotfire.rules.fact.SensorFault;
import io.hotfire.rules.fact.Settings;
import io.hotfire.rules.fact.QualifiedRange;
import io.hotfire.rules.fact.WindowInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The rules' view of one run. Each window's evidence replaces the previous window's; conclusions
 * are logical facts (truth maintenance keeps them exactly as long as their evidence), latches are
 * stated facts. After the rules settle, the session turns changes into events: an alarm raised
 * once and cleared once (after a deadband), a sensor disqualified once, an ABORT once, a
 * recommendation when it changes. Every event names the rules that produced it.
 *
 * <p>Not thread-safe: one per run, one window at a time.
 */
public final class RuleSession implements AutoCloseable {

    private final EngineProfile profile;
    private final Supplier<KieSession> sessions;
    private KieSession session;
    /** Stated facts that hold for the rest of the run (disqualified sensors, the ABORT latch): what a rebuilt session starts from. */
    private final List<Object> latched = new ArrayList<>();
    private int faults;
    private String lastFailure;
    private final double alarmClearSeconds;
    private final List<FactHandle> windowFacts = new ArrayList<>();
    private final Map<Object, String> insertedBy = new IdentityHashMap<>();
    private final Set<Disqualified> reported = new HashSet<>();
    private final Map<String, ActiveAlarm> alarms = new LinkedHashMap<>();
    private final Map<String, ActiveFinding> findings = new LinkedHashMap<>();
    private Recommendation current;
    private String currentRule;
    private boolean abortLatched;

    private record ActiveAlarm(Alarm alarm, String rule, double lastSeen) {
    }

    private record ActiveFinding(Finding finding, String rule, double lastSeen, List<String> observations) {
    }

    RuleSession(EngineProfile profile, Supplier<KieSession> sessions) {
        this.profile = profile;
        this.sessions = sessions;
        this.alarmClearSeconds = profile.validation().alarmClearSeconds();
        this.session = start(List.of());
    }

    /**
     * A fresh Drools session holding the run-level facts: the profile's settings and qualified
     * ranges, and the run's latched conclusions so far (disqualified sensors, a latched ABORT).
     */
    private KieSession start(List<Object> latched) {
        KieSession s = sessions.get();
        s.addEventListener(new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getRule() != null) {
                    insertedBy.put(event.getObject(), RuleEngine.idOf(event.getRule().getName()));
                }
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
                insertedBy.remove(event.getOldObject());
            }
        });
        s.insert(Settings.of(profile));
        if (profile.qualifiedThrottle() != null) {
            s.insert(new QualifiedRange(QualifiedRange.THETA, profile.qualifiedThrottle().low(),
                    profile.qualifiedThrottle().high()));
        }
        profile.qualifiedRanges().forEach((channel, r) -> s.insert(new QualifiedRange(channel, r.low(), r.high())));
        profile.sensors().stream().filter(spec -> spec.estimate() != null)
                .forEach(spec -> s.insert(new io.hotfire.rules.fact.AnalyticEstimate(spec.id(), spec.estimate())));
        for (Object f : latched) {
            s.insert(f);
        }
        return s;
    }

    /** Evaluates one window and returns the events it caused, in a stable order. */
    public List<Event> evaluate(WindowSnapshot w) {
        return evaluate(w, List.of());
    }

    /**
     * Evaluates one window with additional facts for this window only (e.g. the OOD gate's
     * verdict), which are replaced like the window's own evidence.
     *
     * <p>Supervised: whatever the rule engine throws (a consequence that fails, a Drools defect),
     * the run goes on. The session is rebuilt from the run's state — settings, qualified ranges and
     * the latched conclusions (disqualified sensors, an ABORT) of the last window that evaluated
     * cleanly; alarms, findings and the recommendation already announced are kept — and the window
     * is evaluated again on it. If it fails again the window is skipped on a fresh session. Either
     * way a {@link EventType#DIAGNOSIS_FAULT} event names the exception, the rule (when a
     * consequence threw) and the window; a run of failures with the same cause is reported once.
     */
    public List<Event> evaluate(WindowSnapshot w, List<?> extra) {
        RuntimeException first;
        try {
            return evaluateOnce(w, extra);
        } catch (RuntimeException e) {
            first = e;
        } catch (StackOverflowError e) {
            first = new IllegalStateException("stack overflow in the rule engine", e);
        }
        rebuild();
        List<Event> events = new ArrayList<>();
        boolean recovered;
        try {
            events.addAll(evaluateOnce(w, extra));
            recovered = true;
        } catch (RuntimeException | StackOverflowError again) {
            rebuild();
            recovered = false;
        }
        faults++;
        String signature = failureSignature(first);
        if (!signature.equals(lastFailure)) {
            events.add(0, faultEvent(w, first, recovered));
        }
        lastFailure = recovered ? null : signature;
        return events;
    }

    /** Failures so far (each window that threw counts once). */
    public int faults() {
        return faults;
    }

    /** Replaces the Drools session by a fresh one holding the run's state. */
    private void rebuild() {
        try {
            session.dispose();
        } catch (RuntimeException ignored) {
            // A session the engine broke may not dispose cleanly; it is dropped either way.
        }
        insertedBy.clear();
        windowFacts.clear();
        session = start(latched);
    }

    private Event faultEvent(WindowSnapshot w, Throwable e, boolean recovered) {
        Throwable cause = e instanceof ConsequenceException && e.getCause() != null ? e.getCause() : e;
        String rule = failingRule(e);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("exception", cause.getClass().getName());
        ev.put("detail", String.valueOf(cause.getMessage()));
        ev.put("at", java.util.Arrays.stream(cause.getStackTrace()).limit(6).map(String::valueOf).toList());
        ev.put("rule", rule);
        ev.put("window", w.index());
        ev.put("windowT", w.tEnd());
        ev.put("recovered", recovered);
        ev.put("faults", faults);
        String msg = "rule evaluation failed on window " + w.index() + " (t " + String.format(java.util.Locale.ROOT, "%.2f", w.tEnd())
                + " s) with " + cause.getClass().getSimpleName() + (rule == null ? "" : " in rule " + rule)
                + "; session rebuilt from the run's state, "
                + (recovered ? "window evaluated again" : "window skipped") + ", diagnosis goes on";
        return new Event(w.tEnd(), EventType.DIAGNOSIS_FAULT, "DIAGNOSIS_FAULT", Severity.WARNING, null,
                rule == null ? List.of() : List.of(RuleEngine.idOf(rule)), msg, ev);
    }

    private static String failingRule(Throwable e) {
        if (e instanceof ConsequenceException c && c.getMatch() != null && c.getMatch().getRule() != null) {
            return c.getMatch().getRule().getName();
        }
        return null;
    }

    private static String failureSignature(Throwable e) {
        Throwable cause = e instanceof ConsequenceException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getName() + "|" + failingRule(e);
    }

    private List<Event> evaluateOnce(WindowSnapshot w, List<?> extra) {
        for (FactHandle h : windowFacts) {
            session.delete(h);
        }
        windowFacts.clear();
        windowFacts.add(session.insert(new WindowInfo(w.index(), w.tEnd(), w.theta(), w.thetaRate(), w.phase(),
                w.mainstageSeconds(), w.steadySeconds())));
        insertAll(w.channels());
        insertAll(w.health());
        insertAll(w.breaches());
        insertAll(w.tracking());
        insertAll(w.pairs());
        insertAll(w.deviations());
        insertAll(w.signals());
        insertAll(extra);
        session.fireAllRules();
        List<Event> events = collect(w.tEnd());
        lastFailure = null;
        return events;
    }

    private void insertAll(Collection<?> facts) {
        for (Object f : facts) {
            windowFacts.add(session.insert(f));
        }
    }

    private List<Event> collect(double t) {
        // The ABORT latches first, with the only firing of this step: if the engine throws here no
        // state of this session has changed yet, so a rebuilt session can evaluate the window again.
        List<Event> abortEvents = new ArrayList<>();
        List<AbortDecision> aborts = facts(AbortDecision.class);
        aborts.sort(java.util.Comparator.comparing(AbortDecision::code).thenComparing(a -> String.valueOf(a.sensor()))
                .thenComparing(a -> String.valueOf(a.message())));
        if (!abortLatched && !aborts.isEmpty()) {
            AbortDecision a = aborts.get(0);
            AbortLatched latch = new AbortLatched(a.code(), a.sensor(), a.t());
            session.insert(latch);
            session.fireAllRules();
            abortLatched = true;
            latched.add(latch);
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("sensor", a.sensor());
            ev.put("value", a.value());
            ev.put("limit", a.limit());
            ev.put("t", a.t());
            List<String> rules = new ArrayList<>(rulesFor(a));
            rules.add("RC-001");
            abortEvents.add(new Event(t, EventType.ABORT, a.code(), Severity.SEVERE, a.sensor(), rules, a.message(), ev));
        }
        List<Event> events = new ArrayList<>();

        List<SensorFault> faults = facts(SensorFault.class);
        List<Disqualified> disqualified = facts(Disqualified.class);
        disqualified.sort(java.util.Comparator.comparing(Disqualified::sensor).thenComparing(Disqualified::code)
                .thenComparing(d -> String.valueOf(d.detail())));
        for (Disqualified d : disqualified) {
            if (reported.add(d)) {
                latched.add(d);
                List<String> chain = new ArrayList<>();
                for (SensorFault f : faults) {
                    if (f.sensor().equals(d.sensor()) && f.code().equals(d.code()) && insertedBy.containsKey(f)) {
                        chain.add(insertedBy.get(f));
                    }
                }
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("sensor", d.sensor());
                ev.put("detail", d.detail());
                ev.put("since", d.since());
                events.add(new Event(t, EventType.SENSOR, d.code(), Severity.WARNING, d.sensor(),
                        rulesFor(d, chain, "SV-100"), d.sensor() + " disqualified: " + d.detail(), ev));
            }
        }

        events.addAll(abortEvents);

        Set<String> seen = new HashSet<>();
        List<Alarm> standingAlarms = facts(Alarm.class);
        standingAlarms.sort(java.util.Comparator.comparing(Alarm::key));
        for (Alarm a : standingAlarms) {
            seen.add(a.key());
            ActiveAlarm prev = alarms.get(a.key());
            String rule = insertedBy.getOrDefault(a, prev == null ? "" : prev.rule());
            if (prev == null || prev.alarm().severity() != a.severity()) {
                events.add(alarmEvent(EventType.ALARM, t, a, rule));
            }
            alarms.put(a.key(), new ActiveAlarm(a, rule, t));
        }
        alarms.values().removeIf(active -> {
            if (seen.contains(active.alarm().key()) || t - active.lastSeen() < alarmClearSeconds - 1e-9) {
                return false;
            }
            events.add(alarmEvent(EventType.CLEAR, t, active.alarm(), active.rule()));
            return true;
        });

        Map<String, List<Corroboration>> corroborations = new java.util.HashMap<>();
        for (Corroboration c : facts(Corroboration.class)) {
            corroborations.computeIfAbsent(c.finding(), k -> new ArrayList<>()).add(c);
        }
        corroborations.values().forEach(l -> l.sort(java.util.Comparator.comparing((Corroboration c) -> c.observation().id())
                .thenComparing(c -> insertedBy.getOrDefault(c, ""))));
        Set<String> seenFindings = new HashSet<>();
        for (Finding f : oneFindingPerCode(facts(Finding.class))) {
            seenFindings.add(f.code());
            ActiveFinding prev = findings.get(f.code());
            String rule = insertedBy.getOrDefault(f, prev == null ? "" : prev.rule());
            List<Corroboration> support = corroborations.getOrDefault(f.code(), List.of());
            List<String> observationIds = support.stream().map(c -> c.observation().id()).distinct().toList();
            // A corroborating observation coming or going re-announces the finding with the same severity.
            if (prev == null || prev.finding().severity() != f.severity() || !prev.observations().equals(observationIds)) {
                events.add(findingEvent(t, f, rule, support));
            }
            findings.put(f.code(), new ActiveFinding(f, rule, t, observationIds));
        }
        findings.values().removeIf(active -> {
            if (seenFindings.contains(active.finding().code()) || t - active.lastSeen() < alarmClearSeconds - 1e-9) {
                return false;
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("members", active.finding().members());
            events.add(new Event(t, EventType.CLEAR, active.finding().code(), Severity.WATCH, active.finding().sensor(),
                    active.rule().isEmpty() ? List.of() : List.of(active.rule()),
                    "no longer supported: " + active.finding().message(), ev));
            return true;
        });

        // The strongest action; among equals the first reason in text order, not the first the agenda
        // fired, so that a replay names the same reason whatever the rule base's compilation.
        Recommendation strongest = facts(Recommendation.class).stream()
                .min(java.util.Comparator.comparing(Recommendation::action, java.util.Comparator.reverseOrder())
                        .thenComparing(r -> String.valueOf(r.reason())))
                .orElse(null);
        if (strongest != null && (current == null || current.action() != strongest.action())) {
            current = strongest;
            currentRule = insertedBy.getOrDefault(strongest, "");
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("action", strongest.action().label());
            ev.put("reason", strongest.reason());
            Severity sev = switch (strongest.action()) {
                case ABORT -> Severity.SEVERE;
                case REDUCE_THROTTLE -> Severity.DISTRESS;
                case HOLD_THROTTLE -> Severity.WARNING;
                case CONTINUE -> Severity.WATCH;
            };
            events.add(new Event(t, EventType.RECOMMENDATION, strongest.action().name(), sev, null,
                    currentRule.isEmpty() ? List.of() : List.of(currentRule),
                    strongest.action().label() + ": " + strongest.reason(), ev));
        }
        return events;
    }

    /**
     * One finding per code, chosen by content and not by the order the agenda fired: where several
     * rules or sensors support one code (TIT_A and TIT_B, "with VIB_RMS up" and "with T_WALL up") the
     * most severe stands, then the first by sensor and message. The agenda's order among activations of
     * equal salience is not stable between two compilations of the same DRL (a cached rule base and a
     * fresh one), and a replay must give the same events, byte for byte, as the run it replays.
     */
    private static List<Finding> oneFindingPerCode(List<Finding> standing) {
        Map<String, Finding> byCode = new java.util.TreeMap<>();
        java.util.Comparator<Finding> first = java.util.Comparator
                .comparing(Finding::severity, java.util.Comparator.reverseOrder())
                .thenComparing(f -> String.valueOf(f.sensor()))
                .thenComparing(f -> String.valueOf(f.message()));
        for (Finding f : standing) {
            byCode.merge(f.code(), f, (a, b) -> first.compare(a, b) <= 0 ? a : b);
        }
        return new ArrayList<>(byCode.values());
    }

    private Event findingEvent(double t, Finding f, String rule, List<Corroboration> support) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("members", f.members());
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        for (Object o : f.evidence()) {
            items.add(Evidence.of(o, t));
            String r = insertedBy.get(o);
            if (r != null && !rules.contains(r)) {
                rules.add(r);
            }
        }
        ev.put("evidence", items);
        if (!support.isEmpty()) {
            List<Map<String, Object>> observations = new ArrayList<>();
            for (Corroboration c : support) {
                String r = insertedBy.get(c);
                observations.add(Evidence.of(c.observation(), r));
                if (r != null && !rules.contains(r)) {
                    rules.add(r);
                }
            }
            ev.put("observations", observations);
        }
        if (!rule.isEmpty()) {
            rules.add(rule);
        }
        return new Event(t, EventType.FINDING, f.code(), f.severity(), f.sensor(), rules, f.message(), ev);
    }

    private Event alarmEvent(EventType type, double t, Alarm a, String rule) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("sensor", a.sensor());
        ev.put("value", a.value());
        ev.put("limit", a.limit());
        ev.put("key", a.key());
        String msg = type == EventType.CLEAR ? "cleared: " + a.message() : a.message();
        return new Event(t, type, a.code(), type == EventType.CLEAR ? Severity.WATCH : a.severity(), a.sensor(),
                rule.isEmpty() ? List.of() : List.of(rule), msg, ev);
    }

    private List<String> rulesFor(Object fact, String... also) {
        return rulesFor(fact, List.of(), also);
    }

    /** The rules behind a fact: those behind its evidence first, then its own, then any named. */
    private List<String> rulesFor(Object fact, List<String> before, String... also) {
        List<String> out = new ArrayList<>(before);
        String r = insertedBy.get(fact);
        if (r != null && !out.contains(r)) {
            out.add(r);
        }
        for (String a : also) {
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return out;
    }

    private <T> List<T> facts(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object o : session.getObjects(o -> type.isInstance(o))) {
            out.add(type.cast(o));
        }
        return out;
    }

    /** The recommendation in force after the last window (CONTINUE before any window). */
    public Recommendation.Action recommendation() {
        return current == null ? Recommendation.Action.CONTINUE : current.action();
    }

    public boolean abortLatched() {
        return abortLatched;
    }

    /**
     * For each probed rule, how many of its leading conditions held together in the last window
     * (sessions of a rule set compiled with {@link RuleConditions#probes}; empty otherwise).
     */
    public Map<String, Integer> probeHits() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (io.hotfire.rules.fact.ProbeHit h : facts(io.hotfire.rules.fact.ProbeHit.class)) {
            out.merge(h.ruleId(), h.conditions(), Math::max);
        }
        return out;
    }

    /** Codes of the findings standing after the last window with their severity (groups as {@code A|B}). */
    public Map<String, io.hotfire.domain.event.Severity> findingSeverities() {
        Map<String, io.hotfire.domain.event.Severity> out = new java.util.TreeMap<>();
        findings.forEach((code, a) -> out.put(code, a.finding().severity()));
        return out;
    }

    /** Codes of the findings standing after the last window (groups as {@code A|B}). */
    public Set<String> findings() {
        return new java.util.TreeSet<>(findings.keySet());
    }

    /** Sensors disqualified so far. */
    public Set<String> disqualifiedSensors() {
        Set<String> out = new HashSet<>();
        for (Disqualified d : facts(Disqualified.class)) {
            out.add(d.sensor());
        }
        return out;
    }

    /** Sensors with evidence of a sensor fault in the last window (not yet, or already, disqualified). */
    public Set<String> suspectSensors() {
        Set<String> out = new java.util.TreeSet<>();
        for (SensorFault f : facts(SensorFault.class)) {
            out.add(f.sensor());
        }
        return out;
    }

    /** Quantities outside their qualified range in the last window (RT-003/RT-004), e.g. {@code THETA}, {@code T_OX_IN}. */
    public Set<String> excursions() {
        Set<String> out = new java.util.TreeSet<>();
        for (io.hotfire.rules.fact.EnvelopeExcursion x : facts(io.hotfire.rules.fact.EnvelopeExcursion.class)) {
            out.add(x.quantity());
        }
        return out;
    }

    /** Channels off their band on a sensor not disqualified in the last window (SY-001). */
    public Set<String> offBand() {
        Set<String> out = new java.util.TreeSet<>();
        for (io.hotfire.rules.fact.OffBand o : facts(io.hotfire.rules.fact.OffBand.class)) {
            out.add(o.channel());
        }
        return out;
    }

    public EngineProfile profile() {
        return profile;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
