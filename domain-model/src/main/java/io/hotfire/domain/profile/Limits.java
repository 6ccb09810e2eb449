package io.hotfire.domain.profile;

/** Warning and redline lines of one sensor; any may be {@code null} (no such line). */
public record Limits(Limit warnLow, Limit warnHigh, Limit redLow, Limit redHigh) {

    public static final Limits NONE = new Limits(null, null, null, null);

    public Limit get(LimitLevel level, LimitSide side) {
        if (level == LimitLevel.WARNING) {
            return side == LimitSide.LOW ? warnLow : warnHigh;
        }
        return side == LimitSide.LOW ? redLow : redHigh;
    }

    public boolean isEmpty() {
        return warnLow == null && warnHigh == null && redLow == null && redHigh == null;
    }
}
