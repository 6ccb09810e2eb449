package io.hotfire.bench;

import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Replay throughput: a whole 60 s GG-1 run at 50 Hz (3 000 frames, 32 channels) through the
 * pipeline — windows, features, symptoms and every rule — as {@code ./hotfire replay} does after
 * the JVM has started. Divide 3 000 by the time per operation for frames per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class ReplayBenchmark {

    DiagnosisEngine engine;
    List<Frame> run;

    @Setup
    public void setUp() {
        engine = DiagnosisEngine.load(Runs.gg1());
        run = Runs.nominal(60);
    }

    @Benchmark
    public int replay60sRun(Blackhole bh) {
        return Runs.diagnose(engine, run, bh);
    }
}
