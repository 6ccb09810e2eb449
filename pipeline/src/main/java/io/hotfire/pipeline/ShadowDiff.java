package io.hotfire.pipeline;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.telemetry.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a rule change would change on one run: the run replayed with the live and the candidate rule
 * set, and the first time of every conclusion ({@code type:code[@sensor]}) compared. Shared by
 * {@code hotfire shadow} (files) and the server's shadow of a proposal on archived runs.
 */
public final class ShadowDiff {

    /** How a conclusion differs: the candidate alone draws it, the live set alone, or both at other times. */
    public enum Kind {
        GAINED, LOST, MOVED
    }

    /**
     * One difference.
     *
     * @param key        {@code type:code[@sensor]}
     * @param liveT      first run time the live rule set concluded it, or null
     * @param candidateT first run time the candidate concluded it, or null
     */
    public record Change(Kind kind, String key, String type, String code, String sensor, Double liveT, Double candidateT) {
    }

    private ShadowDiff() {
    }

    /** First time of each conclusion {@code type:code[@sensor]}, skipping events of the given types. */
    public static Map<String, Double> firstTimes(DiagnosisEngine engine, String run, Iterable<Frame> frames, Set<EventType> skip) {
        Map<String, Double> first = new LinkedHashMap<>();
        try (RunMonitor m = engine.open(run)) {
            for (Frame f : frames) {
                for (Event e : m.accept(f)) {
                    if (skip.contains(e.type())) {
                        continue;
                    }
                    String key = e.type() + ":" + e.code() + (e.sensor() == null ? "" : "@" + e.sensor());
                    first.putIfAbsent(key, e.t());
                }
            }
        }
        return first;
    }

    /** Every conclusion gained, lost, or moved by more than {@code tolerance} seconds, in key order. */
    public static List<Change> diff(Map<String, Double> live, Map<String, Double> candidate, double tolerance) {
        List<Change> changes = new ArrayList<>();
        Set<String> keys = new TreeSet<>(live.keySet());
        keys.addAll(candidate.keySet());
        for (String k : keys) {
            Double a = live.get(k);
            Double b = candidate.get(k);
            Kind kind = a == null ? Kind.GAINED : b == null ? Kind.LOST : Math.abs(a - b) > tolerance ? Kind.MOVED : null;
            if (kind == null) {
                continue;
            }
            int colon = k.indexOf(':');
            int at = k.indexOf('@', colon);
            String type = k.substring(0, colon);
            String code = at < 0 ? k.substring(colon + 1) : k.substring(colon + 1, at);
            String sensor = at < 0 ? null : k.substring(at + 1);
            changes.add(new Change(kind, k, type, code, sensor, a, b));
        }
        return changes;
    }
}
