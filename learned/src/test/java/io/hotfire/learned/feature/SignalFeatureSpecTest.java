package io.hotfire.learned.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.ProfileLoader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.domain.data.DataNode;
import io.hotfire.learned.data.LearnedDataException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** learned.yaml picks signal features of the profile's signals: section for the gate and the classifier. */
class SignalFeatureSpecTest {

    private static final EngineProfile RIG = ProfileLoader.parse("profile.yaml", """
            id: rig
            sampleRateHz: 1000
            windows: {size: 50, step: 25}
            sensors:
              - {id: P1, unit: MPa, nominal: 2, k: 0, noise: 0.01, span: [0, 5]}
              - {id: P2, unit: MPa, nominal: 2, k: 0, noise: 0.01, span: [0, 5]}
            signals:
              span: 0.2
              dominantFrequency: {channels: [P1, P2], band: [5, 200]}
              delays: {pairs: [[P1, P2]], maxLag: 0.02}
            """.getBytes(StandardCharsets.UTF_8));

    private static final String SPEC = """
            gate:
              features: {relMean: [P1, P2], signal: [P1.dominantFrequency, P2.dominantFrequency]}
              trim: 0
            classifier:
              features: {noiseStd: [P1], signal: ["P1:P2.delay"]}
            """;

    private static FeatureSpec parse(String yaml) {
        return FeatureSpec.parse("learned.yaml", yaml.getBytes(StandardCharsets.UTF_8), RIG);
    }

    @Test
    void signalFeaturesAreNamedAsTheProfileNamesThemAndGroupedWithTheirSensor() {
        FeatureSpec spec = parse(SPEC);
        assertThat(spec.gate().features()).extracting(Feature::name)
                .containsExactly("P1.relMean", "P2.relMean", "P1.dominantFrequency", "P2.dominantFrequency");
        assertThat(spec.gate().features()).extracting(Feature::group).containsExactly("P1", "P2", "P1", "P2");
        assertThat(spec.classifier().features()).extracting(Feature::name).containsExactly("P1.noiseStd", "P1:P2.delay");
        assertThat(FeatureSpec.read(DataNode.of("model", spec.toJson(), LearnedDataException::new), null)).isEqualTo(spec);
    }

    @Test
    void aSignalTheProfileDoesNotComputeIsRefusedNamingWhatItGives() {
        assertThatThrownBy(() -> parse(SPEC.replace("P2.dominantFrequency]", "P2.overshoot]")))
                .isInstanceOf(LearnedDataException.class)
                .hasMessageContaining("gate.features.signal[1]").hasMessageContaining("P2.overshoot")
                .hasMessageContaining("P1:P2.delay");
    }

    @Test
    void theExtractorReadsSignalFeaturesFromTheWindow() {
        FeatureExtractor x = new FeatureExtractor(parse(SPEC).gate().features());
        WindowBuilder b = new WindowBuilder(RIG);
        WindowSnapshot last = null;
        for (int i = 0; i < 400; i++) {
            double t = i / 1000.0;
            WindowSnapshot w = b.add(new Frame(i, t, new double[] {2 + 0.1 * Math.sin(2 * Math.PI * 40 * t),
                    2 + 0.1 * Math.sin(2 * Math.PI * 60 * t)}));
            last = w == null ? last : w;
        }
        double[] v = x.extract(last);
        assertThat(v[2]).isCloseTo(40, within(1.5));
        assertThat(v[3]).isCloseTo(60, within(1.5));
    }
}
