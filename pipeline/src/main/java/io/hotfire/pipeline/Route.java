package io.hotfire.pipeline;

import io.hotfire.learned.gate.GateResult;
import java.util.List;

/**
 * The hybrid's route for one window, and what decided it. The learned parts were validated on the engine
 * family inside its qualified envelope, so the route is out of distribution when the gate's score says the
 * pattern is unlike that data ({@code gate}) or, by construction, while the rules hold an envelope excursion
 * (RT-003/RT-004: a power level or an operating condition outside its qualified range) — whatever the
 * score ({@code envelope}); both may hold ({@code gate+envelope}). In distribution it is always the gate's.
 *
 * @param ood       the route: learned advice suppressed, the rules authoritative
 * @param gateOod   the gate's own verdict (after its persistence)
 * @param envelope  the rules' envelope excursions that hold the route out (the last ones seen while the route
 *                  waits out its persistence after the excursion ended); empty when the envelope does not decide
 * @param gate      the gate's result on the window (null before the first scored window)
 */
public record Route(boolean ood, boolean gateOod, List<String> envelope, GateResult gate) {

    public static final String BY_GATE = "gate";
    public static final String BY_ENVELOPE = "envelope";
    public static final String BY_BOTH = "gate+envelope";

    public Route {
        envelope = List.copyOf(envelope);
    }

    /** What decided the route: {@code gate}, {@code envelope} or {@code gate+envelope}. */
    public String decidedBy() {
        if (!ood || envelope.isEmpty()) {
            return BY_GATE;
        }
        return gateOod ? BY_BOTH : BY_ENVELOPE;
    }

    /** Whether the window was scored by the gate (mainstage). */
    public boolean scored() {
        return gate != null && gate.window().scored();
    }
}
