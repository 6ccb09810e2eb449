package io.hotfire.llm.intake;

/** Where an observation's run time came from. */
public enum TimeSource {
    /** Stated in the note near the observation ("T+12", "at 12 s", "12.5 seconds in"). */
    NOTE,
    /** Not stated; the run time given with the note. */
    GIVEN_RUN_TIME,
    /** Neither: the observation has no time. */
    NONE
}
