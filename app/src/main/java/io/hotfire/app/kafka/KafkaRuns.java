package io.hotfire.app.kafka;

import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.audit.CanonicalJson;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunEntity;
import io.hotfire.pipeline.DiagnosisEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.Session;

/**
 * Runs of Kafka telemetry: the producer names the run (the message key) and the first message of a
 * run creates it, so a stand needs nothing but the topic. Creation is idempotent: when two
 * instances race (during a rebalance), the loser's insert fails and it finds the winner's run.
 */
@ApplicationScoped
public class KafkaRuns {

    @Inject
    Session session;

    @Inject
    Engines engines;

    @Inject
    AuditLog audit;

    /** The run's engine, or null when the run does not exist. */
    @Transactional
    public String engineOf(java.util.UUID id) {
        RunEntity run = session.find(RunEntity.class, id);
        return run == null ? null : run.engine;
    }

    /** Creates the run (engine from the message header) in its own transaction; fails on a duplicate id. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(java.util.UUID id, String engine, String testId) {
        if (engine == null || engine.isBlank()) {
            throw ProblemException.badRequest("missing-engine", "Missing engine",
                    "run " + id + " does not exist and the message has no " + TelemetryMessages.ENGINE + " header to create it with")
                    .with("field", TelemetryMessages.ENGINE);
        }
        DiagnosisEngine diagnosis = engines.require(engine, TelemetryMessages.ENGINE);
        RunEntity run = new RunEntity();
        run.id = id;
        run.engine = engine;
        run.testId = testId;
        run.metadata = "{\"source\":\"kafka\"}";
        run.channels = String.join(",", diagnosis.profile().sensorIds());
        run.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        run.frameCount = 0;
        session.persist(run);
        session.flush();
        audit.append(TelemetryConsumer.ACTOR, new AuditEntry(AuditActions.RUN_CREATE, "run/" + id, id, null,
                "run " + id + " created from Kafka: engine " + engine + (testId == null ? "" : ", test " + testId),
                CanonicalJson.map("runId", id, "engine", engine, "testId", testId, "source", "kafka",
                        "ruleSetVersion", diagnosis.ruleSetVersion(), "channels", diagnosis.profile().sensorIds().size())));
    }
}
