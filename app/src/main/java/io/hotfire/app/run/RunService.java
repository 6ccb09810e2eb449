package io.hotfire.app.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.CanonicalJson;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.security.Actors;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.app.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Creates and reads runs. */
@ApplicationScoped
public class RunService {

    @Inject
    Session session;

    @Inject
    Engines engines;

    @Inject
    ObjectMapper json;

    @Inject
    AuditLog audit;

    @Inject
    Actors actors;

    @Transactional
    public RunView create(String engine, String testId, JsonNode metadata) {
        return create(engine, testId, null, null, metadata);
    }

    /** A run of an engine unit ({@code unit} null: unit unknown) on a stand (null: not named). */
    @Transactional
    public RunView create(String engine, String testId, String unit, String stand, JsonNode metadata) {
        RunEntity run = new RunEntity();
        run.id = UUID.randomUUID();
        run.engine = engine;
        run.testId = testId;
        run.metadata = metadata.toString();
        DiagnosisEngine diagnosis = engines.require(engine, "engine");
        run.channels = String.join(",", diagnosis.profile().sensorIds());
        run.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        run.frameCount = 0;
        run.unitSerial = unit;
        run.stand = stand;
        session.persist(run);
        audit.append(actors.current(), new AuditEntry(AuditActions.RUN_CREATE, "run/" + run.id, run.id, null,
                "run " + run.id + " created: engine " + engine + (testId == null ? "" : ", test " + testId)
                        + (unit == null ? ", unit unknown" : ", unit " + unit) + (stand == null ? "" : ", stand " + stand),
                CanonicalJson.map("runId", run.id, "engine", engine, "testId", testId, "unit", unit, "stand", stand, "metadata", metadata,
                        "ruleSetVersion", diagnosis.ruleSetVersion(), "channels", diagnosis.profile().sensorIds().size())));
        return view(run);
    }

    @Transactional
    public RunView get(UUID id) {
        return view(require(id));
    }

    /** Newest first, optionally of one engine. */
    @Transactional
    public List<RunView> list(String engine, int limit) {
        String hql = "from RunEntity r" + (engine == null ? "" : " where r.engine = :engine") + " order by r.createdAt desc, r.id";
        var q = session.createSelectionQuery(hql, RunEntity.class).setMaxResults(limit).setReadOnly(true);
        if (engine != null) {
            q.setParameter("engine", engine);
        }
        return q.getResultList().stream().map(this::view).toList();
    }

    /** The stored run, or 404. Call inside a transaction. */
    public RunEntity require(UUID id) {
        RunEntity run = session.find(RunEntity.class, id);
        if (run == null) {
            throw ProblemException.notFound("run", id.toString());
        }
        return run;
    }

    public static List<String> channels(RunEntity run) {
        return Arrays.asList(run.channels.split(","));
    }

    public RunView view(RunEntity r) {
        try {
            return new RunView(r.id, r.engine, r.testId, json.readTree(r.metadata), r.createdAt, channels(r),
                    r.frameCount, r.lastSeq, r.lastT, r.unitSerial, r.stand, r.endedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("run " + r.id + " holds malformed metadata JSON", e);
        }
    }
}
