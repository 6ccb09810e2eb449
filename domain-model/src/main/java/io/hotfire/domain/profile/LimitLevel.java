package io.hotfire.domain.profile;

/** The two limit bands of the ICD: a warning raises an alarm, a redline can recommend ABORT. */
public enum LimitLevel { WARNING, REDLINE }
