package io.hotfire.app.unit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.alarm.AlarmTracker;
import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.CanonicalJson;
import io.hotfire.app.event.EventAudit;
import io.hotfire.app.event.EventEntity;
import io.hotfire.app.event.EventStore;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunEntity;
import io.hotfire.app.run.RunService;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Actors;
import io.hotfire.app.ingest.FrameCodec;
import io.hotfire.app.ingest.FrameEntity;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.domain.unit.IndicatorChange;
import io.hotfire.domain.unit.IndicatorValue;
import io.hotfire.domain.unit.RunUsage;
import io.hotfire.domain.unit.UnitRun;
import io.hotfire.domain.unit.UnitsSpec;
import io.hotfire.pipeline.unit.UnitJudge;
import io.hotfire.rules.engine.TrendRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Engine units across runs. Ending a run fixes what it used of its unit's life and its health
 * indicators, asks the domain's trend rules about the unit's history, and raises life-limit alarms;
 * the findings and alarms become events of the run that ended, through the usual event store,
 * alarm tracker and audit chain.
 */
@ApplicationScoped
public class UnitService {

    /** Event code of a life-limit alarm (a component near or past a limit the domain declares). */
    public static final String LIFE_LIMIT_NEAR = "LIFE_LIMIT_NEAR";
    public static final String LIFE_LIMIT_EXCEEDED = "LIFE_LIMIT_EXCEEDED";

    private static final TypeReference<List<IndicatorValue>> INDICATORS = new TypeReference<>() {
    };
    private static final TypeReference<List<UnitViews.TrendView>> TRENDS = new TypeReference<>() {
    };

    private final Session session;
    private final UnitJudges judges;
    private final RunService runs;
    private final EventStore events;
    private final AlarmTracker alarms;
    private final AuditLog audit;
    private final Actors actors;
    private final ObjectMapper json;

    public UnitService(Session session, UnitJudges judges, RunService runs, EventStore events, AlarmTracker alarms, AuditLog audit,
            Actors actors, ObjectMapper json) {
        this.session = session;
        this.judges = judges;
        this.runs = runs;
        this.events = events;
        this.alarms = alarms;
        this.audit = audit;
        this.actors = actors;
        this.json = json;
    }

    /** Ends a run (once; ending it again answers the first end): usage, indicators, trend findings on its unit and life-limit alarms. */
    @Transactional
    public UnitViews.RunEndView end(UUID runId) {
        RunEntity run = runs.require(runId);
        session.lock(run, LockModeType.PESSIMISTIC_WRITE);
        session.refresh(run);
        if (run.endedAt != null) {
            return view(run, session.find(RunEndEntity.class, runId)); // ending is idempotent: the first end stands
        }
        UnitJudge judge = judges.of(run.engine).orElseThrow(() -> ProblemException.conflict("no-unit-data", "No unit data",
                "engine " + run.engine + " declares no units.yaml: its runs have no life usage or indicators").with("engine", run.engine));
        List<Frame> frames = frames(run);
        List<Event> runEvents = events.list(runId, EventType.SENSOR, null, 100_000).stream()
                .map(v -> new Event(v.t(), EventType.SENSOR, v.code(), Severity.valueOf(v.severity()), v.sensor(), v.rules(), v.message(), Map.of()))
                .toList();
        RunUsage usage = judge.usage(frames);
        List<IndicatorValue> indicators = judge.indicators(frames, UnitJudge.disqualified(runEvents));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Actor actor = actors.current();

        List<TrendRules.Result> trends = List.of();
        List<UnitViews.LifeView> life = List.of();
        if (run.unitSerial != null) {
            List<UnitRun> history = new ArrayList<>(history(run.unitSerial, runId));
            history.add(new UnitRun(runId.toString(), label(run), maintenanceSince(run.unitSerial, lastEnd(run.unitSerial)), indicators));
            trends = judge.judge(history);
            life = life(judge.spec(), totals(run.unitSerial).plus(usage));
        }
        List<UnitViews.TrendView> trendViews = trends.stream().map(UnitService::view).toList();

        double t = run.lastT == null ? 0 : run.lastT;
        List<Event> concluded = new ArrayList<>();
        for (TrendRules.Result r : trends) {
            IndicatorChange c = r.finding().change();
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("scope", "unit");
            ev.put("unit", run.unitSerial);
            ev.put("indicator", c.indicator());
            ev.put("kind", c.kind().name());
            ev.put("runIds", c.runIds());
            ev.put("runs", c.labels());
            ev.put("values", c.values());
            ev.put("relativeChange", c.relativeChange());
            ev.put("threshold", c.threshold());
            if (!c.skipped().isEmpty()) {
                ev.put("skipped", c.skipped());
            }
            concluded.add(new Event(t, EventType.FINDING, r.finding().code(), r.finding().severity(), null, r.rules(),
                    "unit " + run.unitSerial + ": " + r.finding().message(), ev));
        }
        for (UnitViews.LifeView l : life) {
            if (l.fraction() < judge.spec().nearFraction()) {
                continue;
            }
            boolean exceeded = l.fraction() >= 1.0;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("key", "life:" + l.component() + ":" + l.measure());
            ev.put("scope", "unit");
            ev.put("unit", run.unitSerial);
            ev.put("component", l.component());
            ev.put("measure", l.measure());
            ev.put("used", l.used());
            ev.put("limit", l.limit());
            ev.put("fraction", l.fraction());
            ev.put("nearFraction", judge.spec().nearFraction());
            ev.put("source", l.source());
            concluded.add(new Event(t, EventType.ALARM, exceeded ? LIFE_LIMIT_EXCEEDED : LIFE_LIMIT_NEAR,
                    exceeded ? Severity.DISTRESS : Severity.WARNING, null, List.of(),
                    String.format(Locale.ROOT, "unit %s: %s %s at %.0f %% of its life limit (%s of %s)", run.unitSerial, l.name(),
                            l.measure().equals("starts") ? "starts" : "hot-fire seconds", 100 * l.fraction(), num(l.used()), num(l.limit())),
                    ev));
        }
        String version = judge.rules().version();
        List<EventEntity> rows = events.append(runId, concluded, version);
        List<AuditLog.Attributed> records = new ArrayList<>();
        long lastSeq = run.lastSeq == null ? 0 : run.lastSeq;
        for (int i = 0; i < concluded.size(); i++) {
            records.add(new AuditLog.Attributed(Actor.DIAGNOSIS, EventAudit.entry(runId, rows.get(i).id, concluded.get(i), version, 0, lastSeq)));
        }
        records.addAll(alarms.apply(runId, concluded, rows));

        RunEndEntity end = new RunEndEntity();
        end.runId = runId;
        end.endedAt = now;
        end.endedBy = actor.name();
        end.starts = usage.starts();
        end.firingSeconds = usage.firingSeconds();
        end.indicators = write(indicators);
        end.trends = write(trendViews);
        end.unitsHash = judge.spec().sourceHash();
        end.trendVersion = version;
        session.persist(end);
        run.endedAt = now;

        audit.append(actor, new AuditEntry(AuditActions.RUN_END, "run/" + runId, runId, null,
                "run " + runId + " ended: " + (run.unitSerial == null ? "unit unknown" : "unit " + run.unitSerial) + ", "
                        + usage.starts() + " start(s), " + num(usage.firingSeconds()) + " s hot fire, "
                        + indicators.stream().filter(IndicatorValue::isMissing).count() + " of " + indicators.size() + " indicators missing, "
                        + trends.size() + " trend finding(s)",
                CanonicalJson.map("runId", runId, "unit", run.unitSerial, "starts", usage.starts(), "firingSeconds", usage.firingSeconds(),
                        "indicators", indicators, "trends", trendViews.stream().map(v -> v.code() + ":" + v.indicator()).toList(),
                        "unitsHash", judge.spec().sourceHash(), "trendVersion", version)));
        audit.appendAll(records);
        return view(run, end);
    }

    /** The end of a run, or empty while it is in progress. */
    @Transactional
    public java.util.Optional<UnitViews.RunEndView> endOf(UUID runId) {
        RunEntity run = runs.require(runId);
        RunEndEntity end = session.find(RunEndEntity.class, runId);
        return end == null ? java.util.Optional.empty() : java.util.Optional.of(view(run, end));
    }

    /** Records maintenance on a unit: the next run starts a new baseline. */
    @Transactional
    public UnitViews.MaintenanceView maintenance(String unit, String note) {
        MaintenanceEntity m = new MaintenanceEntity();
        m.unitSerial = unit;
        m.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        m.byUser = actors.current().name();
        m.note = note;
        session.persist(m);
        audit.append(actors.current(), new AuditEntry(AuditActions.UNIT_MAINTENANCE, "unit/" + unit, null, null,
                "maintenance recorded on unit " + unit + ": " + note, CanonicalJson.map("unit", unit, "note", note, "id", m.id)));
        return new UnitViews.MaintenanceView(m.id, unit, m.at, m.byUser, m.note);
    }

    /** Units with runs, most recently fired first. */
    @Transactional
    public List<UnitViews.UnitSummary> units(String engine) {
        String hql = "select r.unitSerial, min(r.engine), count(*), max(r.createdAt) from RunEntity r where r.unitSerial is not null"
                + (engine == null ? "" : " and r.engine = :engine") + " group by r.unitSerial order by max(r.createdAt) desc";
        var q = session.createSelectionQuery(hql, Object[].class);
        if (engine != null) {
            q.setParameter("engine", engine);
        }
        return q.getResultList().stream()
                .map(a -> new UnitViews.UnitSummary((String) a[0], (String) a[1], ((Number) a[2]).longValue(), (Instant) a[3])).toList();
    }

    /** A unit's history: its runs oldest first, life consumed, indicators, trend findings, maintenance. */
    @Transactional
    public UnitViews.UnitView unit(String unit) {
        List<RunEntity> rs = session.createSelectionQuery("from RunEntity r where r.unitSerial = :u order by r.createdAt, r.id", RunEntity.class)
                .setParameter("u", unit).setReadOnly(true).getResultList();
        if (rs.isEmpty()) {
            throw ProblemException.notFound("unit", unit);
        }
        String engine = rs.get(0).engine;
        List<MaintenanceEntity> ms = maintenanceOf(unit);
        List<UnitViews.HistoryRun> history = new ArrayList<>();
        RunUsage total = RunUsage.NONE;
        int ended = 0;
        Instant previous = null;
        for (RunEntity r : rs) {
            RunEndEntity e = session.find(RunEndEntity.class, r.id);
            Instant prev = previous;
            boolean maint = ms.stream().anyMatch(m -> (prev == null || m.at.isAfter(prev)) && m.at.isBefore(r.createdAt));
            if (e == null) {
                history.add(new UnitViews.HistoryRun(r.id, r.testId, r.stand, r.createdAt, null, r.frameCount, null, null, List.of(),
                        List.of(), maint));
            } else {
                ended++;
                total = total.plus(new RunUsage(e.starts, e.firingSeconds));
                history.add(new UnitViews.HistoryRun(r.id, r.testId, r.stand, r.createdAt, e.endedAt, r.frameCount, e.starts,
                        e.firingSeconds, read(e.indicators, INDICATORS), read(e.trends, TRENDS), maint));
            }
            previous = r.createdAt;
        }
        UnitsSpec spec = judges.of(engine).map(UnitJudge::spec).orElse(null);
        List<UnitViews.LifeView> life = spec == null ? List.of() : life(spec, total);
        List<UnitViews.IndicatorInfo> infos = spec == null ? List.of() : spec.indicators().stream()
                .map(i -> new UnitViews.IndicatorInfo(i.id(), i.name(), i.unit(), i.trend().direction().name(), i.trend().runs(),
                        i.trend().minChange())).toList();
        Map<String, Object> versions = new LinkedHashMap<>();
        if (spec != null) {
            versions.put("unitsFile", spec.file());
            versions.put("unitsHash", spec.sourceHash());
            versions.put("trendRules", judges.of(engine).orElseThrow().rules().version());
        }
        return new UnitViews.UnitView(unit, engine, rs.size(), ended, total.starts(), total.firingSeconds(), life,
                spec == null ? 0 : spec.nearFraction(), infos, history,
                ms.stream().map(m -> new UnitViews.MaintenanceView(m.id, m.unitSerial, m.at, m.byUser, m.note)).toList(), versions);
    }

    private List<UnitRun> history(String unit, UUID except) {
        List<RunEntity> rs = session.createSelectionQuery(
                        "from RunEntity r where r.unitSerial = :u and r.endedAt is not null and r.id <> :x order by r.endedAt, r.id", RunEntity.class)
                .setParameter("u", unit).setParameter("x", except).setReadOnly(true).getResultList();
        List<MaintenanceEntity> ms = maintenanceOf(unit);
        List<UnitRun> out = new ArrayList<>();
        Instant previous = null;
        for (RunEntity r : rs) {
            RunEndEntity e = session.find(RunEndEntity.class, r.id);
            Instant prev = previous;
            boolean maint = ms.stream().anyMatch(m -> (prev == null || m.at.isAfter(prev)) && m.at.isBefore(r.endedAt));
            out.add(new UnitRun(r.id.toString(), label(r), maint, read(e.indicators, INDICATORS)));
            previous = r.endedAt;
        }
        return out;
    }

    private Instant lastEnd(String unit) {
        return session.createSelectionQuery("select max(r.endedAt) from RunEntity r where r.unitSerial = :u", Instant.class)
                .setParameter("u", unit).getSingleResult();
    }

    private boolean maintenanceSince(String unit, Instant since) {
        return maintenanceOf(unit).stream().anyMatch(m -> since == null ? true : m.at.isAfter(since));
    }

    private List<MaintenanceEntity> maintenanceOf(String unit) {
        return session.createSelectionQuery("from MaintenanceEntity m where m.unitSerial = :u order by m.at, m.id", MaintenanceEntity.class)
                .setParameter("u", unit).setReadOnly(true).getResultList();
    }

    private RunUsage totals(String unit) {
        Object[] a = session.createSelectionQuery("select coalesce(sum(e.starts), 0), coalesce(sum(e.firingSeconds), 0) from RunEndEntity e, RunEntity r "
                        + "where e.runId = r.id and r.unitSerial = :u", Object[].class)
                .setParameter("u", unit).getSingleResult();
        return new RunUsage(((Number) a[0]).intValue(), ((Number) a[1]).doubleValue());
    }

    static List<UnitViews.LifeView> life(UnitsSpec spec, RunUsage total) {
        List<UnitViews.LifeView> out = new ArrayList<>();
        for (UnitsSpec.Component c : spec.components()) {
            if (c.maxStarts() != null) {
                out.add(new UnitViews.LifeView(c.id(), c.name(), "starts", total.starts(), c.maxStarts(),
                        total.starts() / (double) c.maxStarts(), c.source()));
            }
            if (c.maxFiringSeconds() != null) {
                out.add(new UnitViews.LifeView(c.id(), c.name(), "firingSeconds", total.firingSeconds(), c.maxFiringSeconds(),
                        total.firingSeconds() / c.maxFiringSeconds(), c.source()));
            }
        }
        return out;
    }

    /** Every stored frame of a run in seq order, dead readings as NaN. */
    @Transactional
    public List<Frame> framesOf(UUID runId) {
        return frames(runs.require(runId));
    }

    private List<Frame> frames(RunEntity run) {
        List<FrameEntity> rows = session.createSelectionQuery("from FrameEntity f where f.runId = :r order by f.seq", FrameEntity.class)
                .setParameter("r", run.id).setReadOnly(true).getResultList();
        List<Frame> out = new ArrayList<>(rows.size());
        for (FrameEntity f : rows) {
            double[] v = FrameCodec.decode(f.vals);
            if (f.dead != null) {
                for (int i = 0; i < v.length; i++) {
                    if (FrameCodec.isDead(f.dead, i)) {
                        v[i] = Double.NaN;
                    }
                }
            }
            out.add(new Frame(f.seq, f.t, v));
            session.detach(f);
        }
        return out;
    }

    private static String label(RunEntity r) {
        return r.testId != null ? r.testId : r.id.toString().substring(0, 8);
    }

    private static UnitViews.TrendView view(TrendRules.Result r) {
        IndicatorChange c = r.finding().change();
        return new UnitViews.TrendView(r.finding().code(), r.finding().severity().name(), r.rules(), c.indicator(), c.kind().name(),
                r.finding().message(), c.runIds(), c.labels(), c.values(), c.skipped(), c.relativeChange(), c.threshold());
    }

    private UnitViews.RunEndView view(RunEntity run, RunEndEntity e) {
        return new UnitViews.RunEndView(run.id, run.unitSerial, e.endedAt, e.endedBy, e.starts, e.firingSeconds,
                read(e.indicators, INDICATORS), read(e.trends, TRENDS), e.unitsHash, e.trendVersion);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String s, TypeReference<T> type) {
        try {
            return json.readValue(s, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored run end holds malformed JSON", e);
        }
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
