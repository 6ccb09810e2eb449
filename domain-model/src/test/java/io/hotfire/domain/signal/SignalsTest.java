package io.hotfire.domain.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every feature of the library on a synthetic signal whose answer is known in closed form. */
class SignalsTest {

    private static final double FS = 1000;

    private static double[] sine(double hz, double amplitude, double offset, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = offset + amplitude * Math.sin(2 * Math.PI * hz * i / FS);
        }
        return x;
    }

    @Test
    void aSineOfKnownFrequencyIsItsDominantFrequency() {
        assertThat(Signals.dominantFrequency(sine(37, 1, 2, 400), FS, 5, 200)).isCloseTo(37, within(1.0));
        assertThat(Signals.dominantFrequency(sine(120, 0.1, 0, 1000), FS, 5, 400)).isCloseTo(120, within(1.0));
        // Outside the searched band the sine is not seen: the strongest bin in the band is leakage, far from 37 Hz.
        assertThat(Signals.dominantFrequency(sine(37, 1, 0, 1000), FS, 100, 400)).isGreaterThanOrEqualTo(100);
    }

    @Test
    void aSineOfAmplitudeAPutsAHalfASquaredInItsBand() {
        double[] x = sine(50, 2, 1, 1024);
        assertThat(Signals.bandPower(x, FS, 40, 60)).isCloseTo(2.0, within(0.1));
        assertThat(Signals.bandPower(x, FS, 100, 500)).isLessThan(0.02);
        // Parseval: the whole band holds the variance, the offset (mean) is removed.
        assertThat(Signals.bandPower(x, FS, 0, 501)).isCloseTo(2.0, within(0.01));
    }

    @Test
    void peakToPeakOfASine() {
        assertThat(Signals.peakToPeak(sine(10, 0.5, 3, 1000))).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void aMissingSampleGivesNoValue() {
        double[] x = sine(10, 1, 0, 100);
        x[40] = Double.NaN;
        assertThat(Signals.peakToPeak(x)).isNaN();
        assertThat(Signals.bandPower(x, FS, 0, 100)).isNaN();
        assertThat(Signals.delay(x, x, FS, 0.01)).isNaN();
        assertThat(Signals.stepResponse(x, FS, 0.05, 0).found()).isFalse();
    }

    /** A dip of known depth below a level: found in its slot, not outside it; a missing sample or an empty slot gives none. */
    @Test
    void aDipOfKnownDepthIsMeasuredInItsSlot() {
        double[] x = new double[100];
        java.util.Arrays.fill(x, 2.0);
        for (int i = 40; i < 50; i++) {
            x[i] = 2.0 - 1.5 * Math.sin(Math.PI * (i - 40) / 10.0); // deepest 1.5 below the level at i = 45
        }
        assertThat(Signals.dip(x, 35, 60)).isCloseTo(1.5, within(1e-9));
        assertThat(Signals.dip(x, 60, 90)).isCloseTo(0, within(1e-12));
        assertThat(Signals.dip(x, 0, 10)).isNaN();   // no level before the slot
        assertThat(Signals.dip(x, 60, 60)).isNaN();  // empty slot
        assertThat(Signals.dip(x, 90, 120)).isNaN(); // beyond the samples
        x[44] = Double.NaN;
        assertThat(Signals.dip(x, 35, 60)).isNaN();
    }

    /**
     * A front of known depth followed by a deeper reflection: the front is the first reading after the
     * steepest fall (1.5 below the level), the dip the lowest reading (2.0); a fall outside the slot, a
     * missing sample or an empty slot gives none.
     */
    @Test
    void theFrontOfAFallIsTheFirstReadingAfterItsSteepestStep() {
        double[] x = new double[100];
        java.util.Arrays.fill(x, 2.0);
        x[28] = 1.9;                                  // a small wobble in the slot: not the steepest fall
        double[] after = {0.5, 0.9, 0.3, 0.0, 0.8, 1.4, 1.8};
        System.arraycopy(after, 0, x, 40, after.length);
        assertThat(Signals.front(x, 25, 60)).isCloseTo(1.5, within(1e-9));
        assertThat(Signals.dip(x, 25, 60)).isCloseTo(2.0, within(1e-9));
        // the level is the 5 readings before the front, not those before the slot
        x[22] = 2.5;
        assertThat(Signals.front(x, 25, 60)).isCloseTo(1.5, within(1e-9));
        assertThat(Signals.dip(x, 25, 60)).isCloseTo(2.1, within(1e-9));
        assertThat(Signals.front(x, 60, 90)).isCloseTo(0, within(1e-12)); // flat: no fall
        assertThat(Signals.front(x, 0, 10)).isNaN();   // no reading before the slot
        assertThat(Signals.front(x, 60, 60)).isNaN();  // empty slot
        assertThat(Signals.front(x, 90, 120)).isNaN(); // beyond the samples
        x[41] = Double.NaN;
        assertThat(Signals.front(x, 25, 60)).isNaN();
    }

    @Test
    void aDelayedCopyIsFoundAtItsDelay() {
        Random r = new Random(7);
        int n = 400;
        int d = 7;
        double[] src = new double[n + d];
        double s = 0;
        for (int i = 0; i < src.length; i++) {
            s = 0.8 * s + r.nextGaussian();
            src[i] = s;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = src[i + d];
            b[i] = src[i] + 5; // b[i] = a[i − d] + 5: b follows a by d samples
        }
        assertThat(Signals.delay(a, b, FS, 0.02)).isCloseTo(0.007, within(3e-4));
        assertThat(Signals.delay(b, a, FS, 0.02)).isCloseTo(-0.007, within(3e-4));
        assertThat(Signals.delay(a, a, FS, 0.02)).isCloseTo(0, within(1e-9));
    }

    /** A first-order step 1 − e^(−t/τ): rise time τ·ln 9, 5 % settling τ·ln 20, no overshoot, no oscillation. */
    @Test
    void aFirstOrderStepHasItsKnownRiseAndSettlingTime() {
        double tau = 0.02;
        double[] x = new double[500];
        for (int i = 0; i < x.length; i++) {
            double t = (i - 100) / FS;
            x[i] = 1 + (t < 0 ? 0 : 2 * (1 - Math.exp(-t / tau)));
        }
        Signals.StepResponse s = Signals.stepResponse(x, FS, 0.05, 0.1);
        assertThat(s.found()).isTrue();
        assertThat(s.amplitude()).isCloseTo(2, within(0.01));
        assertThat(s.riseTime()).isCloseTo(tau * Math.log(9), within(0.0015));
        assertThat(s.settlingTime()).isCloseTo(tau * Math.log(20), within(0.003));
        assertThat(s.overshoot()).isLessThan(0.01);
        assertThat(s.oscillations()).isZero();
    }

    /**
     * An under-damped second-order step (ζ = 0.3, 10 Hz): overshoot exp(−πζ/√(1−ζ²)) = 0.372, and it
     * rings: the 5 % envelope e^(−ζωt) lasts 3/(ζω) = 0.16 s, 1.5 damped periods, 3 crossings.
     */
    @Test
    void anUnderDampedStepHasItsKnownOvershootAndRings() {
        double zeta = 0.3;
        double wn = 2 * Math.PI * 10;
        double wd = wn * Math.sqrt(1 - zeta * zeta);
        double[] x = new double[800];
        for (int i = 0; i < x.length; i++) {
            double t = (i - 200) / FS;
            x[i] = t < 0 ? 0 : 1 - Math.exp(-zeta * wn * t) * (Math.cos(wd * t) + zeta / Math.sqrt(1 - zeta * zeta) * Math.sin(wd * t));
        }
        Signals.StepResponse s = Signals.stepResponse(x, FS, 0.05, 0.1, 200);
        assertThat(s.overshoot()).isCloseTo(Math.exp(-Math.PI * zeta / Math.sqrt(1 - zeta * zeta)), within(0.01));
        assertThat(s.oscillations()).isEqualTo(3);
        assertThat(s.settlingTime()).isBetween(0.10, 0.20);
        // Found without being told where: the steepest change is right after the step starts, within a few samples.
        assertThat(Signals.stepResponse(x, FS, 0.05, 0.1).stepIndex()).isBetween(200, 220);
    }

    @Test
    void noStepBelowTheMinimum() {
        assertThat(Signals.stepResponse(sine(10, 0.001, 1, 300), FS, 0.05, 0.5).found()).isFalse();
    }
}
