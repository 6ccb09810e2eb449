package io.hotfire.pipeline.eval;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.classify.Prediction;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.pipeline.Route;
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

/** Replays every labelled run through each arm and scores the answers. */
public final class Evaluator {

    private final DomainCatalog.Domain domain;
    private final LearnedModel model;
    private final Map<Arm, DiagnosisEngine> engines = new EnumMap<>(Arm.class);
    private final List<Arm> arms;
    /** The learned arm answers a code it predicts with the domain's advice probability for its advice windows. */
    private final io.hotfire.pipeline.AdviceSettings advice;

    public Evaluator(DomainCatalog.Domain domain, List<Arm> arms) {
        this(domain, arms, null);
    }

    /** @param model the learned model for the learned and hybrid arms (null if neither is asked for) */
    public Evaluator(DomainCatalog.Domain domain, List<Arm> arms, LearnedModel model) {
        this.domain = domain;
        this.model = model;
        this.arms = List.copyOf(arms);
        this.advice = io.hotfire.pipeline.AdviceSettings.forDomain(domain);
        for (Arm a : arms) {
            switch (a) {
                case REDLINE -> engines.put(a, DiagnosisEngine.load(domain, false));
                case RULES -> engines.put(a, DiagnosisEngine.load(domain, true));
                case HYBRID -> engines.put(a, DiagnosisEngine.load(domain, true).withRouter(require(model, a)));
                case LEARNED -> require(model, a);
            }
        }
    }

    private static LearnedModel require(LearnedModel model, Arm arm) {
        if (model == null) {
            throw new IllegalArgumentException("arm " + arm.label() + " needs a learned model");
        }
        return model;
    }

    public Map<String, String> versions() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        engines.forEach((a, e) -> m.put(a.label(), e.ruleSetVersion()));
        if (model != null) {
            m.put("learned", model.version());
        }
        return m;
    }

    /** Scores every arm on the runs; runs are replayed in parallel, results kept in label order. */
    public Map<Arm, List<RunOutcome>> evaluate(Path dir, List<RunLabel> labels) {
        Map<Arm, List<RunOutcome>> out = new EnumMap<>(Arm.class);
        for (Arm arm : arms) {
            List<RunOutcome> outcomes = labels.parallelStream().map(l -> replay(arm, dir, l)).toList();
            out.put(arm, new ArrayList<>(outcomes));
        }
        return out;
    }

    private List<Frame> frames(Path dir, RunLabel label) {
        try (Reader r = Files.newBufferedReader(dir.resolve(label.file()), StandardCharsets.UTF_8)) {
            return new CsvFrameReader(domain.profile()).read(r, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("run " + label.run() + ": " + label.file() + " cannot be read", e);
        }
    }

    private RunOutcome replay(Arm arm, Path dir, RunLabel label) {
        List<Frame> frames = frames(dir, label);
        Running running = running(frames);
        double mainstage = running.mainstageSeconds();
        if (arm == Arm.LEARNED) {
            return RunOutcome.of(label, learnedAlone(frames), mainstage, RunOutcome.GateStats.NONE);
        }
        List<Event> events = new ArrayList<>();
        GateCount gate = arm == Arm.HYBRID ? new GateCount() : null;
        try (RunMonitor m = engines.get(arm).open(label.run(), gate)) {
            for (Frame f : frames) {
                events.addAll(m.accept(f));
            }
        }
        return RunOutcome.of(label, events, mainstage, gate == null ? RunOutcome.GateStats.NONE : gate.stats(), running.endT());
    }

    /** Rounding of a window's mean power level: 25 samples of 70.0 % average to 0.6999999999999997. */
    static final double THETA_ROUNDING = 1e-9;

    /**
     * Whether a window's power level lies outside the qualified range, beyond rounding: a run commanded at
     * exactly the range's edge (70 %) is inside it, so its shift clock does not start at mainstage.
     */
    static boolean outside(io.hotfire.domain.profile.Range qualified, double theta) {
        return theta < qualified.low() - THETA_ROUNDING || theta > qualified.high() + THETA_ROUNDING;
    }

    /**
     * The gate figures of a hybrid run, counted from the route the hybrid itself took (its gate session, fed the
     * rules' doubted sensors when the model trims them, and the rules' envelope excursions): scored and exceeding
     * windows, the first OOD window and what decided it, the gate's own first OOD window, the mainstage start and
     * the moment the commanded power level left the qualified range.
     */
    private final class GateCount implements java.util.function.BiConsumer<WindowSnapshot, Route> {
        private final io.hotfire.domain.profile.Range qualified = domain.profile().qualifiedThrottle();
        private int scored;
        private int exceeding;
        private int routedOod;
        private double firstOod = Double.NaN;
        private String firstOodBy;
        private double firstGateOod = Double.NaN;
        private double envelopeExit = Double.NaN;
        private double mainstage = Double.NaN;

        @Override
        public void accept(WindowSnapshot w, Route route) {
            io.hotfire.learned.gate.GateResult r = route.gate();
            if (Double.isNaN(mainstage) && w.phase() == io.hotfire.domain.feature.Phase.MAINSTAGE) {
                mainstage = w.tEnd();
            }
            if (qualified != null && Double.isNaN(envelopeExit) && w.phase() == io.hotfire.domain.feature.Phase.MAINSTAGE
                    && outside(qualified, w.theta())) {
                envelopeExit = w.tEnd();
            }
            if (r == null || !r.window().scored()) {
                return;
            }
            scored++;
            if (r.window().exceeds()) {
                exceeding++;
            }
            if (route.ood()) {
                routedOod++;
                if (Double.isNaN(firstOod)) {
                    firstOod = w.tEnd();
                    firstOodBy = route.decidedBy();
                }
            }
            if (route.gateOod() && Double.isNaN(firstGateOod)) {
                firstGateOod = w.tEnd();
            }
        }

        RunOutcome.GateStats stats() {
            return new RunOutcome.GateStats(scored, exceeding, firstOod, envelopeExit, mainstage, routedOod, firstOodBy,
                    firstGateOod);
        }
    }

    /** The learned model trusted everywhere: its persisted predictions are its answers. */
    private List<Event> learnedAlone(List<Frame> frames) {
        List<Event> events = new ArrayList<>();
        WindowBuilder b = new WindowBuilder(domain.profile());
        String candidate = null;
        int windows = 0;
        java.util.Set<String> said = new java.util.HashSet<>();
        for (Frame f : frames) {
            WindowSnapshot w = b.add(f);
            if (w == null) {
                continue;
            }
            Prediction p = model.classifier().predict(w);
            String code = p.scored() && p.fault() && p.best().probability() >= advice.probability() ? p.best().code() : null;
            if (code != null && code.equals(candidate)) {
                windows++;
            } else {
                candidate = code;
                windows = code == null ? 0 : 1;
            }
            if (candidate != null && windows >= advice.windows() && said.add(candidate)) {
                events.add(new Event(w.tEnd(), EventType.ADVICE, candidate, Severity.WARNING, null, List.of(),
                        "learned model alone", Map.of("learnedOnly", true)));
            }
        }
        return events;
    }

    /**
     * How long a run was in mainstage, and the last time the engine ran.
     *
     * @param mainstageSeconds seconds of samples past the profile's mainstage delay, over every running stretch
     * @param endT             the last sample with the running channel at or above its threshold (every sample
     *                         without one); NaN if none
     */
    private record Running(double mainstageSeconds, double endT) {
    }

    private Running running(List<Frame> frames) {
        double mainstage = 0;
        double start = Double.NaN;
        double end = Double.NaN;
        var phase = domain.profile().phase();
        int runningIdx = phase.hasRunningChannel() ? domain.profile().indexOf(phase.runningChannel()) : -1;
        for (Frame f : frames) {
            if (runningIdx < 0 || f.values()[runningIdx] >= phase.runningAbove()) {
                end = f.t();
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
        return new Running(mainstage, end);
    }
}
