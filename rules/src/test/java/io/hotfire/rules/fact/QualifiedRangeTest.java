package io.hotfire.rules.fact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualifiedRangeTest {

    private final QualifiedRange theta = new QualifiedRange(QualifiedRange.THETA, 0.70, 1.05);

    @Test
    void aMeanOfSamplesAtTheEdgeIsInside() {
        double mean = 0;
        for (int i = 0; i < 25; i++) {
            mean += 0.70;
        }
        mean /= 25;
        assertThat(mean).isLessThan(0.70);
        assertThat(theta.covers(mean)).isTrue();
        assertThat(theta.covers(1.05 + 1e-15)).isTrue();
    }

    @Test
    void aValueReallyOutsideIsOutside() {
        assertThat(theta.covers(0.699)).isFalse();
        assertThat(theta.covers(1.051)).isFalse();
        assertThat(new QualifiedRange("T_OX_IN", 88.0, 95.0).covers(95.001)).isFalse();
    }
}
