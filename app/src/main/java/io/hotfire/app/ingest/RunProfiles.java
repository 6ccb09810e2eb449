package io.hotfire.app.ingest;

import io.hotfire.app.domain.Engines;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.run.RunEntity;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.pipeline.DiagnosisEngine;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Session;

/**
 * The engine profile a run's frames are parsed against. A run's engine never changes, so it is
 * remembered: a live stand's request (50 a second per run) costs no database round trip before its
 * batch is queued. {@link Ingestion} checks run and profile again under the run's lock.
 */
@ApplicationScoped
public class RunProfiles {

    /** Runs whose engine was looked up (bounded; cleared when full). */
    private static final int CACHE = 10_000;
    private final Map<UUID, String> engineByRun = new ConcurrentHashMap<>();

    @Inject
    Engines engines;

    @Inject
    Session session;

    /** The run's profile, or 404 (409 if its engine's sensor list changed since the run was created). */
    public EngineProfile profileOf(UUID runId) {
        String engine = engineByRun.get(runId);
        if (engine == null) {
            engine = QuarkusTransaction.joiningExisting().call(() -> {
                RunEntity run = session.find(RunEntity.class, runId);
                if (run == null) {
                    throw ProblemException.notFound("run", runId.toString());
                }
                engineOf(run); // 409 now if the profile changed under the run
                return run.engine;
            });
            if (engineByRun.size() >= CACHE) {
                engineByRun.clear();
            }
            engineByRun.put(runId, engine);
        }
        return engines.require(engine, "engine").profile();
    }

    /** The run's engine; its frames must still match the profile's channel list, else 409. */
    DiagnosisEngine engineOf(RunEntity run) {
        DiagnosisEngine engine = engines.require(run.engine, "engine");
        if (!run.channels.equals(String.join(",", engine.profile().sensorIds()))) {
            throw ProblemException.conflict("profile-changed", "Profile changed",
                    "engine " + run.engine + " has a different sensor list than when run " + run.id
                            + " was created; its frames can no longer be added").with("engine", run.engine);
        }
        return engine;
    }
}
