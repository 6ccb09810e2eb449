package io.hotfire.app.ingest;

import io.hotfire.app.problem.ProblemException;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.domain.telemetry.FrameRules;
import java.util.List;
import java.util.Map;

/**
 * The dedup and conflict policy of a batch, as pure functions (no database, no HTTP): a batch is a
 * set sorted by seq; an identical repeat inside it counts once; a frame at or below the run's last
 * stored seq must be an identical resend of a stored frame; anything else is a 409.
 */
final class Dedup {

    private Dedup() {
    }

    /**
     * Splits seq-sorted frames into resends (at or below {@code last}) and new frames, dropping
     * identical repeats within the batch; returns how many were dropped. A seq repeated with other
     * t or values is a 409 {@code conflicting-frame}.
     */
    static int partition(List<Frame> sorted, long last, List<Frame> resent, List<Frame> fresh) {
        int repeats = 0;
        Frame previous = null;
        for (Frame f : sorted) {
            if (previous != null && previous.seq() == f.seq()) {
                if (!previous.equals(f)) {
                    throw ProblemException.conflict("conflicting-frame", "Conflicting frame",
                            "seq " + f.seq() + " appears twice in the batch with different t or values").with("seq", f.seq());
                }
                repeats++;
                continue;
            }
            (f.seq() <= last ? resent : fresh).add(f);
            previous = f;
        }
        return repeats;
    }

    /**
     * Counts resends identical to what is stored ({@code stored}: checksum by seq of the run's stored
     * frames in the resends' seq range); a resend never stored is a 409 {@code out-of-order-frame}, one
     * stored with other t or values a 409 {@code conflicting-frame}.
     */
    static int checkResent(List<Frame> resent, Map<Long, Long> stored, Long lastSeq) {
        for (Frame f : resent) {
            Long checksum = stored.get(f.seq());
            if (checksum == null) {
                throw ProblemException.conflict("out-of-order-frame", "Out-of-order frame",
                                "seq " + f.seq() + " is below the run's last seq " + lastSeq
                                        + " but was never stored; frames must arrive in increasing seq order and a gap cannot be filled later")
                        .with("seq", f.seq())
                        .with("lastSeq", lastSeq);
            }
            if (checksum != FrameCodec.checksum(f.t(), FrameCodec.encode(f.values()))) {
                throw ProblemException.conflict("conflicting-frame", "Conflicting frame",
                        "seq " + f.seq() + " is already stored with different t or values").with("seq", f.seq());
            }
        }
        return resent.size();
    }

    /**
     * New frames must follow the run's last stored frame (FrameRules: a bounded seq step, t not going back) and
     * numbering on from the last seq must stay below the seq bound; else a 409 naming the frame (its index in
     * the body, seq and field). The readers have checked each frame and the batch in itself.
     */
    static void checkFollowsStored(Long lastSeq, Double lastT, List<Frame> parsed, boolean numberAfterLast, List<Frame> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        long newest = fresh.get(fresh.size() - 1).seq();
        if (newest >= FrameRules.SEQ_LIMIT) {
            throw ProblemException.conflict("seq-limit", "Seq limit reached",
                            "numbered on from the run's last seq " + lastSeq + ", the batch would reach seq " + newest
                                    + ", beyond the limit of 10^15").with("field", "seq").with("seq", newest).with("lastSeq", lastSeq);
        }
        FrameRules.Violation v = FrameRules.checkAfterStored(fresh, lastSeq, lastT);
        if (v != null) {
            Frame f = fresh.get(v.index());
            long index = numberAfterLast ? f.seq() - lastSeq - 1 : parsed.indexOf(f);
            throw ProblemException.conflict(v.field().equals("t") ? "time-goes-back" : "seq-gap-too-large",
                            v.field().equals("t") ? "Time goes back" : "Seq gap too large", "frame " + index + ": " + v.detail())
                    .with("field", "frames[" + index + "]." + v.field())
                    .with("index", index)
                    .with("seq", v.seq())
                    .with("lastSeq", lastSeq)
                    .with("lastT", lastT);
        }
    }
}
