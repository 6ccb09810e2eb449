package io.hotfire.domain.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotfire.domain.feature.SignalFeature;
import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.telemetry.Frame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile's {@code signals:} section: what it accepts, and the windows carrying its features. */
class SignalProfileTest {

    static final String RIG = ShortRunProfileTest.RIG + """
            signals:
              span: 0.4
              peakToPeak: [P1]
              bandPower: {channels: [P1], bands: [[20, 30], [100, 500]]}
              dominantFrequency: {channels: [P1], band: [5, 200]}
              step: {channels: [P2], after: 0.15, settle: 0.05, minStep: 0.1}
              delays: {pairs: [[P1, P2]], maxLag: 0.02}
              normal: {P1.dominantFrequency: [20, 24]}
            """;

    private static EngineProfile parse(String yaml) {
        return ProfileLoader.parse("profile.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aProfileWithoutSignalsComputesNone() {
        assertThat(ShortRunProfileTest.rig().signals().isEmpty()).isTrue();
        WindowBuilder b = new WindowBuilder(ShortRunProfileTest.rig());
        WindowSnapshot last = null;
        for (int i = 0; i < 100; i++) {
            WindowSnapshot w = b.add(new Frame(i, i / 1000.0, new double[] {2, 2}));
            last = w == null ? last : w;
        }
        assertThat(last.signals()).isEmpty();
    }

    @Test
    void everyWindowCarriesTheFeaturesOfTheLastSpan() {
        EngineProfile p = parse(RIG);
        assertThat(p.signals().names()).containsExactly("P1.peakToPeak", "P1.bandPower_20_30", "P1.bandPower_100_500",
                "P1.dominantFrequency", "P2.stepAmplitude", "P2.riseTime", "P2.overshoot", "P2.settlingTime",
                "P2.oscillations", "P1:P2.delay");
        WindowBuilder b = new WindowBuilder(p);
        List<WindowSnapshot> windows = new ArrayList<>();
        // P1: a 25 Hz sine of amplitude 0.2 around 2; P2: P1 5 ms later plus a first-order step of 1 at 0.5 s.
        for (int i = 0; i < 800; i++) {
            double t = i / 1000.0;
            double p1 = 2 + 0.2 * Math.sin(2 * Math.PI * 25 * t);
            double td = t - 0.005;
            double p2 = 2 + 0.2 * Math.sin(2 * Math.PI * 25 * td) + (td < 0.5 ? 0 : 1 - Math.exp(-(td - 0.5) / 0.01));
            WindowSnapshot w = b.add(new Frame(i, t, new double[] {p1, p2}));
            if (w != null) {
                windows.add(w);
            }
        }
        // Before 0.4 s of history there is no value.
        assertThat(windows.get(0).signal("P1.peakToPeak")).isNaN();
        WindowSnapshot before = windows.stream().filter(w -> w.tEnd() > 0.45 && w.tEnd() < 0.5).findFirst().orElseThrow();
        assertThat(before.signal("P1.peakToPeak")).isCloseTo(0.4, within(0.01));
        assertThat(before.signal("P1.dominantFrequency")).isCloseTo(25, within(1.0));
        assertThat(before.signal("P1.bandPower_20_30")).isCloseTo(0.02, within(0.003));
        assertThat(before.signal("P1.bandPower_100_500")).isLessThan(0.001);
        assertThat(before.signal("P1:P2.delay")).isCloseTo(0.005, within(0.0005));
        SignalFeature dom = before.signals().stream().filter(s -> s.name().equals("P1.dominantFrequency")).findFirst().orElseThrow();
        assertThat(dom.hasRange()).isTrue();
        assertThat(dom.offRange()).isTrue(); // 25 Hz against a normal range of 20-24 Hz
        assertThat(before.signals().stream().filter(s -> s.name().equals("P1.peakToPeak")).findFirst().orElseThrow().offRange())
                .isFalse(); // no range: never off it
        // The step at 0.5 s is measured once 0.15 s of its response are in the span.
        WindowSnapshot after = windows.stream().filter(w -> w.tEnd() >= 0.66).findFirst().orElseThrow();
        assertThat(after.signal("P2.stepAmplitude")).isCloseTo(1, within(0.15));
        assertThat(after.signal("P2.riseTime")).isBetween(0.01, 0.04);
        SignalFeature f = after.signals().stream().filter(s -> s.name().equals("P2.overshoot")).findFirst().orElseThrow();
        assertThat(f.channel()).isEqualTo("P2");
        assertThat(f.kind()).isEqualTo("overshoot");
    }

    @Test
    void alignedToTheStepTheFeaturesSeeTheTransientWhereverTheWindowFalls() {
        // Every 0.3 s a valve-like step of 1 with 40 Hz ringing; aligned, the ringing is measured from the step on.
        EngineProfile p = parse(ShortRunProfileTest.RIG + """
                signals:
                  span: 0.5
                  align: step
                  dominantFrequency: {channels: [P1], band: [5, 200]}
                  step: {after: 0.2}
                """);
        WindowBuilder b = new WindowBuilder(p);
        List<Double> f = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            double t = i / 1000.0;
            double tc = t % 0.3;
            double p1 = 2 + (tc < 0.02 ? 0 : Math.exp(-(tc - 0.02) / 0.05) * Math.sin(2 * Math.PI * 40 * (tc - 0.02)));
            WindowSnapshot w = b.add(new Frame(i, t, new double[] {p1, 2}));
            if (w != null && w.tEnd() >= 0.5) {
                f.add(w.signal("P1.dominantFrequency"));
            }
        }
        assertThat(f).hasSizeGreaterThan(30).allSatisfy(v -> assertThat(v).isCloseTo(40, within(2.0)));
        assertThatThrownBy(() -> parse(ShortRunProfileTest.RIG + "signals: {align: step, peakToPeak: [P1]}\n"))
                .hasMessageContaining("signals.align");
    }

    /** A "command edge" stands in a reference channel: P2's burst follows P1's step down, not its larger step up. */
    @Test
    void alignedToAReferenceChannelsStepDownEveryChannelIsMeasuredAfterThatEdge() {
        String yaml = ShortRunProfileTest.RIG + """
                signals:
                  span: 0.45
                  align: {channel: P1, direction: DIR}
                  peakToPeak: [P2]
                  dominantFrequency: {channels: [P2], band: [5, 200]}
                  step: {after: 0.08}
                """;
        for (String dir : List.of("down", "any")) {
            WindowBuilder b = new WindowBuilder(parse(yaml.replace("DIR", dir)));
            List<Double> p2p = new ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                double t = i / 1000.0;
                double tc = t % 0.3;
                double p1 = tc < 0.05 ? 2 : tc < 0.15 ? 1.5 : 2.5 - (tc - 0.15) / 0.15 * 0.5;
                double p2 = 2 + (tc >= 0.05 && tc < 0.15 ? 0.3 * Math.sin(2 * Math.PI * 40 * (tc - 0.05)) : 0);
                WindowSnapshot w = b.add(new Frame(i, t, new double[] {p1, p2}));
                if (w != null && w.tEnd() >= 0.45) {
                    p2p.add(w.signal("P2.peakToPeak"));
                    if (dir.equals("down")) {
                        assertThat(w.signal("P2.dominantFrequency")).isCloseTo(40, within(3.0));
                    }
                }
            }
            if (dir.equals("down")) {
                assertThat(p2p).allSatisfy(v -> assertThat(v).isCloseTo(0.6, within(0.02)));
            } else {
                assertThat(p2p).allSatisfy(v -> assertThat(v).isLessThan(0.01)); // after the step up P2 is flat
            }
        }
        assertThatThrownBy(() -> parse(yaml.replace("DIR", "sideways"))).hasMessageContaining("signals.align.direction");
        assertThatThrownBy(() -> parse(yaml.replace("channel: P1", "channel: P9"))).hasMessageContaining("signals.align.channel");
    }

    /** A dip at a fixed time after a reference channel's edge: the same value wherever the window falls in the cycle. */
    @Test
    void aDipAfterTheAlignedEdgeIsMeasuredInItsSlot() {
        String yaml = ShortRunProfileTest.RIG + """
                signals:
                  span: 0.45
                  align: {channel: P1, direction: down}
                  step: {after: 0.18}
                  dip: {channels: [P2], from: 0.05, to: 0.15}
                """;
        EngineProfile p = parse(yaml);
        assertThat(p.signals().names()).containsExactly("P2.dip", "P2.front");
        WindowBuilder b = new WindowBuilder(p);
        List<Double> dips = new ArrayList<>();
        List<Double> fronts = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            double t = i / 1000.0;
            double tc = t % 0.25;
            double p1 = tc < 0.05 ? 2 : 1.5;                               // the edge: P1 steps down at 0.05 s of each cycle
            // P2 dips 0.8 at 0.07 s after the edge (in the slot) and 1.0 at 0.16 s after it (outside the slot)
            double p2 = 2 - (tc >= 0.12 && tc < 0.14 ? 0.8 : 0) - (tc >= 0.21 && tc < 0.23 ? 1.0 : 0);
            WindowSnapshot w = b.add(new Frame(i, t, new double[] {p1, p2}));
            if (w != null && w.tEnd() >= 0.45) {
                dips.add(w.signal("P2.dip"));
                fronts.add(w.signal("P2.front"));
            }
        }
        assertThat(dips).isNotEmpty().allSatisfy(v -> assertThat(v).isCloseTo(0.8, within(1e-9)));
        assertThat(fronts).hasSameSizeAs(dips).allSatisfy(v -> assertThat(v).isCloseTo(0.8, within(1e-9)));
        assertThatThrownBy(() -> parse(yaml.replace("to: 0.15", "to: 0.2"))).hasMessageContaining("signals.dip.to");
        assertThatThrownBy(() -> parse(yaml.replace("[P2], from", "[P9], from"))).hasMessageContaining("signals.dip.channels[0]");
    }

    @Test
    void badSignalsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> parse(RIG.replace("peakToPeak: [P1]", "peakToPeak: [P9]")))
                .hasMessageContaining("signals.peakToPeak[0]");
        assertThatThrownBy(() -> parse(RIG.replace("[100, 500]", "[100, 900]")))
                .hasMessageContaining("signals.bandPower.bands[1]").hasMessageContaining("half the sample rate");
        assertThatThrownBy(() -> parse(RIG.replace("[[P1, P2]]", "[[P1, P1]]")))
                .hasMessageContaining("signals.delays.pairs[0]");
        assertThatThrownBy(() -> parse(RIG.replace("span: 0.4", "span: 9")))
                .hasMessageContaining("signals.span");
        assertThatThrownBy(() -> parse(RIG.replace("after: 0.15", "after: 0.4")))
                .hasMessageContaining("signals.step.after");
        assertThatThrownBy(() -> parse(RIG.replace("P1.dominantFrequency: [20, 24]", "P7.dominantFrequency: [20, 24]")))
                .hasMessageContaining("signals.normal.P7.dominantFrequency");
        assertThatThrownBy(() -> parse(RIG.replace("delays:", "lags:")))
                .hasMessageContaining("signals.lags");
    }
}
