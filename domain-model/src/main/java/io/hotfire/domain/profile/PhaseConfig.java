package io.hotfire.domain.profile;

/**
 * How the run's phase is recognised: the engine is running while {@code runningChannel} is at or
 * above {@code runningAbove}; steady-state diagnosis (mainstage) starts {@code mainstageAfterSeconds}
 * after the first running sample (ICD: 3.5 s after the start command).
 */
public record PhaseConfig(String runningChannel, double runningAbove, double mainstageAfterSeconds) {
}
