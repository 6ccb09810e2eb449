package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.ChannelFeatures;
import io.hotfire.domain.feature.Deviation;
import io.hotfire.domain.feature.Direction;
import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.feature.SignalFeature;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.Range;
import io.hotfire.rules.engine.RuleEngine;
import io.hotfire.rules.engine.RuleSession;
import io.hotfire.rules.engine.RuleSource;
import io.hotfire.rules.fact.GateFact;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PHM-001, PHM-002 and PHM-003 of the shipped phm2023 domain on hand-made windows: every channel inside its
 * band, the gate calling the pattern novel; only the ringing frequency or P3's dip or front (SignalFeatures) differs. The domain tests as
 * data (domains/phm2023/tests) replay without a gate, where an off-band symptom shows no event, so the
 * rule's positive and negative tests are here.
 */
class Phm2023RulesTest {

    private static final DomainCatalog.Domain PHM = DomainCatalog.load(DomainCatalog.defaultRoot()).require("phm2023");

    private static List<Event> run(double ringingHz) {
        return run(ringingHz, Double.NaN);
    }

    private static List<Event> run(double ringingHz, double dipP3) {
        return run(ringingHz, dipP3, Double.NaN);
    }

    /**
     * Every dip and front at the middle of its normal range, P3's dip at {@code dipP3} and front at
     * {@code frontP3} (NaN: the middle too).
     */
    private static List<Event> run(double ringingHz, double dipP3, double frontP3) {
        EngineProfile p = PHM.profile();
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        sources.addAll(RuleSource.folder(PHM.rulesFolder()));
        RuleSession session = RuleEngine.compile(p, sources).newSession();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double t = 0.5 + i * 0.01;
            List<ChannelFeatures> channels = new ArrayList<>();
            List<Deviation> deviations = new ArrayList<>();
            List<SignalFeature> signals = new ArrayList<>();
            for (var s : p.sensors()) {
                channels.add(new ChannelFeatures(s.id(), 2.0, 0.01, 0, 1.9, 2.1, 2.0, 50, 50, 2.0, s.noise()));
                deviations.add(new Deviation(s.id(), Direction.NONE, 2.0, 2.0, 0.05, 0, 0, 0, Direction.NONE, true,
                        Double.NaN, false, Double.NaN));
                String name = s.id() + ".dominantFrequency";
                Range r = p.signals().normalRange(name);
                signals.add(new SignalFeature(name, s.id(), "dominantFrequency", ringingHz, r.low(), r.high()));
                Range d = p.signals().normalRange(s.id() + ".dip");
                double dip = s.id().equals("P3") && !Double.isNaN(dipP3) ? dipP3 : (d.low() + d.high()) / 2;
                signals.add(new SignalFeature(s.id() + ".dip", s.id(), "dip", dip, d.low(), d.high()));
                Range f = p.signals().normalRange(s.id() + ".front");
                double front = s.id().equals("P3") && !Double.isNaN(frontP3) ? frontP3 : (f.low() + f.high()) / 2;
                signals.add(new SignalFeature(s.id() + ".front", s.id(), "front", front, f.low(), f.high()));
            }
            WindowSnapshot w = new WindowSnapshot(i, t - 0.05, t, 1, 0, Phase.MAINSTAGE, t, t, channels, List.of(),
                    List.of(), List.of(), List.of(), deviations, signals);
            events.addAll(session.evaluate(w, List.of(new GateFact(true, 0.01 * (i + 1), 0.001, 1.4, List.of(), "m"))));
        }
        return events;
    }

    private static boolean unknownAnomalyAt(List<Event> events, Severity severity) {
        return events.stream().anyMatch(e -> e.type() == EventType.FINDING && "UNKNOWN_ANOMALY".equals(e.code())
                && e.severity() == severity);
    }

    @Test
    void aNovelPatternThatRingsLowerThanTheNominalLineIsAnUnknownAnomaly() {
        assertThat(PHM.profile().signals().normalRange("P3.dominantFrequency")).isNotNull();
        List<Event> events = run(62.0);
        assertThat(unknownAnomalyAt(events, Severity.WARNING)).as(events.toString()).isTrue();
    }

    /** PHM-002: P3 (next to SV1) dips 1.45 MPa when the valves open where the nominal rig dips 1.9: less flow starts there. */
    @Test
    void aNovelPatternWhoseTransducerDipsLessWhenTheValvesOpenIsAnUnknownAnomaly() {
        assertThat(PHM.profile().signals().normalRange("P3.dip")).isNotNull();
        List<Event> events = run(65.6, 1.45);
        assertThat(unknownAnomalyAt(events, Severity.WARNING)).as(events.toString()).isTrue();
    }

    @Test
    void aNovelPatternWithEveryDipInItsNormalRangeIsOnlyAnUnfamiliarRegime() {
        List<Event> events = run(65.6, 1.9);
        assertThat(unknownAnomalyAt(events, Severity.WARNING)).as(events.toString()).isFalse();
        assertThat(unknownAnomalyAt(events, Severity.WATCH)).as(events.toString()).isTrue();
    }

    /**
     * PHM-003: P3's front when the valves open is 1.52 MPa where the nominal rig's is 1.68-1.77 (SV1 at 75 %
     * opening), while its dip stays in range: the first reading after the wave front sees less flow start.
     */
    @Test
    void aNovelPatternWhoseTransducerFrontIsShallowerWhenTheValvesOpenIsAnUnknownAnomaly() {
        assertThat(PHM.profile().signals().normalRange("P3.front")).isNotNull();
        List<Event> events = run(65.6, 1.9, 1.52);
        assertThat(unknownAnomalyAt(events, Severity.WARNING)).as(events.toString()).isTrue();
    }

    @Test
    void aNovelPatternWithEveryFrontInItsNormalRangeIsOnlyAnUnfamiliarRegime() {
        List<Event> events = run(65.6, 1.9, 1.72);
        assertThat(unknownAnomalyAt(events, Severity.WARNING)).as(events.toString()).isFalse();
        assertThat(unknownAnomalyAt(events, Severity.WATCH)).as(events.toString()).isTrue();
    }

    @Test
    void aNovelPatternRingingAtTheNominalFrequencyIsOnlyAnUnfamiliarRegime() {
        List<Event> events = run(65.6);
        assertThat(unknownAnomalyAt(events, Severity.WARNING)).as(events.toString()).isFalse();
        assertThat(unknownAnomalyAt(events, Severity.WATCH)).as(events.toString()).isTrue();
    }
}
