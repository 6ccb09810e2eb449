package io.hotfire.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.sim.Gg1;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.twin.SimulatedRun;

/**
 * Compares a faulty run with the nominal run of the same seed (same noise) over a window where
 * the fault is at full severity, and checks FAULTS.md's arrows: ↑ / ↓ mean a mean shift of at
 * least 3 σ (σ = profile noise; 0.5 % of the value for noise-free channels), ≈ means less than 3 σ.
 */
final class SignatureCheck {

    final SimulatedRun nominal;
    final SimulatedRun faulty;
    final double t0;
    final double t1;

    SignatureCheck(Scenario base, FaultSpec fault, long seed, double t0, double t1) {
        this.nominal = Gg1.twin().simulate(base, seed);
        this.faulty = Gg1.twin().simulate(base.withFault(fault), seed);
        this.t0 = t0;
        this.t1 = t1;
    }

    static SignatureCheck of(String code) {
        return new SignatureCheck(Gg1.nominal(85, 40), Gg1.fault(code, 10), 21, 30, 38);
    }

    double before(String sensor) {
        return Gg1.mean(nominal, sensor, t0, t1);
    }

    double after(String sensor) {
        return Gg1.mean(faulty, sensor, t0, t1);
    }

    double delta(String sensor) {
        return after(sensor) - before(sensor);
    }

    double ratio(String sensor) {
        return after(sensor) / before(sensor);
    }

    double threshold(String sensor) {
        double sigma = Gg1.spec(sensor).noise();
        return 3 * (sigma > 0 ? sigma : 0.005 * Math.abs(before(sensor)));
    }

    SignatureCheck up(String... sensors) {
        for (String s : sensors) {
            assertThat(delta(s)).as("%s should rise: %.4f -> %.4f", s, before(s), after(s)).isGreaterThanOrEqualTo(threshold(s));
        }
        return this;
    }

    SignatureCheck down(String... sensors) {
        for (String s : sensors) {
            assertThat(delta(s)).as("%s should fall: %.4f -> %.4f", s, before(s), after(s)).isLessThanOrEqualTo(-threshold(s));
        }
        return this;
    }

    SignatureCheck same(String... sensors) {
        for (String s : sensors) {
            assertThat(Math.abs(delta(s))).as("%s should stay within noise: %.4f -> %.4f", s, before(s), after(s))
                    .isLessThan(threshold(s));
        }
        return this;
    }

    /** Mixture-ratio proxy MDOT_OX / MDOT_F (profile derived quantity MR). */
    double mixtureRatioChange() {
        return (after("MDOT_OX") / after("MDOT_F")) / (before("MDOT_OX") / before("MDOT_F")) - 1;
    }

    /** Change of a difference of two channels (jacket ΔP, injector ΔP). */
    double differenceChange(String a, String b) {
        return (after(a) - after(b)) - (before(a) - before(b));
    }

    /** 3 σ of a difference of two channels. */
    double differenceThreshold(String a, String b) {
        return 3 * Math.hypot(Gg1.spec(a).noise(), Gg1.spec(b).noise());
    }
}
