package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.scenario.CommandChanges;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.scenario.ThrottleStep;
import io.hotfire.sim.twin.EngineTwin;
import io.hotfire.sim.twin.TwinDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Soak: many short digital-twin runs with random catalogue faults (up to two at once), sensor
 * faults, distribution-shift knobs and throttle profiles, each through rules + learned model +
 * router. No run may throw, and none may need the supervisor (no DIAGNOSIS_FAULT event): a crash
 * the supervisor hides is still a crash here. Seeded and reproducible; the seed and the figures
 * are printed. {@code -Dhotfire.soak.runs=N} (default 1000), {@code -Dhotfire.soak.seed=S}. Runs are
 * short (2.5-5 s of mainstage) to keep the test to a few minutes on a busy two-core machine.
 */
class SoakTest {

    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");

    @Test
    void thousandsOfRandomTwinRunsDiagnoseWithoutAnException() {
        int runs = Integer.getInteger("hotfire.soak.runs", 1000);
        long seed = Long.getLong("hotfire.soak.seed", System.nanoTime() & 0xFFFFFFL);
        System.out.println("soak: seed " + seed + " (rerun with -Dhotfire.soak.seed=" + seed + "), " + runs + " runs");

        DiagnosisEngine engine = DiagnosisEngine.load(GG1).withRouter(TwinModel.small());
        TwinDomain twinDomain = TwinDomain.load(GG1.folder().getParent(), GG1.profile().id());
        EngineTwin twin = twinDomain.twin();
        List<String> codes = twinDomain.catalog().codes();
        List<String> sensors = GG1.profile().sensors().stream().map(s -> s.id()).toList();
        SplittableRandom random = new SplittableRandom(seed);

        long windows = 0;
        long events = 0;
        long frames = 0;
        long started = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            long runSeed = random.nextLong();
            Scenario sc = scenario(new SplittableRandom(runSeed), twin, twinDomain, codes, sensors);
            sc = CommandChanges.ensureFor(sc, twinDomain);
            String what = "run " + i + " (seed " + seed + ", run seed " + runSeed + "): " + sc;
            List<Frame> run = twin.simulate(sc, runSeed).frames();
            try (RunMonitor m = engine.open("soak-" + i)) {
                for (Frame f : run) {
                    for (Event e : m.accept(f)) {
                        assertThat(e.type()).as(what + " at t " + e.t() + ": " + e.message()).isNotEqualTo(EventType.DIAGNOSIS_FAULT);
                        events++;
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError(what + " threw " + e, e);
            }
            frames += run.size();
            windows += (run.size() - GG1.profile().windows().size()) / GG1.profile().windows().step() + 1;
        }
        double s = (System.nanoTime() - started) / 1e9;
        System.out.printf(Locale.ROOT, "soak: %d runs, %d frames, ~%d windows, %d events in %.1f s (seed %d)%n",
                runs, frames, windows, events, s, seed);
    }

    /** A short run (a few seconds of mainstage) with random faults, sensor faults, knobs and throttle. */
    static Scenario scenario(SplittableRandom r, EngineTwin twin, TwinDomain domain, List<String> codes, List<String> sensors) {
        double duration = twin.minimumDuration() + 0.5 + r.nextDouble() * 2.5; // 2.5-5 s of mainstage
        double mainstage = Math.max(3.0, GG1.profile().phase().mainstageAfterSeconds());
        double shutdown = twin.shutdownTime(duration);
        double level = r.nextInt(10) == 0 ? 50 + r.nextDouble() * 60 : 70 + r.nextDouble() * 30;
        List<ThrottleStep> steps = new ArrayList<>();
        for (int k = r.nextInt(3); k > 0; k--) {
            steps.add(new ThrottleStep(mainstage + r.nextDouble() * (shutdown - mainstage), 55 + r.nextDouble() * 50));
        }
        steps.sort((a, b) -> Double.compare(a.atS(), b.atS()));
        ThrottleProfile throttle = new ThrottleProfile(level, steps, r.nextBoolean() ? 10 : 5 + r.nextDouble() * 20);
        Conditions conditions = r.nextInt(4) != 0 ? Conditions.NOMINAL : new Conditions(
                r.nextBoolean() ? null : 70 + r.nextDouble() * 30, r.nextBoolean() ? null : 250 + r.nextDouble() * 60,
                r.nextBoolean() ? 0 : (r.nextDouble() - 0.5) * 0.08, r.nextBoolean() ? 0 : (r.nextDouble() - 0.5) * 0.06,
                r.nextBoolean() ? 0 : (r.nextDouble() - 0.5) * 0.04);
        Scenario sc = new Scenario("soak", duration, throttle, List.of(), conditions, List.of());
        for (int k = r.nextInt(3); k > 0; k--) {
            CatalogFault cf = domain.catalog().fault(codes.get(r.nextInt(codes.size()))).orElseThrow();
            String valve = cf.signature().valve() == null ? null
                    : cf.signature().valves().get(r.nextInt(cf.signature().valves().size()));
            sc = sc.withFault(FaultSpec.component(cf.code(), valve, onset(r, shutdown), cf.rampS() * (0.2 + r.nextDouble()),
                    0.3 + 0.7 * r.nextDouble(), cf.signature(), false));
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            SensorFaultKind kind = SensorFaultKind.values()[r.nextInt(SensorFaultKind.values().length)];
            sc = sc.withFault(FaultSpec.sensor(kind, sensors.get(r.nextInt(sensors.size())), onset(r, shutdown),
                    r.nextBoolean() ? 0 : r.nextDouble() * 2, 0.3 + 0.7 * r.nextDouble()));
        }
        return sc;
    }

    private static double onset(SplittableRandom r, double shutdown) {
        return r.nextDouble() * (shutdown - 0.2);
    }
}
