package io.hotfire.rules.fact;

/**
 * The rules recommend shutting the engine down. Latched: once made it stays for the run
 * (stated fact), like a latching alarm.
 */
public record AbortDecision(String code, String sensor, double t, String message, double value, double limit) {
}
