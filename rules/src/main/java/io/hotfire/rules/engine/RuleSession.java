package io.hotfire.rules.engine;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.rules.fact.AnalyticEstimate;
import io.hotfire.rules.fact.Disqualified;
import io.hotfire.rules.fact.EnvelopeExcursion;
import io.hotfire.rules.fact.OffBand;
import io.hotfire.rules.fact.ProbeHit;
import io.hotfire.rules.fact.QualifiedRange;
import io.hotfire.rules.fact.Recommendation;
import io.hotfire.rules.fact.SensorFault;
import io.hotfire.rules.fact.Settings;
import io.hotfire.rules.fact.WindowInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The rules' view of one run. Each window's evidence replaces the previous window's; conclusions
 * are logical facts (truth maintenance keeps them exactly as long as their evidence), latches are
 * stated facts. After the rules settle, one {@link EventCollector} per event kind turns changes into
 * events: a sensor disqualified once ({@link SensorEvents}), an ABORT once ({@link AbortEvents}),
 * an alarm raised once and cleared once after a deadband ({@link AlarmEvents}), findings likewise
 * ({@link FindingEvents}), a recommendation when it changes, relaxing only after the same deadband
 * ({@link RecommendationEvents}). Every
 * event names the rules that produced it, by their {@code @id} metadata ({@link FactOrigins}).
 *
 * <p>Not thread-safe: one per run, one window at a time.
 */
public final class RuleSession implements AutoCloseable {

    private final EngineProfile profile;
    private final Supplier<KieSession> sessions;
    /** Stated facts that hold for the rest of the run (disqualified sensors, the ABORT latch): what a rebuilt session starts from. */
    private final List<Object> latched = new ArrayList<>();
    private WorkingMemory memory;
    private int faults;
    private String lastFailure;
    private final List<FactHandle> windowFacts = new ArrayList<>();
    private final AbortEvents aborts = new AbortEvents();
    private final SensorEvents sensors = new SensorEvents();
    private final AlarmEvents alarms;
    private final FindingEvents findings;
    private final RecommendationEvents recommendations;
    /** After a power-level move the steady-state rules cannot judge for this long (the profile's settle time). */
    private final double settleSeconds;

    RuleSession(EngineProfile profile, Supplier<KieSession> sessions) {
        this.profile = profile;
        this.sessions = sessions;
        double clearSeconds = profile.validation().alarmClearSeconds();
        this.alarms = new AlarmEvents(clearSeconds);
        this.findings = new FindingEvents(clearSeconds);
        this.recommendations = new RecommendationEvents(clearSeconds);
        this.settleSeconds = Settings.of(profile).steadyAfterSeconds();
        this.memory = start();
    }

    /**
     * A fresh Drools session holding the run-level facts: the profile's settings and qualified
     * ranges, and the run's latched conclusions so far (disqualified sensors, a latched ABORT).
     */
    private WorkingMemory start() {
        KieSession s = sessions.get();
        FactOrigins origins = new FactOrigins();
        s.addEventListener(origins);
        s.insert(Settings.of(profile));
        if (profile.qualifiedThrottle() != null) {
            s.insert(new QualifiedRange(QualifiedRange.THETA, profile.qualifiedThrottle().low(),
                    profile.qualifiedThrottle().high()));
        }
        profile.qualifiedRanges().forEach((channel, r) -> s.insert(new QualifiedRange(channel, r.low(), r.high())));
        profile.sensors().stream().filter(spec -> spec.estimate() != null)
                .forEach(spec -> s.insert(new AnalyticEstimate(spec.id(), spec.estimate())));
        for (Object f : latched) {
            s.insert(f);
        }
        return new WorkingMemory(s, origins, latched);
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
        String signature = RuleFailure.signature(first);
        if (!signature.equals(lastFailure)) {
            events.add(0, RuleFailure.event(w, first, recovered, faults));
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
            memory.session().dispose();
        } catch (RuntimeException ignored) {
            // A session the engine broke may not dispose cleanly; it is dropped either way.
        }
        windowFacts.clear();
        memory = start();
    }

    private List<Event> evaluateOnce(WindowSnapshot w, List<?> extra) {
        KieSession session = memory.session();
        for (FactHandle h : windowFacts) {
            session.delete(h);
        }
        windowFacts.clear();
        windowFacts.add(session.insert(new WindowInfo(w.index(), w.tEnd(), w.theta(), w.thetaRate(), w.phase(),
                w.mainstageSeconds(), w.steadySeconds())));
        insertAll(session, w.channels());
        insertAll(session, w.health());
        insertAll(session, w.breaches());
        insertAll(session, w.tracking());
        insertAll(session, w.pairs());
        insertAll(session, w.deviations());
        insertAll(session, w.signals());
        insertAll(session, extra);
        session.fireAllRules();
        List<Event> events = collect(w.tEnd(), w.phase() == Phase.MAINSTAGE && w.steadySeconds() < settleSeconds);
        lastFailure = null;
        return events;
    }

    private void insertAll(KieSession session, Collection<?> facts) {
        for (Object f : facts) {
            windowFacts.add(session.insert(f));
        }
    }

    /**
     * The window's events: sensor disqualifications, the abort, alarms, findings, the recommendation, in that order.
     * {@code settling}: mainstage within the settle time of a power-level move, when the steady-state rules cannot
     * judge; a finding or recommendation that lapses then is held, not cleared (the conductor who reduced throttle as
     * recommended was told CONTINUE for the 2 s the engine settled, the fault unchanged).
     */
    private List<Event> collect(double t, boolean settling) {
        findings.judging(!settling);
        recommendations.judging(!settling);
        // The ABORT latches first, with the only firing of this step: if the engine throws here no
        // state of this session has changed yet, so a rebuilt session can evaluate the window again.
        List<Event> abort = aborts.collect(memory, t);
        List<Event> events = new ArrayList<>(sensors.collect(memory, t));
        events.addAll(abort);
        for (EventCollector c : List.of(alarms, findings, recommendations)) {
            events.addAll(c.collect(memory, t));
        }
        return events;
    }

    /** The recommendation in force after the last window (CONTINUE before any window). */
    public Recommendation.Action recommendation() {
        return recommendations.current();
    }

    public boolean abortLatched() {
        return aborts.latched();
    }

    /**
     * For each probed rule, how many of its leading conditions held together in the last window
     * (sessions of a rule set compiled with {@link RuleConditions#probes}; empty otherwise).
     */
    public Map<String, Integer> probeHits() {
        Map<String, Integer> out = new TreeMap<>();
        for (ProbeHit h : memory.facts(ProbeHit.class)) {
            out.merge(h.ruleId(), h.conditions(), Math::max);
        }
        return out;
    }

    /** Codes of the findings standing after the last window with their severity (groups as {@code A|B}). */
    public Map<String, Severity> findingSeverities() {
        return findings.severities();
    }

    /** Codes of the findings standing after the last window (groups as {@code A|B}). */
    public Set<String> findings() {
        return findings.codes();
    }

    /** Sensors disqualified so far. */
    public Set<String> disqualifiedSensors() {
        Set<String> out = new HashSet<>();
        for (Disqualified d : memory.facts(Disqualified.class)) {
            out.add(d.sensor());
        }
        return out;
    }

    /** Sensors with evidence of a sensor fault in the last window (not yet, or already, disqualified). */
    public Set<String> suspectSensors() {
        Set<String> out = new TreeSet<>();
        for (SensorFault f : memory.facts(SensorFault.class)) {
            out.add(f.sensor());
        }
        return out;
    }

    /** Quantities outside their qualified range in the last window (RT-003/RT-004), e.g. {@code THETA}, {@code T_OX_IN}. */
    public Set<String> excursions() {
        Set<String> out = new TreeSet<>();
        for (EnvelopeExcursion x : memory.facts(EnvelopeExcursion.class)) {
            out.add(x.quantity());
        }
        return out;
    }

    /**
     * The envelope excursions of the last window (RT-003/RT-004), described for a reader:
     * {@code THETA 0.650 outside qualified [0.700, 1.00]}, sorted. Plain text, so that a caller (the
     * hybrid router) can route on them without depending on this module's facts.
     */
    public Set<String> excursionsDescribed() {
        Set<String> out = new TreeSet<>();
        for (EnvelopeExcursion x : memory.facts(EnvelopeExcursion.class)) {
            out.add(x.toString());
        }
        return out;
    }

    /** Channels off their band on a sensor not disqualified in the last window (SY-001). */
    public Set<String> offBand() {
        Set<String> out = new TreeSet<>();
        for (OffBand o : memory.facts(OffBand.class)) {
            out.add(o.channel());
        }
        return out;
    }

    public EngineProfile profile() {
        return profile;
    }

    @Override
    public void close() {
        memory.session().dispose();
    }
}
