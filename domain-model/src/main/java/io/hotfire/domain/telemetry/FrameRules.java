package io.hotfire.domain.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What every telemetry frame of a run must satisfy, whichever way it arrives (JSON, CSV, Kafka):
 * <ul>
 * <li>{@code 0 <= seq < }{@link #SEQ_LIMIT} (10^15), so that numbering on from a run's last seq can
 * never overflow;</li>
 * <li>t finite and {@code >= 0} (run time since the start command);</li>
 * <li>within a batch taken as a set (in seq order), t never decreases and two neighbouring seqs are at
 * most {@link #MAX_SEQ_GAP} (10^6) apart; against the run's stored frames, the first new seq is at most
 * {@link #MAX_SEQ_GAP} above the last stored one and its t is not below the last stored t — so one
 * mistyped huge seq or t cannot block a run's later frames for ever.</li>
 * </ul>
 * The readers check a frame's own values and the batch (each refusal names the frame); the store checks
 * a batch against the run's last stored frame.
 */
public final class FrameRules {

    /** Every seq is below this: 10^15. */
    public static final long SEQ_LIMIT = 1_000_000_000_000_000L;
    /** Largest step from one seq to the next, in a batch and from the run's last stored seq: 10^6. */
    public static final long MAX_SEQ_GAP = 1_000_000L;

    private FrameRules() {
    }

    /**
     * A frame that breaks a rule.
     *
     * @param index  its position in the list checked (body order)
     * @param seq    its seq
     * @param field  {@code seq} or {@code t}
     * @param detail for people
     */
    public record Violation(int index, long seq, String field, String detail) {
    }

    /** Why {@code seq} is out of bounds, or null. */
    public static String seqProblem(long seq) {
        return seq < 0 || seq >= SEQ_LIMIT ? "seq must be an integer with 0 <= seq < 10^15, found " + seq : null;
    }

    /** Why {@code t} is not a valid run time, or null. */
    public static String timeProblem(double t) {
        if (!Double.isFinite(t)) {
            return "t must be a finite number of seconds, found " + t;
        }
        return t < 0 ? "t must not be negative (seconds since the start command), found " + t : null;
    }

    /**
     * The first frame, in seq order, whose t is below its predecessor's or whose seq is more than
     * {@link #MAX_SEQ_GAP} above its predecessor's; null when the batch is in order. Repeated seqs are
     * left to the store (an identical repeat is a duplicate, another a conflict).
     */
    public static Violation checkBatch(List<Frame> frames) {
        List<Integer> order = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> frames.get(i).seq()));
        for (int k = 1; k < order.size(); k++) {
            Frame prev = frames.get(order.get(k - 1));
            Frame f = frames.get(order.get(k));
            if (f.seq() - prev.seq() > MAX_SEQ_GAP) {
                return new Violation(order.get(k), f.seq(), "seq", "seq " + f.seq() + " is " + (f.seq() - prev.seq())
                        + " above the batch's previous seq " + prev.seq() + "; at most " + MAX_SEQ_GAP + " frames may be missing between two");
            }
            if (f.t() < prev.t()) {
                return new Violation(order.get(k), f.seq(), "t", "t " + f.t() + " of seq " + f.seq() + " is below t " + prev.t()
                        + " of seq " + prev.seq() + "; t must not decrease with seq");
            }
        }
        return null;
    }

    /**
     * The first new frame (seq-sorted {@code fresh}, all above {@code lastSeq}) that does not follow the run's
     * last stored frame: a seq more than {@link #MAX_SEQ_GAP} above it or a t below it; null when they follow.
     * A run without stored frames ({@code lastSeq} null) may start at any seq within bounds.
     */
    public static Violation checkAfterStored(List<Frame> fresh, Long lastSeq, Double lastT) {
        if (fresh.isEmpty() || lastSeq == null) {
            return null;
        }
        Frame first = fresh.get(0);
        if (first.seq() - lastSeq > MAX_SEQ_GAP) {
            return new Violation(0, first.seq(), "seq", "seq " + first.seq() + " is " + (first.seq() - lastSeq)
                    + " above the run's last stored seq " + lastSeq + "; at most " + MAX_SEQ_GAP + " frames may be missing between two");
        }
        if (lastT != null && first.t() < lastT) {
            return new Violation(0, first.seq(), "t", "t " + first.t() + " of seq " + first.seq() + " is below t " + lastT
                    + " of the run's last stored seq " + lastSeq + "; t must not decrease with seq");
        }
        return null;
    }
}
