package io.hotfire.bench;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DefaultModel;
import io.hotfire.pipeline.DiagnosisEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The diagnosis a server does for one live run: 60 s of GG-1 at 50 Hz through the rules AND the
 * default learned model (the OOD gate scores every mainstage window, the router and the advisory
 * pattern model), as the ingest path runs it on its diagnosis threads. {@code live=true} is the
 * load benchmark's live run (the vibration channel swinging across its warning line from 5 s, so the
 * gate sees windows far from its reference); {@code live=false} the plain nominal run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class GatedDiagnosisBenchmark {

    @Param({"true", "false"})
    boolean live;

    DiagnosisEngine engine;
    List<Frame> run;

    @Setup
    public void setUp() {
        DomainCatalog.Domain gg1 = Runs.gg1();
        DiagnosisEngine rules = DiagnosisEngine.load(gg1);
        engine = rules.withRouter(DefaultModel.forDomain(gg1, DefaultModel.cacheDir()));
        List<Frame> nominal = Runs.nominal(60);
        run = live ? Runs.vibrationSwinging(nominal, rules.profile().sensorIds().indexOf("VIB_RMS")) : nominal;
    }

    @Benchmark
    public int diagnose60sRun(Blackhole bh) {
        return Runs.diagnose(engine, run, bh);
    }
}
