package io.hotfire.app.note;

/** Review state of an observation: only ACCEPTED ones become rule facts. */
public enum ObservationStatus {
    /** Taken from a note, not yet reviewed. */
    PROPOSED,
    /** A person confirmed it: the rules may use it as evidence. */
    ACCEPTED,
    /** A person refused it. */
    REJECTED
}
