package io.hotfire.domain.feature;

/** Which side of its band a channel lies on. */
public enum Direction { DOWN, NONE, UP }
