package io.hotfire.app.alarm;

/** ISA-18.2 alarm states (shelving is an overlay, see {@link Shelf}). */
public enum AlarmState {
    /** The condition is present, or latched, and nobody has acknowledged it. */
    UNACKNOWLEDGED,
    /** Acknowledged while the condition is still present. */
    ACKNOWLEDGED,
    /** The condition returned to normal before anybody acknowledged it (non-latching alarms only). */
    RETURNED_UNACKNOWLEDGED,
    /** Back to normal and acknowledged. */
    CLEARED
}
