package io.hotfire.domain.unit;

/** What one run used of its unit's life: hot-fire starts and seconds. */
public record RunUsage(int starts, double firingSeconds) {

    public static final RunUsage NONE = new RunUsage(0, 0);

    public RunUsage plus(RunUsage o) {
        return new RunUsage(starts + o.starts, firingSeconds + o.firingSeconds);
    }
}
