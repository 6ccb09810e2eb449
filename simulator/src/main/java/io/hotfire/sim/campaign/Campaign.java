package io.hotfire.sim.campaign;

import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.SimulatedRun;
import io.hotfire.sim.twin.TwinDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Digital-twin campaign mode: one engine unit fired run after run, with a slowly progressing fault
 * that the unit carries from one run to the next — bearing wear, turbine efficiency loss, injector
 * blockage, any catalogue code — present from the start of each run at that run's severity. The
 * severity grows geometrically from run to run (wear accelerates once started):
 * {@code s_k = min(1, initial · growth^k)} for run k = 0..runs−1; a null fault is a nominal
 * campaign. The unit is the ICD's nominal build (no engine-unit offsets: the diagnosis predicts
 * with the ICD's nominal values, and a unit offset would be a shift of its own); each run has its
 * own noise seed, drawn from the campaign's.
 *
 * @param unit       the unit's serial, named in scenario names
 * @param fault      catalogue code of the progressing fault, or null for a nominal campaign
 * @param runs       number of runs
 * @param initial    severity at the first run (0..1)
 * @param growth     severity factor from one run to the next (≥ 1)
 * @param durationS  length of each run, s
 * @param level      power level of each run, percent
 * @param seed       seed of every run's noise
 */
public record Campaign(String unit, String fault, int runs, double initial, double growth, double durationS, double level,
        long seed) {

    public Campaign {
        if (runs < 1) {
            throw new IllegalArgumentException("a campaign has at least one run, got " + runs);
        }
        if (initial < 0 || initial > 1) {
            throw new IllegalArgumentException("initial severity must lie in 0..1, got " + initial);
        }
        if (growth < 1) {
            throw new IllegalArgumentException("growth must be ≥ 1 (wear does not heal), got " + growth);
        }
    }

    /** Severity of the fault at run k (0-based). */
    public double severity(int k) {
        return fault == null ? 0 : Math.min(1.0, initial * Math.pow(growth, k));
    }

    /** The campaign's scenarios, in firing order. */
    public List<Scenario> scenarios(TwinDomain domain) {
        CatalogFault cf = fault == null ? null : domain.catalog().fault(fault)
                .orElseThrow(() -> new IllegalArgumentException("unknown fault code " + fault + "; known: " + domain.catalog().codes()));
        List<Scenario> out = new ArrayList<>();
        for (int k = 0; k < runs; k++) {
            Scenario sc = Scenario.nominal(String.format(Locale.ROOT, "%s-run%02d", unit, k + 1), durationS,
                    ThrottleProfile.constant(level, 10));
            double s = severity(k);
            if (cf != null && s > 0) {
                sc = sc.withFault(FaultSpec.component(fault, null, 0.0, 0.0, s, cf.signature(), false));
            }
            out.add(sc);
        }
        return out;
    }

    /** Simulates every run, each with its own seed derived from the campaign's. */
    public List<SimulatedRun> simulate(TwinDomain domain) {
        List<Scenario> scenarios = scenarios(domain);
        SplittableRandom seeds = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<SimulatedRun> out = new ArrayList<>();
        for (Scenario sc : scenarios) {
            out.add(domain.twin().simulate(sc, seeds.nextLong()));
        }
        return out;
    }
}
