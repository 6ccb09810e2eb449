package io.hotfire.app.domain;

import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.pipeline.DiagnosisEngine;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The engine domains this server diagnoses: loaded from {@code hotfire.domains.dir} at start-up,
 * one compiled {@link DiagnosisEngine} each. A malformed profile or rule file stops start-up with
 * the loader's message.
 */
@Startup
@ApplicationScoped
public class Engines {

    private static final Logger LOG = Logger.getLogger(Engines.class);

    @Inject
    HotfireConfig config;

    private DomainCatalog catalog;
    /** Replaced per engine when its learned model is attached ({@link #attachRouter}). */
    private final Map<String, DiagnosisEngine> engines = new java.util.concurrent.ConcurrentHashMap<>();
    /** The learned model attached to each engine: kept across a rule swap ({@link #replaceRules}). */
    private final Map<String, io.hotfire.learned.LearnedModel> models = new java.util.concurrent.ConcurrentHashMap<>();
    /** The rule-set version each engine was loaded with at start-up (the shipped domain folder). */
    private final Map<String, String> shipped = new java.util.concurrent.ConcurrentHashMap<>();

    @PostConstruct
    void load() {
        catalog = DomainCatalog.load(config.domains().dir());
        for (String id : catalog.ids()) {
            DiagnosisEngine engine = DiagnosisEngine.load(catalog.require(id));
            engines.put(id, engine);
            shipped.put(id, engine.ruleSetVersion());
            LOG.infof("engine domain %s: %d sensors, rule set %s", id, engine.profile().sensors().size(), engine.ruleSetVersion());
        }
    }

    /**
     * Routes the engine's windows through a learned model from now on: runs opened (or rebuilt)
     * after this call get the OOD gate and the advisory pattern model; the rules are unchanged.
     *
     * @return the routed engine
     * @throws IllegalArgumentException when the model was trained on another version of the profile
     */
    public DiagnosisEngine attachRouter(String id, io.hotfire.learned.LearnedModel model) {
        return engines.compute(id, (k, e) -> {
            if (e == null) {
                throw new IllegalArgumentException("unknown engine '" + id + "'");
            }
            DiagnosisEngine routed = e.withRouter(model);
            models.put(id, model);
            return routed;
        });
    }

    /**
     * Swaps the rules of an engine without a restart (an activated knowledge version, #18): runs pick
     * them up at their next batch. The learned model stays attached if it was trained on the new profile.
     */
    public DiagnosisEngine replaceRules(String id, DiagnosisEngine rulesOnly) {
        return engines.compute(id, (k, e) -> {
            if (e == null) {
                throw new IllegalArgumentException("unknown engine '" + id + "'");
            }
            io.hotfire.learned.LearnedModel m = models.get(id);
            if (m != null && m.trainedOn(rulesOnly.profile())) {
                return rulesOnly.withRouter(m);
            }
            if (m != null) {
                LOG.warnf("engine %s: the learned model was trained on another profile version; rules alone decide", id);
            }
            return rulesOnly;
        });
    }

    /** The rule-set version of the shipped domain folder (knowledge version 0). */
    public String shippedRuleSetVersion(String id) {
        return shipped.get(id);
    }

    /** The domain (profile and folder) of a loaded engine. */
    public DomainCatalog.Domain domain(String id) {
        return catalog.require(id);
    }

    public List<String> ids() {
        return catalog.ids();
    }

    /** The loaded engine with that id (one of {@link #ids()}). */
    public DiagnosisEngine engine(String id) {
        return require(id, "engine");
    }

    /** The domain folder the engine was loaded from. */
    public Path folder(String id) {
        return catalog.require(id).folder();
    }

    /** The engine with that id, or a 400 naming it and the known ones. */
    public DiagnosisEngine require(String engineId, String field) {
        DiagnosisEngine e = engineId == null ? null : engines.get(engineId);
        if (e == null) {
            throw ProblemException.badRequest("unknown-engine", "Unknown engine",
                            "unknown engine '" + engineId + "'; known engines: " + catalog.ids())
                    .with("field", field)
                    .with("engine", engineId);
        }
        return e;
    }
}
