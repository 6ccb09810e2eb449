package io.hotfire.app.domain;

import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.security.Actor;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.learned.LearnedModel;
import io.hotfire.pipeline.DefaultModel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Attaches each engine's learned model (OOD gate + pattern model) after start-up, in the background,
 * so serving never waits for it: a configured model file is loaded, else a domain with a digital
 * twin and {@code learned.yaml} gets its default model (trained from the twin on first start, ~10 s,
 * then cached by profile and feature-spec hash; ~0.5 s to load). Until then, and for domains with no
 * model, the engine runs on the rules alone — the rules decide severity and recommendation either
 * way. Every outcome is a {@code model.load} audit record with the model version (or the reason).
 */
@ApplicationScoped
public class LearnedModels {

    private static final Logger LOG = Logger.getLogger(LearnedModels.class);

    /** What became of an engine's learned model. */
    public enum State { LOADING, ROUTED, RULES_ONLY, FAILED }

    /** @param detail the model version when ROUTED, else why not */
    public record Status(State state, String detail) {
    }

    @Inject
    HotfireConfig config;

    @Inject
    Engines engines;

    @Inject
    AuditLog audit;

    private final Map<String, Status> status = new ConcurrentHashMap<>();
    private ExecutorService loader;

    @Inject
    io.hotfire.app.exec.NamedExecutors executors;

    // After StartupAudit (default priority), so ruleset.load precedes model.load in the chain.
    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.LIBRARY_AFTER + 100) StartupEvent event) {
        boolean off = "off".equalsIgnoreCase(config.learned().mode().trim());
        if (!off && !"default".equalsIgnoreCase(config.learned().mode().trim())) {
            throw new IllegalArgumentException("hotfire.learned.mode must be 'default' or 'off', got '" + config.learned().mode() + "'");
        }
        for (String id : engines.ids()) {
            status.put(id, off ? new Status(State.RULES_ONLY, "hotfire.learned.mode=off") : new Status(State.LOADING, "loading"));
        }
        if (off) {
            LOG.info("learned models off (hotfire.learned.mode=off): every engine runs on the rules alone");
            return;
        }
        loader = executors.single("learned-models");
        for (String id : engines.ids()) {
            loader.submit(() -> attach(id));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loader != null) {
            loader.shutdownNow();
        }
    }

    /** The learned-model state of an engine. */
    public Status status(String engine) {
        return status.getOrDefault(engine, new Status(State.RULES_ONLY, "unknown engine"));
    }

    /** Waits (tests, tools) until no engine is still loading; true if none is. */
    public boolean awaitLoaded(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        while (status.values().stream().anyMatch(s -> s.state() == State.LOADING)) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private void attach(String id) {
        DomainCatalog.Domain domain = engines.domain(id);
        long t0 = System.nanoTime();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("engine", id);
        p.put("ruleSetVersion", engines.engine(id).ruleSetVersion());
        try {
            Optional<Path> file = Optional.ofNullable(config.learned().models().get(id));
            LearnedModel model;
            if (file.isPresent()) {
                p.put("source", "file");
                p.put("file", file.get().toAbsolutePath().normalize().toString());
                model = LearnedModel.load(file.get());
            } else if (DefaultModel.available(domain)) {
                Path cache = config.learned().cacheDir().orElseGet(DefaultModel::cacheDir);
                p.put("source", "default (digital twin, seed " + DefaultModel.SEED + ")");
                p.put("cacheDir", cache.toAbsolutePath().normalize().toString());
                model = DefaultModel.forDomain(domain, cache);
            } else {
                status.put(id, new Status(State.RULES_ONLY, "no model file configured and no digital twin to train one"));
                p.put("outcome", "rules only");
                p.put("reason", "no model file (hotfire.learned.models." + id + ") and no twin/learned.yaml in the domain folder");
                record(id, "engine " + id + " runs on the rules alone: no learned model", p);
                LOG.infof("engine %s: no learned model, rules alone", id);
                return;
            }
            engines.attachRouter(id, model);
            double seconds = (System.nanoTime() - t0) / 1e9;
            status.put(id, new Status(State.ROUTED, model.version()));
            p.put("outcome", "routed");
            p.put("modelVersion", model.version());
            p.put("seconds", Math.round(seconds * 1000) / 1000.0);
            record(id, "learned model " + model.version() + " routes engine " + id, p);
            LOG.infof("engine %s: learned model %s attached in %.1f s (OOD gate + advisory pattern model)", id, model.version(), seconds);
        } catch (RuntimeException e) {
            status.put(id, new Status(State.FAILED, String.valueOf(e.getMessage())));
            p.put("outcome", "failed");
            p.put("reason", String.valueOf(e.getMessage()));
            LOG.errorf(e, "engine %s: learned model not attached, rules alone", id);
            try {
                record(id, "learned model for engine " + id + " failed: rules alone", p);
            } catch (RuntimeException again) {
                LOG.error("model.load audit record not written", again);
            }
        }
    }

    private void record(String id, String summary, Map<String, Object> payload) {
        QuarkusTransaction.requiringNew().run(() -> audit.append(Actor.SYSTEM, AuditActions.MODEL_LOAD, "engine/" + id, summary, payload));
    }
}
