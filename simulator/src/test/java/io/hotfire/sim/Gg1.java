package io.hotfire.sim;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.EngineTwin;
import io.hotfire.sim.twin.SimulatedRun;
import io.hotfire.sim.twin.TwinDomain;
import java.nio.file.Path;
import java.util.List;

/** The shipped GG-1 domain and small helpers shared by the simulator tests. */
public final class Gg1 {

    private static TwinDomain domain;

    private Gg1() {
    }

    /** The domains folder the build points the tests at (parent pom: hotfire.domains.dir). */
    public static Path domainsDir() {
        return DomainCatalog.defaultRoot();
    }

    public static synchronized TwinDomain domain() {
        if (domain == null) {
            domain = TwinDomain.load(domainsDir(), "gg1");
        }
        return domain;
    }

    public static EngineProfile profile() {
        return domain().profile();
    }

    public static EngineTwin twin() {
        return domain().twin();
    }

    public static int index(String sensor) {
        int i = profile().indexOf(sensor);
        if (i < 0) {
            throw new IllegalArgumentException(sensor);
        }
        return i;
    }

    public static SensorSpec spec(String sensor) {
        return profile().sensors().get(index(sensor));
    }

    public static Scenario nominal(double throttlePercent, double durationS) {
        return Scenario.nominal("test", durationS, ThrottleProfile.constant(throttlePercent, 10));
    }

    /** A catalogue fault at full severity with its default ramp. */
    public static FaultSpec fault(String code, double onsetS) {
        CatalogFault cf = domain().catalog().fault(code).orElseThrow();
        String valve = cf.signature().valve() == null ? null : cf.signature().valves().get(cf.signature().valves().size() - 1);
        return FaultSpec.component(code, valve, onsetS, cf.rampS(), 1.0, cf.signature(), false);
    }

    /** Mean of a sensor over [t0, t1). */
    public static double mean(SimulatedRun run, String sensor, double t0, double t1) {
        int i = index(sensor);
        double sum = 0;
        int n = 0;
        for (Frame f : run.frames()) {
            if (f.t() >= t0 && f.t() < t1 && !Double.isNaN(f.values()[i])) {
                sum += f.values()[i];
                n++;
            }
        }
        return sum / n;
    }

    public static List<Frame> window(SimulatedRun run, double t0, double t1) {
        return run.frames().stream().filter(f -> f.t() >= t0 && f.t() < t1).toList();
    }

    public static double value(Frame f, String sensor) {
        return f.values()[index(sensor)];
    }
}
