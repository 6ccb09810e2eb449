package io.hotfire.rules.fact;

/** Inserted by the rule session once an abort decision has settled: the ABORT recommendation latches for the run. */
public record AbortLatched(String code, String sensor, double t) {
}
