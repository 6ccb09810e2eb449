package io.hotfire.sim.fault;

/**
 * What a slow or sticking valve does at full severity: its position rate limit is multiplied by
 * {@code rateFactor^severity} and {@code lagS × severity} is added to its position time constant.
 */
public record ValveSlowing(double rateFactor, double lagS) {
}
