package io.hotfire.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.app.problem.ProblemException;
import io.hotfire.domain.telemetry.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dedup and conflict policy of a batch, without HTTP or a database. */
class DedupTest {

    static Frame f(long seq, double t, double... v) {
        return new Frame(seq, t, v);
    }

    static long checksum(Frame f) {
        return FrameCodec.checksum(f.t(), FrameCodec.encode(f.values()));
    }

    static String type(Throwable e) {
        return ((ProblemException) e).problem().toString();
    }

    @Test
    void anIdenticalRepeatInABatchCountsOnceAndSplitsResendsFromNewFrames() {
        List<Frame> resent = new ArrayList<>();
        List<Frame> fresh = new ArrayList<>();
        int repeats = Dedup.partition(List.of(f(4, 0.08, 1), f(5, 0.10, 2), f(5, 0.10, 2), f(6, 0.12, 3)), 4, resent, fresh);
        assertThat(repeats).isEqualTo(1);
        assertThat(resent).extracting(Frame::seq).containsExactly(4L);
        assertThat(fresh).extracting(Frame::seq).containsExactly(5L, 6L);
    }

    @Test
    void aSeqRepeatedInABatchWithOtherValuesIsAConflict() {
        assertThatThrownBy(() -> Dedup.partition(List.of(f(5, 0.10, 2), f(5, 0.10, 2.5)), -1, new ArrayList<>(), new ArrayList<>()))
                .isInstanceOf(ProblemException.class).satisfies(e -> assertThat(type(e)).contains("conflicting-frame"));
    }

    @Test
    void aResendIdenticalToTheStoredFrameIsADuplicate() {
        Frame stored = f(3, 0.06, 9.7, 1.0);
        assertThat(Dedup.checkResent(List.of(stored), Map.of(3L, checksum(stored)), 7L)).isEqualTo(1);
        assertThat(Dedup.checkResent(List.of(), Map.of(), 7L)).isZero();
    }

    @Test
    void aResendWithOtherValuesOrOneNeverStoredIsAConflict() {
        Frame stored = f(3, 0.06, 9.7, 1.0);
        Map<Long, Long> checksums = Map.of(3L, checksum(stored));
        assertThatThrownBy(() -> Dedup.checkResent(List.of(f(3, 0.06, 9.8, 1.0)), checksums, 7L))
                .isInstanceOf(ProblemException.class).satisfies(e -> assertThat(type(e)).contains("conflicting-frame"));
        assertThatThrownBy(() -> Dedup.checkResent(List.of(f(2, 0.04, 9.7, 1.0)), checksums, 7L))
                .isInstanceOf(ProblemException.class).satisfies(e -> assertThat(type(e)).contains("out-of-order-frame"));
    }

    @Test
    void newFramesMustFollowTheStoredOnesInTime() {
        Dedup.checkFollowsStored(4L, 0.08, List.of(f(5, 0.10, 1)), false, List.of(f(5, 0.10, 1)));
        assertThatThrownBy(() -> Dedup.checkFollowsStored(4L, 0.08, List.of(f(5, 0.02, 1)), false, List.of(f(5, 0.02, 1))))
                .isInstanceOf(ProblemException.class).satisfies(e -> assertThat(type(e)).contains("time-goes-back"));
    }
}
