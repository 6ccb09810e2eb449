package io.hotfire.app.report;

import io.hotfire.app.chart.ReportCharts;
import io.hotfire.app.alarm.AlarmService;
import io.hotfire.app.alarm.AlarmView;
import io.hotfire.app.audit.AuditFilter;
import io.hotfire.app.audit.AuditQuery;
import io.hotfire.app.audit.AuditRecordEntity;
import io.hotfire.app.console.ConsoleDefaults;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.event.EventStore;
import io.hotfire.app.event.EventView;
import io.hotfire.app.llm.ExplanationView;
import io.hotfire.app.llm.LlmBridge;
import io.hotfire.app.llm.RunDiagnoses;
import io.hotfire.app.note.NoteService;
import io.hotfire.app.note.NoteView;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunService;
import io.hotfire.app.run.RunView;
import io.hotfire.app.security.Actors;
import io.hotfire.app.unit.UnitJudges;
import io.hotfire.app.unit.UnitService;
import io.hotfire.app.unit.UnitViews;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.llm.explain.Explanation;
import io.hotfire.pipeline.DiagnosisEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Assembles a run's quick-look report from what the server already keeps; draws its charts. */
@ApplicationScoped
public class ReportService {

    static final Set<String> TIMELINE = Set.of("FINDING", "ABORT", "RECOMMENDATION");
    static final String TEMPLATE_LABEL = "Template text generated from the rule trace (no language model). "
            + "The findings, severities and recommendation above are the rules' own words.";
    static final String LLM_LABEL = "Written by a language model (%s) from the rule trace, checked by guardrails. "
            + "Advisory only: the findings, severities and recommendation above are the rules' own words.";

    private final RunService runs;
    private final EventStore events;
    private final AlarmService alarms;
    private final NoteService notes;
    private final UnitService units;
    private final UnitJudges judges;
    private final Engines engines;
    private final ConsoleDefaults consoleDefaults;
    private final AuditQuery audit;
    private final RunDiagnoses diagnoses;
    private final LlmBridge bridge;
    private final Actors actors;

    public ReportService(RunService runs, EventStore events, AlarmService alarms, NoteService notes, UnitService units,
            UnitJudges judges, Engines engines, ConsoleDefaults consoleDefaults, AuditQuery audit, RunDiagnoses diagnoses,
            LlmBridge bridge, Actors actors) {
        this.runs = runs;
        this.events = events;
        this.alarms = alarms;
        this.notes = notes;
        this.units = units;
        this.judges = judges;
        this.engines = engines;
        this.consoleDefaults = consoleDefaults;
        this.audit = audit;
        this.diagnoses = diagnoses;
        this.bridge = bridge;
        this.actors = actors;
    }

    /** The report of a run (a run in progress says so). */
    public ReportView report(UUID runId) {
        RunView run = runs.get(runId);
        UnitViews.RunEndView end = units.endOf(runId).orElse(null);
        DiagnosisEngine engine = engines.engine(run.engine());
        EngineProfile profile = engine.profile();
        List<EventView> all = events.list(runId, null, null, 100_000);
        List<EventView> timeline = all.stream().filter(e -> TIMELINE.contains(e.type())).toList();
        List<AlarmView> alarmViews = alarms.list(runId, AlarmService.StateFilter.ALL, null, null, 0, 1000);
        List<NoteView> noteViews = notes.list(runId);
        List<Frame> frames = units.framesOf(runId);

        List<ReportView.Channel> channels = new ArrayList<>();
        for (String sensor : chartedSensors(run, profile, timeline)) {
            SensorSpec spec = profile.requireSensor(sensor);
            int ch = profile.indexOf(sensor);
            int running = profile.indexOf(profile.phase().runningChannel());
            int throttle = profile.indexOf(profile.throttleChannel());
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int n = 0;
            double theta = Double.NaN;
            for (Frame f : frames) {
                double v = f.values()[ch];
                if (f.values()[running] > profile.phase().runningAbove() && Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                    n++;
                    theta = f.values()[throttle] / profile.throttleScale();
                }
            }
            channels.add(new ReportView.Channel(sensor, spec.description(), spec.unit(), n == 0 ? null : min, n == 0 ? null : max,
                    n == 0 ? null : sum / n, Double.isNaN(theta) ? null : spec.expected(theta),
                    "/api/v1/runs/" + runId + "/report/charts/" + sensor + ".png"));
        }

        Map<String, Object> versions = new LinkedHashMap<>();
        Set<String> used = new LinkedHashSet<>();
        all.forEach(e -> used.add(e.ruleSetVersion()));
        versions.put("ruleSetVersionsUsed", List.copyOf(used));
        versions.put("ruleSetVersionNow", engine.ruleSetVersion());
        versions.put("decisionVersionNow", engine.decisionVersion());
        versions.put("learnedModel", engine.modelVersion());
        versions.put("explanationModel", bridge.llmEnabled() ? bridge.llmLabel() : "none (templates)");
        judges.of(run.engine()).ifPresent(j -> {
            versions.put("trendRules", j.rules().version());
            versions.put("unitsHash", j.spec().sourceHash());
        });

        // The chain's newest record of the run before anything this report asks for (the explainer audits its calls).
        ReportView.Audit lastAudit = lastAudit(runId);
        boolean inProgress = run.endedAt() == null;
        String unit = run.unit() == null ? "unit unknown" : run.unit();
        String status = inProgress
                ? "RUN IN PROGRESS: not ended — " + run.frameCount() + " frames so far" + (run.lastT() == null ? "" : " up to t = " + run.lastT() + " s")
                        + "; this report is provisional and will change."
                : "Run ended " + run.endedAt() + " by " + end.endedBy() + "; " + run.frameCount() + " frames.";
        return new ReportView(run, unit, inProgress, status, channels, timeline, alarmViews, noteViews, explanation(runId), end,
                versions, lastAudit, Instant.now());
    }

    /** A channel's chart as PNG: value against expected, band and limits, with the run's findings marked. */
    public byte[] chart(UUID runId, String sensor) {
        RunView run = runs.get(runId);
        EngineProfile profile = engines.engine(run.engine()).profile();
        if (profile.sensor(sensor).isEmpty()) {
            throw ProblemException.notFound("sensor of engine " + run.engine(), sensor).with("field", "sensor").with("sensor", sensor);
        }
        List<EventView> findings = firstOfEachCode(events.list(runId, null, null, 100_000).stream()
                .filter(e -> e.type().equals("FINDING") || e.type().equals("ABORT")).toList());
        SensorSpec spec = profile.requireSensor(sensor);
        return ReportCharts.channel(profile, units.framesOf(runId), sensor, findings, sensor + " — " + spec.description());
    }

    /** Charted sensors: the domain's console defaults, then sensors the findings name. */
    private List<String> chartedSensors(RunView run, EngineProfile profile, List<EventView> timeline) {
        LinkedHashSet<String> out = new LinkedHashSet<>(consoleDefaults.charts(run.engine()));
        for (EventView e : timeline) {
            if (e.sensor() != null && profile.sensor(e.sensor()).isPresent() && out.size() < 8) {
                out.add(e.sensor());
            }
        }
        return List.copyOf(out);
    }

    private static List<EventView> firstOfEachCode(List<EventView> evs) {
        Set<String> seen = new LinkedHashSet<>();
        List<EventView> out = new ArrayList<>();
        for (EventView e : evs) {
            if (seen.add(e.code())) {
                out.add(e);
            }
        }
        return out;
    }

    private ReportView.Explanation explanation(UUID runId) {
        RunDiagnoses.Loaded loaded = diagnoses.load(runId, null);
        try {
            Explanation x = bridge.async().explain(bridge.explainer(loaded.engine(), actors.current(), runId), loaded.diagnosis()).get();
            ExplanationView v = ExplanationView.of(loaded.diagnosis(), null, x);
            String label = "llm".equals(v.source()) ? String.format(LLM_LABEL, v.model()) : TEMPLATE_LABEL;
            return new ReportView.Explanation(label, v.source(), v.model(), v.whatHappened(), v.recommendation(), v.rulesText());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the explainer", e);
        } catch (ExecutionException e) {
            return new ReportView.Explanation("No explanation: the explainer failed (" + e.getCause().getClass().getSimpleName()
                    + "); the findings above stand on their own.", "none", null, null, null, null);
        }
    }

    private ReportView.Audit lastAudit(UUID runId) {
        List<AuditRecordEntity> newest = audit.newest(new AuditFilter(null, null, null, null, runId, null, null), null, 1);
        if (newest.isEmpty()) {
            return new ReportView.Audit(null, null, null, null);
        }
        AuditRecordEntity a = newest.get(0);
        return new ReportView.Audit(a.seq, a.hash, a.recordedAt, a.action);
    }
}
