package io.hotfire.learned.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void theCentreIsTheMedianAndTheScaleTheNormalisedMadSoAFaultTailDoesNotWidenIt() {
        // 9 nominal values around 10 (MAD 1) and one fault at 1000.
        double[][] rows = {{6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {1000}};
        Standardizer s = Standardizer.fit(rows, 1);
        assertThat(s.center()[0]).isEqualTo(10.5);
        // |x − 10.5| sorted: 0.5 0.5 1.5 1.5 2.5 2.5 3.5 3.5 4.5 989.5 → MAD 2.5; SD ≈ 313 → floor 31.3.
        assertThat(s.scale()[0]).isCloseTo(Math.max(1.4826 * 2.5, 0.1 * sd(rows)), within(1e-9));
        assertThat(s.z(0, 10.5)).isZero();
    }

    @Test
    void aRobustScaleIsUsedWhenTheTailIsSmallerThanTheBulk() {
        double[][] rows = new double[101][1];
        for (int i = 0; i <= 100; i++) {
            rows[i][0] = i; // uniform: MAD 25, SD 29.3
        }
        Standardizer s = Standardizer.fit(rows, 1);
        assertThat(s.center()[0]).isEqualTo(50);
        assertThat(s.scale()[0]).isCloseTo(1.4826 * 25, within(1e-9));
        assertThat(s.apply(new double[] {50 + 1.4826 * 25})[0]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aConstantFeatureGetsTheSmallestScaleAndNaNValuesAreIgnored() {
        double[][] rows = {{5, Double.NaN}, {5, Double.NaN}, {5, 1}, {5, 3}};
        Standardizer s = Standardizer.fit(rows, 2);
        assertThat(s.scale()[0]).isEqualTo(Standardizer.MIN_SCALE);
        assertThat(s.center()[1]).isEqualTo(2);
        assertThat(s.apply(new double[] {5, Double.NaN})[1]).isNaN();
    }

    @Test
    void aFeatureWithoutAnyValueIsCentredAtZeroWithUnitScale() {
        Standardizer s = Standardizer.fit(new double[][] {{Double.NaN}, {Double.NaN}}, 1);
        assertThat(s.center()[0]).isZero();
        assertThat(s.scale()[0]).isEqualTo(1);
    }

    @Test
    void aNonPositiveScaleIsRefused() {
        assertThatThrownBy(() -> new Standardizer(new double[] {0}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Standardizer(new double[] {0, 1}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double sd(double[][] rows) {
        double m = 0;
        for (double[] r : rows) {
            m += r[0];
        }
        m /= rows.length;
        double ss = 0;
        for (double[] r : rows) {
            ss += (r[0] - m) * (r[0] - m);
        }
        return Math.sqrt(ss / (rows.length - 1));
    }
}
