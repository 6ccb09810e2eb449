package io.hotfire.pipeline.eval;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Replays every labelled run through each arm's pipeline and scores the answers. */
public final class Evaluator {

    private final DomainCatalog.Domain domain;
    private final Map<Arm, DiagnosisEngine> engines = new EnumMap<>(Arm.class);

    public Evaluator(DomainCatalog.Domain domain, List<Arm> arms) {
        this.domain = domain;
        for (Arm a : arms) {
            engines.put(a, DiagnosisEngine.load(domain, a != Arm.REDLINE));
        }
    }

    public Map<Arm, String> versions() {
        Map<Arm, String> m = new EnumMap<>(Arm.class);
        engines.forEach((a, e) -> m.put(a, e.ruleSetVersion()));
        return m;
    }

    /** Scores every arm on the runs; runs are replayed in parallel, results kept in label order. */
    public Map<Arm, List<RunOutcome>> evaluate(Path dir, List<RunLabel> labels) {
        Map<Arm, List<RunOutcome>> out = new EnumMap<>(Arm.class);
        for (Map.Entry<Arm, DiagnosisEngine> e : engines.entrySet()) {
            DiagnosisEngine engine = e.getValue();
            List<RunOutcome> outcomes = labels.parallelStream().map(l -> replay(engine, dir, l)).toList();
            out.put(e.getKey(), new ArrayList<>(outcomes));
        }
        return out;
    }

    private RunOutcome replay(DiagnosisEngine engine, Path dir, RunLabel label) {
        List<Frame> frames;
        try (Reader r = Files.newBufferedReader(dir.resolve(label.file()), StandardCharsets.UTF_8)) {
            frames = new CsvFrameReader(domain.profile()).read(r, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + label.run() + ": " + label.file() + " cannot be read", e);
        }
        List<Event> events = new ArrayList<>();
        double mainstage = 0;
        double start = Double.NaN;
        int runningIdx = domain.profile().indexOf(domain.profile().phase().runningChannel());
        try (RunMonitor m = engine.open(label.run())) {
            for (Frame f : frames) {
                events.addAll(m.accept(f));
                double run = f.values()[runningIdx];
                if (run >= domain.profile().phase().runningAbove()) {
                    if (Double.isNaN(start)) {
                        start = f.t();
                    }
                    if (f.t() - start >= domain.profile().phase().mainstageAfterSeconds()) {
                        mainstage += domain.profile().samplePeriod();
                    }
                } else {
                    start = Double.NaN;
                }
            }
        }
        return RunOutcome.of(label, events, mainstage);
    }
}
