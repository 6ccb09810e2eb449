package io.hotfire.pipeline;

import io.hotfire.learned.gate.GateResult;
import java.util.List;

/**
 * The hybrid's route for one window, and what decided it. The learned parts were validated on the engine
 * family inside its qualified envelope, so the route is out of distribution when the gate's score says the
 * pattern is unlike that data ({@code gate}) or, by construction, while the rules hold an envelope excursion
 * (RT-003/RT-004: a power level or an operating condition outside its qualified range) — whatever the
 * score ({@code envelope}); both may hold ({@code gate+envelope}). With the domain's {@code advice.concurrentFaults}
 * the route is also out, by construction, while the rules see two faults at once — a process finding with a sensor
 * they doubt, or two distinct findings ({@code concurrent}): the learned parts were trained on one fault at a time,
 * so a combination is outside their data whatever the gate's score (a doubted sensor is left out of that score).
 * In distribution it is always the gate's.
 *
 * @param ood       the route: learned advice suppressed, the rules authoritative
 * @param gateOod   the gate's own verdict (after its persistence)
 * @param envelope  the rules' envelope excursions that hold the route out (the last ones seen while the route
 *                  waits out its persistence after the excursion ended); empty when the envelope does not decide
 * @param gate      the gate's result on the window (null before the first scored window)
 * @param concurrent the concurrent faults the rules saw that hold the route out (the last ones seen while the
 *                   route waits out its persistence after they ended), described; empty when they do not decide
 */
public record Route(boolean ood, boolean gateOod, List<String> envelope, GateResult gate, List<String> concurrent) {

    public static final String BY_GATE = "gate";
    public static final String BY_ENVELOPE = "envelope";
    public static final String BY_BOTH = "gate+envelope";
    public static final String BY_CONCURRENT = "concurrent";

    public Route {
        envelope = List.copyOf(envelope);
        concurrent = List.copyOf(concurrent);
    }

    public Route(boolean ood, boolean gateOod, List<String> envelope, GateResult gate) {
        this(ood, gateOod, envelope, gate, List.of());
    }

    /**
     * What decided the route: {@code gate}, {@code envelope}, {@code gate+envelope}, {@code concurrent}, or
     * {@code concurrent} joined to the others with {@code +} (e.g. {@code gate+concurrent}).
     */
    public String decidedBy() {
        if (!ood || (envelope.isEmpty() && concurrent.isEmpty())) {
            return BY_GATE;
        }
        List<String> by = new java.util.ArrayList<>();
        if (gateOod) {
            by.add(BY_GATE);
        }
        if (!envelope.isEmpty()) {
            by.add(BY_ENVELOPE);
        }
        if (!concurrent.isEmpty()) {
            by.add(BY_CONCURRENT);
        }
        return String.join("+", by);
    }

    /** Whether the window was scored by the gate (mainstage). */
    public boolean scored() {
        return gate != null && gate.window().scored();
    }
}
