package io.hotfire.bench;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.TwinDomain;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.infra.Blackhole;

/** Benchmark inputs: runs from the GG-1 digital twin, the same generator the evaluation uses. */
public final class Runs {

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

    /**
     * The load benchmark's live run: {@code nominal} with the vibration channel (at {@code vib}) swinging
     * across its warning line every 2 s from 5 s, so ALARM and CLEAR events come all run long and the OOD
     * gate sees windows far from its reference.
     */
    public static List<Frame> vibrationSwinging(List<Frame> nominal, int vib) {
        List<Frame> frames = new ArrayList<>();
        for (Frame f : nominal) {
            double[] v = f.values().clone();
            if (f.t() > 5) {
                v[vib] = 9 + 3 * Math.sin(Math.PI * f.t());
            }
            frames.add(new Frame(f.seq(), f.t(), v));
        }
        return frames;
    }

    /** Runs every frame through a fresh monitor of {@code engine}, as the server does; returns the events' count. */
    static int diagnose(DiagnosisEngine engine, List<Frame> run, Blackhole bh) {
        int events = 0;
        try (RunMonitor m = engine.open("bench")) {
            for (Frame f : run) {
                var e = m.accept(f);
                events += e.size();
                bh.consume(e);
            }
        }
        return events;
    }
}
