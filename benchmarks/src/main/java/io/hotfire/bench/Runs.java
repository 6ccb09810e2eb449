package io.hotfire.bench;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.TwinDomain;
import java.util.List;

/** Benchmark inputs: runs from the GG-1 digital twin, the same generator the evaluation uses. */
final class Runs {

    private Runs() {
    }

    static DomainCatalog.Domain gg1() {
        return DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
    }

    /** A nominal run at 85 % of {@code seconds} at 50 Hz (start, mainstage, shutdown). */
    static List<Frame> nominal(double seconds) {
        TwinDomain twin = TwinDomain.load(DomainCatalog.defaultRoot(), "gg1");
        return twin.twin().simulate(Scenario.nominal("bench", seconds, ThrottleProfile.constant(85, 10)), 7).frames();
    }
}
