package io.hotfire.pipeline.eval;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one arm concluded on one labelled run: the answers it gave (fault codes, with sensor for
 * sensor faults, and when first), ambiguity-group answers, alarms and aborts.
 * {@code sources}: per answer, {@code rules} or {@code learned} (the learned arm, or the hybrid's advisory verdict).
 * {@code lastVerdict}: the hybrid's last DIAGNOSIS event other than NONE (its final verdict on the run; NONE only
 * if it never gave one), or null for the other arms.
 * {@code findingLostT}: the first CLEAR of a finding naming the run's true fault (alone or in a group) while the engine
 * still ran and no ABORT stood: the fault goes on (the twin's faults do not heal) and the diagnosis let go of it. NaN:
 * never, or the run's end is unknown. The first-answer scores above cannot see it.
 */
public record RunOutcome(RunLabel label, Map<String, Double> answers, Map<String, List<String>> groups,
                         double firstAlarmT, double abortT, int alarms, boolean abortedOnSensorOnly,
                         double mainstageSeconds, GateStats gate, Map<String, String> sources, Event lastVerdict,
                         double findingLostT) {

    /** Where each answer came from: {@code rules} or {@code learned}. */
    public String source(String answer) {
        return sources.getOrDefault(answer, "rules");
    }

    /** The OOD gate on this run: windows scored, windows beyond α (before persistence), first OOD route time. */
    /**
     * @param envelopeExitT first mainstage time the commanded power level was outside the profile's
     *                      qualified throttle range (NaN: never)
     * @param mainstageT    end of the run's first mainstage window (NaN: never in mainstage)
     * @param routedOod     scored windows during which the route was out of distribution (after persistence)
     * @param firstOodBy    what decided the first out-of-distribution route: {@code gate}, {@code envelope} or
     *                      {@code gate+envelope} (null: never out)
     * @param firstGateOodT first time the gate's own verdict was out of distribution, the envelope aside (NaN: never)
     */
    public record GateStats(int scored, int exceeding, double firstOodT, double envelopeExitT, double mainstageT,
                            int routedOod, String firstOodBy, double firstGateOodT) {
        public static final GateStats NONE = new GateStats(0, 0, Double.NaN, Double.NaN, Double.NaN, 0, null, Double.NaN);
    }

    /** Turns a run's events into the answers the evaluation scores; the run's end unknown. */
    public static RunOutcome of(RunLabel label, List<Event> events, double mainstageSeconds, GateStats gate) {
        return of(label, events, mainstageSeconds, gate, Double.NaN);
    }

    /**
     * Turns a run's events into the answers the evaluation scores.
     *
     * @param runningEndT the last time the engine ran (the profile's running channel), NaN if unknown
     */
    public static RunOutcome of(RunLabel label, List<Event> events, double mainstageSeconds, GateStats gate, double runningEndT) {
        Map<String, Double> answers = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        Event lastVerdict = null;
        double firstAlarm = Double.NaN;
        double abort = Double.NaN;
        double lost = Double.NaN;
        List<String> targets = label.faults().stream().map(RunLabel.Fault::target).toList();
        int alarms = 0;
        for (Event e : events) {
            if (e.type() == EventType.CLEAR && Double.isNaN(lost) && Double.isNaN(abort) && e.t() < runningEndT
                    && (targets.contains(e.code()) || groups.getOrDefault(e.code(), List.of()).stream().anyMatch(targets::contains))) {
                lost = e.t();
            }
            if (e.type() == EventType.DIAGNOSIS && (!"NONE".equals(e.code()) || lastVerdict == null)) {
                lastVerdict = e; // an abstention after a verdict withdraws nothing the run showed
            }
            if (e.type() == EventType.ADVICE && Boolean.TRUE.equals(e.evidence().get("learnedOnly"))) {
                answers.putIfAbsent(e.code(), e.t());
                sources.putIfAbsent(e.code(), "learned");
            } else if (e.type() == EventType.DIAGNOSIS && "learned".equals(e.evidence().get("source"))) {
                // The hybrid's advisory verdict where the rules are silent, in distribution: an answer it gave.
                answers.putIfAbsent(e.code(), e.t());
                sources.putIfAbsent(e.code(), "learned");
            } else if (e.type() == EventType.FINDING && e.severity().atLeast(Severity.WARNING)) {
                // WATCH findings are notes (an unfamiliar regime), not diagnoses: not scored as answers.
                Object members = e.evidence().get("members");
                if (members instanceof List<?> l && l.size() > 1) {
                    List<String> ms = new ArrayList<>();
                    l.forEach(m -> ms.add(String.valueOf(m)));
                    groups.putIfAbsent(e.code(), ms);
                }
                answers.putIfAbsent(e.code(), e.t());
                sources.putIfAbsent(e.code(), "rules");
            } else if (e.type() == EventType.SENSOR) {
                answers.putIfAbsent(e.code() + "@" + e.sensor(), e.t());
                sources.putIfAbsent(e.code() + "@" + e.sensor(), "rules");
            }
            boolean alarming = (e.type() == EventType.ALARM || e.type() == EventType.FINDING || e.type() == EventType.SENSOR
                    || e.type() == EventType.ABORT) && e.severity().atLeast(Severity.WARNING);
            if (alarming) {
                alarms++;
                if (Double.isNaN(firstAlarm)) {
                    firstAlarm = e.t();
                }
            }
            if (e.type() == EventType.ABORT && Double.isNaN(abort)) {
                abort = e.t();
            }
        }
        return new RunOutcome(label, answers, groups, firstAlarm, abort, alarms,
                !Double.isNaN(abort) && label.onlySensorFaults(), mainstageSeconds, gate, sources, lastVerdict, lost);
    }

    /** Time the run's true fault was first named, alone or inside an ambiguity group; NaN if never. */
    public double isolationTime(String target) {
        double best = answers.getOrDefault(target, Double.NaN);
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            if (g.getValue().contains(target)) {
                double t = answers.getOrDefault(g.getKey(), Double.NaN);
                if (Double.isNaN(best) || t < best) {
                    best = t;
                }
            }
        }
        return best;
    }

    /** Whether the true fault was named only through an ambiguity group. */
    boolean namedOnlyByGroup(String target) {
        return !answers.containsKey(target) && !Double.isNaN(isolationTime(target));
    }

    /** Codes answered that are neither a true target nor a group containing one. */
    List<String> wrongAnswers() {
        List<String> targets = label.faults().stream().map(RunLabel.Fault::target).toList();
        List<String> wrong = new ArrayList<>();
        for (String a : answers.keySet()) {
            if (targets.contains(a)) {
                continue;
            }
            List<String> members = groups.get(a);
            if (members != null && members.stream().anyMatch(targets::contains)) {
                continue;
            }
            wrong.add(a);
        }
        return wrong;
    }
}
