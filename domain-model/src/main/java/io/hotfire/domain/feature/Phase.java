package io.hotfire.domain.feature;

/** Where the engine is in its sequence, as recognised from the running channel and time. */
public enum Phase {
    /** Not running (before start or after shutdown). */
    OFF,
    /** Running, but before steady-state diagnosis starts (start transient). */
    START,
    /** Running in steady state: limits and fault rules apply. */
    MAINSTAGE
}
