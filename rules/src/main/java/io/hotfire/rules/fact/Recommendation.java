package io.hotfire.rules.fact;

/** What the rules recommend the test conductor does now; the strongest one wins. */
public record Recommendation(Action action, String reason) {

    /** Ordered from mildest to strongest. */
    public enum Action {
        CONTINUE, HOLD_THROTTLE, REDUCE_THROTTLE, ABORT;

        public String label() {
            return name().replace('_', ' ');
        }
    }
}
