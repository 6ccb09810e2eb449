package io.hotfire.learned.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotfire.domain.feature.ChannelFeatures;
import io.hotfire.learned.Synthetic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureExtractorTest {

    @Test
    void everyStatisticIsComputedFromTheChannelsWindowFeatures() {
        ChannelFeatures f = new ChannelFeatures("PC_A", 9.8, 0.04, 0.5, 9.7, 9.9, 9.85, 25, 25, 9.7, 0.02);
        assertThat(Statistic.REL_MEAN.of(f)).isCloseTo(0.1 / 9.7, within(1e-12));
        assertThat(Statistic.NOISE_STD.of(f)).isCloseTo(2.0, within(1e-12));
        assertThat(Statistic.REL_SLOPE.of(f)).isCloseTo(0.5 / 9.7, within(1e-12));
        assertThat(Statistic.MEAN.of(f)).isEqualTo(9.8);
        assertThat(Statistic.STD.of(f)).isEqualTo(0.04);
        assertThat(Statistic.SLOPE.of(f)).isEqualTo(0.5);
    }

    @Test
    void aNoiseFreeChannelsSpreadIsRelativeToItsExpectedValueAndAChannelWithoutDataIsMissing() {
        ChannelFeatures cmd = new ChannelFeatures("GGV_CMD", 80, 2, 0, 78, 82, 80, 25, 25, 80, 0);
        assertThat(Statistic.NOISE_STD.of(cmd)).isCloseTo(2.0 / 80, within(1e-12));
        ChannelFeatures dead = new ChannelFeatures("T_WALL", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, 0, 25, 750, 4);
        for (Statistic s : Statistic.values()) {
            assertThat(s.of(dead)).as(s.key()).isNaN();
        }
        ChannelFeatures zeroExpected = new ChannelFeatures("X", 1, 1, 1, 1, 1, 1, 25, 25, 0, 0);
        assertThat(Statistic.REL_MEAN.of(zeroExpected)).isNaN();
    }

    @Test
    void featuresAreFoundByChannelIdInAnyOrderAndAChannelTheWindowLacksIsMissing() {
        Map<String, Double> rel = new LinkedHashMap<>();
        rel.put("B", 0.02);
        rel.put("A", -0.01);
        FeatureExtractor fx = new FeatureExtractor(List.of(new Feature("A", Statistic.REL_MEAN),
                new Feature("B", Statistic.REL_MEAN), new Feature("C", Statistic.REL_MEAN)));
        double[] v = fx.extract(Synthetic.window(10, 0.9, rel));
        assertThat(v[0]).isCloseTo(-0.01, within(1e-12));
        assertThat(v[1]).isCloseTo(0.02, within(1e-12));
        assertThat(v[2]).isNaN();
        // A window with another channel order is located again, not misread.
        Map<String, Double> other = new LinkedHashMap<>();
        other.put("A", 0.03);
        other.put("C", 0.0);
        other.put("B", -0.02);
        double[] w = fx.extract(Synthetic.window(10.1, 0.9, other));
        assertThat(w).containsExactly(new double[] {0.03, -0.02, 0.0}, within(1e-12));
    }
}
