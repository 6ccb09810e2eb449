package io.hotfire.domain.profile;

/**
 * How the run's phase is recognised: the engine is running while {@code runningChannel} is at or
 * above {@code runningAbove}; steady-state diagnosis (mainstage) starts {@code mainstageAfterSeconds}
 * after the first running sample (ICD: 3.5 s after the start command). Without a running channel
 * ({@code runningChannel} null) the machine counts as running from the first sample of a run.
 */
public record PhaseConfig(String runningChannel, double runningAbove, double mainstageAfterSeconds) {

    /** No running channel: running from the first sample, mainstage after {@code mainstageAfterSeconds}. */
    public static PhaseConfig always(double mainstageAfterSeconds) {
        return new PhaseConfig(null, 0, mainstageAfterSeconds);
    }

    public boolean hasRunningChannel() {
        return runningChannel != null;
    }
}
