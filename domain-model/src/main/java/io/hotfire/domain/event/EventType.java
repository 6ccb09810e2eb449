package io.hotfire.domain.event;

/** What kind of thing happened in a run. */
public enum EventType {
    /** A limit or condition alarm was raised (warning band, tracking limit, redline without abort). */
    ALARM,
    /** A previously raised alarm condition no longer holds. */
    CLEAR,
    /** Sensor validation disqualified a sensor (code SENSOR_*). */
    SENSOR,
    /** A fault finding (code from the fault catalogue). */
    FINDING,
    /** A recommendation changed (CONTINUE / HOLD THROTTLE / REDUCE THROTTLE / ABORT). */
    RECOMMENDATION,
    /** The system recommends shutting the engine down. */
    ABORT,
    /** The reasoning route changed (in / out of the validated distribution). */
    ROUTE,
    /** Advisory hypothesis of a learned part or the LLM: shown apart, never changes severity or recommendation. */
    ADVICE,
    /**
     * The hybrid's verdict changed (one event per change of mind): the rules' finding where there is one
     * ({@code source: rules}); else, in distribution, the learned model's answer above the domain's
     * calibrated confidence ({@code source: learned}, advisory); else none ({@code NONE}: abstained).
     * Never a severity or a recommendation.
     */
    DIAGNOSIS,

    /**
     * The diagnosis of this run failed on a window (the rule session threw); the session was rebuilt
     * from the run's state and diagnosis goes on. The evidence names the exception and the window.
     */
    DIAGNOSIS_FAULT
}
