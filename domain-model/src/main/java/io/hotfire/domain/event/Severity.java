package io.hotfire.domain.event;

/** The flight-operations severity scale (as in Yamcs), lowest first. */
public enum Severity {
    WATCH, WARNING, DISTRESS, CRITICAL, SEVERE;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
