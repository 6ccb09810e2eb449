package io.hotfire.domain.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.LimitLevel;
import io.hotfire.domain.profile.LimitSide;
import io.hotfire.domain.profile.ProfileLoader;
import io.hotfire.domain.telemetry.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class WindowBuilderTest {

    // 10 Hz, windows of 10 samples every 5; running from t=0, mainstage from t=1 s.
    static final EngineProfile P = ProfileLoader.parse("tiny.yaml", """
            id: tiny
            sampleRateHz: 10
            throttle: {channel: CMD, scale: 100, qualified: [0.5, 1.0]}
            phase: {runningChannel: CMD, runningAbove: 1, mainstageAfterSeconds: 1.0}
            windows: {size: 10, step: 5}
            validation: {redlinePersistenceSamples: 3, frozenSeconds: 0.5, spikeSigma: 10, spikeSpanFraction: 0.01, spikeMemorySeconds: 5}
            sensors:
              - {id: CMD, nominal: 100, k: 1, noise: 0, span: [0, 100]}
              - {id: P, nominal: 5, k: 1, noise: 0.1, span: [0, 10], limits: {warnHigh: 6, redHigh: 7, redLow: {factor: 0.5}}}
              - {id: Q, nominal: 5, k: 1, noise: 0.1, span: [0, 10], estimate: PQ}
              - {id: POS, nominal: 100, k: 0, noise: 0.2, span: [0, 100]}
            derived:
              - {id: PQ, expr: "(P + Q) / 2"}
            redundancy:
              - {a: P, b: Q, tolerance: 0.5}
            tracking:
              - {id: V, position: POS, command: CMD, warnDelta: 5, warnSeconds: 0.3, redDelta: 15, redSeconds: 0.5}
            """.getBytes(StandardCharsets.UTF_8));

    /** Feeds n samples; P follows {@code p(t)}, everything else steady at nominal. */
    static List<WindowSnapshot> feed(int n, DoubleUnaryOperator p, DoubleUnaryOperator q, DoubleUnaryOperator pos) {
        WindowBuilder b = new WindowBuilder(P);
        List<WindowSnapshot> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double t = i / 10.0;
            // tiny alternating noise so channels are never frozen by accident
            double jitter = (i % 2 == 0 ? 0.01 : -0.01);
            WindowSnapshot w = b.add(new Frame(i, t, new double[] {100, p.applyAsDouble(t) + jitter,
                    q.applyAsDouble(t) + jitter, pos.applyAsDouble(t) + jitter}));
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    static List<WindowSnapshot> steady(int n) {
        return feed(n, t -> 5, t -> 5, t -> 100);
    }

    @Test
    void windowsComeEveryStepOnceTheFirstIsFull() {
        List<WindowSnapshot> ws = steady(30);
        assertThat(ws).extracting(WindowSnapshot::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(ws.get(0).tStart()).isEqualTo(0.0);
        assertThat(ws.get(0).tEnd()).isCloseTo(0.9, offset(1e-9));
        assertThat(ws.get(1).tEnd()).isCloseTo(1.4, offset(1e-9));
        assertThat(ws.get(0).phase()).isEqualTo(Phase.START);
        assertThat(ws.get(1).phase()).isEqualTo(Phase.MAINSTAGE);
    }

    @Test
    void featuresAreMeanStdSlopeMinMaxLastOfTheWindow() {
        List<WindowSnapshot> ws = feed(10, t -> 2 * t, t -> 5, t -> 100);
        ChannelFeatures p = ws.get(0).channel("P").orElseThrow();
        assertThat(p.slope()).isCloseTo(2.0, offset(0.05));
        assertThat(p.mean()).isCloseTo(0.9, offset(1e-9));
        assertThat(p.min()).isCloseTo(0.01, offset(1e-9));
        assertThat(p.max()).isCloseTo(1.79, offset(1e-9));
        assertThat(p.last()).isCloseTo(1.79, offset(1e-9));
        assertThat(p.valid()).isEqualTo(10);
        assertThat(p.expected()).isEqualTo(5.0);
        ChannelFeatures pq = ws.get(0).channel("PQ").orElseThrow();
        assertThat(pq.mean()).isCloseTo((0.9 + 5) / 2, offset(1e-9));
    }

    @Test
    void aRedlineRunIsCountedAcrossTheWindowBorder() {
        // P above its redline 7 from t=1.3 to 1.6 s: samples 13,14 in one window and 15,16 in the next.
        List<WindowSnapshot> ws = feed(25, t -> t >= 1.25 && t < 1.65 ? 8 : 5, t -> 5, t -> 100);
        LimitBreach first = breach(ws.get(1), LimitLevel.REDLINE);
        assertThat(first.maxConsecutive()).isEqualTo(2);
        assertThat(first.consecutiveAtEnd()).isEqualTo(2);
        LimitBreach second = breach(ws.get(2), LimitLevel.REDLINE);
        assertThat(second.maxConsecutive()).isEqualTo(4);
        assertThat(second.firstT()).isCloseTo(1.3, offset(1e-9));
        assertThat(second.limit()).isEqualTo(7.0);
        assertThat(second.peak()).isCloseTo(8.01, offset(1e-9));
        assertThat(ws.get(3).breaches()).isEmpty();
    }

    @Test
    void aRelativeLimitIsResolvedAgainstExpectedAtTheThrottle() {
        List<WindowSnapshot> ws = feed(25, t -> t > 1.2 ? 2.0 : 5, t -> 5, t -> 100);
        LimitBreach low = ws.get(2).breaches().stream().filter(b -> b.side() == LimitSide.LOW).findFirst().orElseThrow();
        assertThat(low.limit()).isCloseTo(2.5, offset(1e-9));
    }

    @Test
    void limitsAreNotCheckedBeforeMainstage() {
        List<WindowSnapshot> ws = feed(10, t -> 9, t -> 5, t -> 100);
        assertThat(ws.get(0).breaches()).isEmpty();
    }

    @Test
    void aFrozenReadingIsTimedWhileRunning() {
        List<WindowSnapshot> ws = feed(30, t -> t > 1.0 ? 5.123 : 5, t -> 5, t -> 100);
        // jitter keeps alternating, so freeze P by the exact same value: use a builder directly
        WindowBuilder b = new WindowBuilder(P);
        WindowSnapshot last = null;
        for (int i = 0; i < 30; i++) {
            double t = i / 10.0;
            double p = t > 1.0 ? 5.123 : 5 + (i % 2 == 0 ? 0.01 : -0.01);
            WindowSnapshot w = b.add(new Frame(i, t, new double[] {100, p, 5 + (i % 2) * 0.01, 100 - (i % 2) * 0.1}));
            last = w == null ? last : w;
        }
        SensorHealth h = health(last, "P");
        assertThat(h.frozenSeconds()).isCloseTo(1.8, offset(1e-9));
        assertThat(health(last, "CMD").checkable()).isFalse();
        assertThat(health(ws.get(ws.size() - 1), "Q").frozenSeconds()).isZero();
    }

    @Test
    void anIsolatedSpikeIsCountedButNoisyDataIsNot() {
        List<WindowSnapshot> ws = feed(30, t -> Math.abs(t - 1.2) < 0.01 || Math.abs(t - 2.0) < 0.01 ? 9 : 5, t -> 5, t -> 100);
        assertThat(health(ws.get(0), "P").spikes()).isZero();
        assertThat(health(ws.get(2), "P").spikes()).as("remembered after its window").isEqualTo(1);
        assertThat(health(ws.get(ws.size() - 1), "P").spikes()).isEqualTo(2);
        assertThat(ws).allSatisfy(w -> assertThat(health(w, "Q").spikes()).isZero());
    }

    @Test
    void deadReadingsAreCountedAndLeftOutOfTheFeatures() {
        List<WindowSnapshot> ws = feed(10, t -> t > 0.55 ? Double.NaN : 5, t -> t > 0.75 ? 11 : 5, t -> 100);
        SensorHealth p = health(ws.get(0), "P");
        assertThat(p.dead()).isEqualTo(4);
        assertThat(p.deadRun()).isEqualTo(4);
        assertThat(health(ws.get(0), "Q").dead()).isEqualTo(2);
        assertThat(Double.isNaN(health(ws.get(0), "P").lastDeadValue())).isTrue();
        assertThat(ws.get(0).channel("P").orElseThrow().valid()).isEqualTo(6);
    }

    @Test
    void aSlightOvershootOfTheSpanWithinNoiseIsNotDead() {
        List<WindowSnapshot> ws = feed(10, t -> 5, t -> 5, t -> 100.3);
        assertThat(health(ws.get(0), "POS").dead()).isZero();
    }

    @Test
    void aPairDisagreementRemembersWhetherItBeganAsAStep() {
        PairCheck step = feed(40, t -> t > 2.0 ? 6.5 : 5, t -> 5, t -> 100).get(5).pairs().get(0);
        assertThat(step.stepLike(0.5)).isTrue();
        assertThat(step.largestStep()).isCloseTo(1.5, offset(0.05));
        PairCheck ramp = feed(80, t -> t > 1.5 ? 5 + 0.5 * (t - 1.5) : 5, t -> 5, t -> 100).get(14).pairs().get(0);
        assertThat(ramp.disagrees()).isTrue();
        assertThat(ramp.stepLike(0.5)).isFalse();
        assertThat(ramp.largestStep()).isCloseTo(0.15, offset(0.05));
    }

    @Test
    void aPairThatDisagreesNamesTheMemberFartherFromTheEstimate() {
        // Q's estimate is (P+Q)/2, so both are equally far: use a step on P and compare the errors.
        List<WindowSnapshot> ws = feed(30, t -> t > 1.0 ? 6.5 : 5, t -> 5, t -> 100);
        PairCheck pc = ws.get(ws.size() - 1).pairs().get(0);
        assertThat(pc.disagrees()).isTrue();
        assertThat(pc.windowsDisagreeing()).isGreaterThanOrEqualTo(2);
        assertThat(pc.difference()).isCloseTo(1.5, offset(0.02));
        assertThat(steady(30).get(4).pairs().get(0).windowsDisagreeing()).isZero();
    }

    @Test
    void aValveLaggingItsCommandIsTimed() {
        List<WindowSnapshot> ws = feed(30, t -> 5, t -> 5, t -> t > 1.0 ? 90 : 100);
        TrackingCheck tc = ws.get(ws.size() - 1).tracking().get(0);
        assertThat(tc.maxError()).isCloseTo(10, offset(0.02));
        assertThat(tc.warnSeconds()).isCloseTo(1.9, offset(1e-9));
        assertThat(tc.redSeconds()).isZero();
    }

    static LimitBreach breach(WindowSnapshot w, LimitLevel level) {
        return w.breaches().stream().filter(b -> b.level() == level).findFirst().orElseThrow();
    }

    static SensorHealth health(WindowSnapshot w, String sensor) {
        return w.health().stream().filter(h -> h.sensor().equals(sensor)).findFirst().orElseThrow();
    }

    // A throttling valve scheduled at 100 %·θ^1.5 on a 0–100 % span: at θ = 1.05 its schedule (107.6 %)
    // lies beyond its stop (GG-1's GG valve at uprate; issue 16, RL-001 at 105 %).
    static final EngineProfile STOP = ProfileLoader.parse("stop.yaml", """
            id: stop
            sampleRateHz: 10
            throttle: {channel: CMD, scale: 100, qualified: [0.7, 1.0]}
            phase: {runningChannel: CMD, runningAbove: 1, mainstageAfterSeconds: 1.0}
            windows: {size: 10, step: 5}
            symptoms: {persistenceWindows: 1, defaultBand: {absolute: 2.5}}
            sensors:
              - {id: CMD, nominal: 100, k: 1, noise: 0, span: [0, 115]}
              - {id: GGV, nominal: 100, k: 1.5, noise: 0.2, span: [0, 100]}
            """.getBytes(StandardCharsets.UTF_8));

    static Deviation valveAt105(double reading) {
        WindowBuilder b = new WindowBuilder(STOP);
        WindowSnapshot last = null;
        for (int i = 0; i < 30; i++) {
            WindowSnapshot w = b.add(new Frame(i, i / 10.0, new double[] {105, reading + (i % 2 == 0 ? 0.01 : -0.01)}));
            last = w != null ? w : last;
        }
        return last.deviations().stream().filter(d -> d.channel().equals("GGV")).findFirst().orElseThrow();
    }

    @Test
    void aValvePinnedAtItsStopWhileItsScheduleLiesBeyondItIsWhereItShouldBe() {
        Deviation d = valveAt105(100.0);
        assertThat(d.expected()).isEqualTo(100.0);
        assertThat(d.normal()).isTrue();
    }

    @Test
    void aValveShortOfItsStopWhileItsScheduleLiesBeyondItIsStillLow() {
        Deviation d = valveAt105(90.0);
        assertThat(d.expected()).isEqualTo(100.0);
        assertThat(d.down()).isTrue();
    }
}
