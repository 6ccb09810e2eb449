package io.hotfire.bench;

import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.rules.engine.RuleEngine;
import io.hotfire.rules.engine.RuleSession;
import io.hotfire.rules.engine.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rule evaluation per window: one mainstage window's evidence (≈ 120 facts) replaces the last one
 * in a run's Drools session and every core and GG-1 rule settles. Sample-time mode gives the
 * median and p99 in microseconds. Window building is measured separately.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class RuleEvaluationBenchmark {

    List<WindowSnapshot> windows;
    List<Frame> frames;
    RuleEngine engine;
    RuleSession session;
    DomainCatalog.Domain gg1;
    int next;
    WindowBuilder builder;
    int nextFrame;

    @Setup(Level.Trial)
    public void setUp() {
        gg1 = Runs.gg1();
        List<RuleSource> sources = new ArrayList<>(RuleSource.core());
        sources.addAll(RuleSource.folder(gg1.rulesFolder()));
        engine = RuleEngine.compile(gg1.profile(), sources);
        frames = Runs.nominal(60);
        WindowBuilder b = new WindowBuilder(gg1.profile());
        windows = new ArrayList<>();
        for (Frame f : frames) {
            WindowSnapshot w = b.add(f);
            if (w != null && w.phase() == io.hotfire.domain.feature.Phase.MAINSTAGE) {
                windows.add(w);
            }
        }
        session = engine.newSession();
        builder = new WindowBuilder(gg1.profile());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }

    @Benchmark
    public Object evaluateOneWindow() {
        WindowSnapshot w = windows.get(next);
        next = (next + 1) % windows.size();
        return session.evaluate(w);
    }

    /** Feature extraction: one 50 Hz frame into the window builder (a window every 5th frame). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object addOneFrame() {
        Frame f = frames.get(nextFrame);
        nextFrame++;
        if (nextFrame == frames.size()) {
            nextFrame = 0;
            builder = new WindowBuilder(gg1.profile());
        }
        return builder.add(new Frame(nextFrame, f.t(), f.values()));
    }
}
