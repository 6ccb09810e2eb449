package io.hotfire.domain.profile;

public enum LimitSide { LOW, HIGH }
