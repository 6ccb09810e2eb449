package io.hotfire.rules.fact;

/** Why-not probe: the first {@code conditions} conditions of rule {@code ruleId} hold together in this window. */
public record ProbeHit(String ruleId, int conditions) {
}
