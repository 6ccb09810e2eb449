package io.hotfire.pipeline;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.learned.gate.GateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hybrid's verdict of one run, a DIAGNOSIS event each time it changes: the rules' findings of at
 * least WARNING severity where there are any (UNKNOWN_ANOMALY among them when RT-001 fired, the gate
 * having called the pattern novel and no rule explaining it); else, in distribution, the learned
 * answer the advice thresholds confirmed, marked advisory; else NONE (abstain). Out of distribution a
 * learned verdict is withdrawn. Not thread-safe: one window at a time, in order.
 */
final class Verdict {

    /** Longest code the event store keeps (run_event.code VARCHAR(100)). */
    static final int MAX_CODE = 100;

    private final String modelVersion;
    private final double probabilityThreshold;
    private String verdict = "NONE";
    private String source = "none";

    Verdict(String modelVersion, double probabilityThreshold) {
        this.modelVersion = modelVersion;
        this.probabilityThreshold = probabilityThreshold;
    }

    /**
     * The verdict's code: its members joined by '+', at most {@value #MAX_CODE} characters (the event
     * store's code column). A run with many disqualified sensors (every channel of a missing CSV
     * column dead) once made a 608-character code whose insert failed, and the whole batch with it;
     * beyond the limit the code names the members that fit and how many more there are, and the
     * event's evidence lists them all ({@code members}).
     */
    static String code(List<String> members) {
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

    /**
     * The DIAGNOSIS event of this window if the verdict changed.
     *
     * @param last           the gate's verdict on the window
     * @param ood            the route of the window (the gate's, or an envelope excursion's)
     * @param standing       the rules' standing findings with their severity
     * @param sensorFindings the rules' sensor findings ({@code SENSOR_BIAS@P_F_INJ}, sensors they disqualified),
     *                       which count as rule findings: the rules are not silent then, so no advice stands in
     * @param advised        the learned advice standing (null: none)
     */
    List<Event> events(WindowSnapshot w, GateResult last, boolean ood, Map<String, Severity> standing,
                       Set<String> sensorFindings, String advised) {
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
        String from;
        if (!ruled.isEmpty()) {
            code = code(ruled);
            from = "rules";
        } else if (!ood && advised != null) {
            code = advised;
            from = "learned";
        } else {
            code = "NONE";
            from = "none";
        }
        if (code.equals(verdict) && from.equals(source)) {
            return List.of();
        }
        verdict = code;
        source = from;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("source", from);
        if (from.equals("rules")) {
            ev.put("members", List.copyOf(ruled));
        }
        ev.put("advisory", from.equals("learned"));
        ev.put("route", ood ? "OUT_OF_DISTRIBUTION" : "IN_DISTRIBUTION");
        if (from.equals("learned")) {
            ev.put("model", modelVersion);
            ev.put("probabilityThreshold", probabilityThreshold);
        }
        String message = switch (from) {
            case "rules" -> "Verdict: " + code + " (the rules' finding)";
            case "learned" -> "Advisory verdict (learned pattern model, in distribution, above its calibrated confidence): "
                    + code;
            default -> "No verdict: the rules are silent and the learned model abstains"
                    + (ood ? " (outside the validated distribution)" : "");
        };
        return List.of(new Event(w.tEnd(), EventType.DIAGNOSIS, code, Severity.WATCH, null, List.of(), message, ev));
    }
}
