package io.hotfire.app.llm;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.hotfire.app.domain.Engines;
import io.hotfire.app.exec.LiveIdle;
import io.hotfire.app.exec.NamedExecutors;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actor;
import io.hotfire.llm.LlmAsync;
import io.hotfire.llm.call.LlmClient;
import io.hotfire.llm.call.LlmOptions;
import io.hotfire.llm.claim.ClaimChecker;
import io.hotfire.llm.claim.ClaimLanguage;
import io.hotfire.llm.claim.ClaimLanguageLoader;
import io.hotfire.llm.explain.ExplanationService;
import io.hotfire.llm.guardrail.KnownIdentifiers;
import io.hotfire.llm.hypothesis.HypothesisService;
import io.hotfire.llm.intake.ClauseClassifier;
import io.hotfire.llm.intake.IntakeService;
import io.hotfire.llm.intake.LabelledNotesLoader;
import io.hotfire.llm.intake.OfflineIntake;
import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyLoader;
import io.hotfire.pipeline.DefaultModel;
import io.hotfire.pipeline.DiagnosisEngine;
import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.HttpServerStart;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The LLM bridge as the server uses it: per engine domain the observation vocabulary (loaded at
 * start-up; a malformed {@code vocabulary.yaml} stops start-up), the offline extractor over the
 * in-process all-MiniLM-L6-v2 model (loaded once, in the background once the server listens unless
 * {@code hotfire.llm.preload=false}) with its clause classifier trained on the domain's labelled
 * notes ({@code <domain>/intake/*.yaml}, read and checked at start-up, trained once per process
 * after the model loads), and, when {@code hotfire.llm.enabled}, the configured
 * OpenAI-compatible model behind a circuit breaker. Every LLM call goes through {@link #async()}
 * (deadline, bounded workers, offline fallback) and is audited as {@code llm.call}. With the LLM
 * disabled no call is ever made.
 */
@Startup
@ApplicationScoped
public class LlmBridge {

    private static final Logger LOG = Logger.getLogger(LlmBridge.class);

    @Inject
    LlmConfig config;

    @Inject
    Engines engines;

    @Inject
    GuardedChatModel chatModel;

    @Inject
    LlmCallAudit audit;

    /** What the bridge needs of one engine domain. */
    public record Domain(String engine, Vocabulary vocabulary, Set<String> sensors, Set<String> catalogue,
                         KnownIdentifiers known, ClaimLanguage claimLanguage, Map<String, String> sensorUnits,
                         List<OfflineIntake.LabelledNote> labelledNotes) {

        /** The checker every LLM claim and hypothesis reason about this domain passes. */
        public ClaimChecker checker() {
            return new ClaimChecker(claimLanguage, known, sensorUnits, vocabulary);
        }
    }

    private final Map<String, Domain> domains = new LinkedHashMap<>();
    private final Map<String, OfflineIntake> offline = new ConcurrentHashMap<>();
    /** Per engine, the offline intake with its trained classifier, once trained. */
    private final Map<String, OfflineIntake> learned = new ConcurrentHashMap<>();
    private volatile CompletableFuture<EmbeddingModel> minilm;
    private LlmAsync async;
    /** Loads the embedding model, then trains the intake classifiers: one low-priority thread, no request waits for it. */
    private ExecutorService background;

    @Inject
    NamedExecutors executors;

    /**
     * Intake training waits for live ingestion to pause (by construction, whatever the OS does with priorities):
     * no telemetry in flight for this long. Waiting only for no request in flight was not enough: a stand at
     * 50 Hz leaves gaps of milliseconds, and one note's embedding then held both cores for tens of
     * milliseconds (the event frames' p90 tripled in a measurement of 20 live runs).
     */
    static final long TRAINING_QUIET_MILLIS = 2000;

    @Inject
    LiveIdle liveIdle;

    @PostConstruct
    void init() {
        for (String id : engines.ids()) {
            DiagnosisEngine engine = engines.engine(id);
            Set<String> sensors = DomainWords.sensors(engine);
            Set<String> catalogue = DomainWords.faultCodes(engine);
            Vocabulary vocabulary = DomainWords.vocabulary(engine, engines.folder(id)).orElse(null);
            List<OfflineIntake.LabelledNote> labelled = List.of();
            if (vocabulary != null) {
                labelled = LabelledNotesLoader.loadFromDomain(engines.folder(id), vocabulary); // checked even when not learned from
                LOG.infof("engine domain %s: observation vocabulary of %d codes, %d labelled notes to learn from", id,
                        vocabulary.codes().size(), labelled.size());
            }
            ClaimLanguage claims = ClaimLanguageLoader.loadFromDomain(engines.folder(id), id);
            if (claims.faults().isEmpty()) {
                LOG.warnf("engine domain %s has no %s: LLM claims are checked for citations, identifiers and numbers only",
                        id, ClaimLanguage.FILE_NAME);
            }
            domains.put(id, new Domain(id, vocabulary, Set.copyOf(sensors), Set.copyOf(catalogue),
                    new KnownIdentifiers(catalogue, sensors), claims, ClaimLanguageLoader.sensorUnits(engine.profile()), labelled));
        }
        async = new LlmAsync(executors.bounded("llm", config.maxConcurrent(), config.maxQueued()),
                executors.fixed("llm-fallback", 2), executors.single("llm-timeout"), config.timeout());
        background = executors.background("llm-background");
        LOG.infof(config.enabled()
                ? "LLM: %s at %s (timeout %s, %d workers)"
                : "LLM: off (offline intake and template explanations; set HOTFIRE_LLM_ENABLED=true to use %s at %s)",
                config.model(), config.baseUrl(), config.timeout(), config.maxConcurrent());
    }

    /**
     * Preloads the embedding model once the server listens, so that its ~2 s of CPU do not compete
     * with start-up itself (measured: a load begun at StartupEvent added about as much to "started
     * in" on a loaded 2-core machine). Offline commands start no HTTP server and load nothing.
     */
    void onHttpStart(@ObservesAsync HttpServerStart e) {
        if (config.preload() && domains.values().stream().anyMatch(d -> d.vocabulary() != null)) {
            // then each domain's offline intake, its classifier trained, on the loader's background thread
            embeddings().thenRun(() -> domains.values().stream().filter(d -> d.vocabulary() != null).forEach(this::offlineIntake));
        }
    }

    @PreDestroy
    void close() {
        if (async != null) {
            async.close();
        }
    }

    public boolean llmEnabled() {
        return config.enabled();
    }

    /** The model label the API shows for LLM answers: {@code openai:<model>}. */
    public String llmLabel() {
        return "openai:" + config.model();
    }

    /** As the API shows a model name a component reported: prefixed with {@code openai:} when it is the LLM's. */
    public static String label(String model) {
        if (model == null) {
            return null;
        }
        return model.contains(":") ? model : "openai:" + model;
    }

    /**
     * A fallback reason as users may see it. The bridge's own reasons can quote what the model
     * wrote (a hallucinated fault code, an ungrounded number, a fragment of malformed JSON, a
     * provider's error text); those stay in the audit log ({@code llm.call}), and users get the
     * kind of failure only, so that nothing the diagnosis does not contain reaches them.
     */
    public static String publicReason(String reason) {
        if (reason == null) {
            return null;
        }
        if (reason.contains("guardrail")) {
            return "the model's answer failed the guardrails, also after one retry naming the violations; "
                    + "details in the audit log (llm.call)";
        }
        if (reason.contains("malformed")) {
            return "the model's answer was malformed twice; details in the audit log (llm.call)";
        }
        for (String prefix : new String[] {"LLM provider failed", "LLM task failed"}) {
            if (reason.startsWith(prefix)) {
                String rest = reason.substring(prefix.length()).replaceFirst("^[:\\s]+", "");
                String kind = rest.split("[:\\s]", 2)[0];
                kind = kind.substring(kind.lastIndexOf('.') + 1);
                return prefix + (kind.isEmpty() ? "" : " (" + kind + ")") + "; details in the audit log (llm.call)";
            }
        }
        return reason;
    }

    public LlmAsync async() {
        return async;
    }

    public Domain domain(String engine) {
        Domain d = domains.get(engine);
        if (d == null) {
            throw new IllegalStateException("no engine domain " + engine);
        }
        return d;
    }

    /** Intake for a note on a run of {@code engine}, its LLM calls audited for {@code actor}. */
    public IntakeService intake(String engine, Actor actor, UUID runId) {
        Domain d = domain(engine);
        if (d.vocabulary() == null) {
            throw ProblemException.conflict("no-vocabulary", "No observation vocabulary",
                    "engine domain '" + engine + "' has no " + VocabularyLoader.FILE_NAME + ", so notes cannot be coded")
                    .with("engine", engine);
        }
        OfflineIntake off = offlineIntake(d);
        return config.enabled() ? IntakeService.withLlm(off, client(actor, runId), d.sensors()) : IntakeService.offline(off);
    }

    public ExplanationService explainer(String engine, Actor actor, UUID runId) {
        Domain d = domain(engine);
        return config.enabled() ? ExplanationService.withLlm(client(actor, runId), d.checker(), d.sensorUnits())
                : ExplanationService.offline();
    }

    public HypothesisService hypotheses(String engine, Actor actor, UUID runId) {
        Domain d = domain(engine);
        return new HypothesisService(config.enabled() ? client(actor, runId) : null, d.known(), d.checker());
    }

    private LlmClient client(Actor actor, UUID runId) {
        return new LlmClient(chatModel, new LlmOptions(llmLabel(), config.jsonResponseFormat()), audit.sink(actor, runId));
    }

    /**
     * The domain's offline intake: the vocabulary matcher at once, and, when the domain has
     * labelled notes and {@code hotfire.llm.intake-learning}, the matcher with the clause
     * classifier trained on them as soon as a background thread has trained it (about a minute of
     * CPU on a 2-core machine, logged, only while live ingestion is quiet; read from the cache
     * in well under a second after the first start) — as {@code OfflineIntakeEvaluationTest} measures it.
     * No note waits for the training.
     */
    private OfflineIntake offlineIntake(Domain d) {
        OfflineIntake ready = learned.get(d.engine());
        if (ready != null) {
            return ready;
        }
        return offline.computeIfAbsent(d.engine(), k -> {
            OfflineIntake base = new OfflineIntake(d.vocabulary(), embeddings().join(), d.sensors(), OfflineIntake.Settings.DEFAULT);
            if (config.intakeLearning() && !d.labelledNotes().isEmpty()) {
                background.execute(() -> train(d, base));
            }
            return base;
        });
    }

    /**
     * The domain's classifier from the cache when it is there, else trained and cached. Training yields
     * to live ingestion by construction: before each labelled note it waits until no telemetry has been in
     * flight for {@link #TRAINING_QUIET_MILLIS} ({@link LiveIdle}), so it never runs during a live test.
     */
    private void train(Domain d, OfflineIntake base) {
        try {
            long start = System.nanoTime();
            IntakeClassifierCache cache = new IntakeClassifierCache(DefaultModel.cacheDir().resolve("intake"));
            Optional<String> key = IntakeClassifierCache.key(engines.folder(d.engine()).resolve(VocabularyLoader.FILE_NAME),
                    d.labelledNotes(), OfflineIntake.MODEL);
            Optional<ClauseClassifier> cached = key.flatMap(cache::read);
            if (cached.isPresent()) {
                learned.put(d.engine(), base.withClassifier(cached.get(), OfflineIntake.Learning.DEFAULT));
                LOG.infof("engine domain %s: offline intake classifier read from %s in %d ms", d.engine(),
                        cache.file(key.get()), (System.nanoTime() - start) / 1_000_000);
                return;
            }
            AtomicLong waited = new AtomicLong();
            OfflineIntake trained = base.learnFrom(d.labelledNotes(), () -> {
                long w0 = System.nanoTime();
                try {
                    liveIdle.awaitQuiet(TRAINING_QUIET_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("shutting down");
                }
                waited.addAndGet(System.nanoTime() - w0);
            });
            learned.put(d.engine(), trained);
            key.ifPresent(k -> cache.write(k, trained.classifier()));
            LOG.infof("engine domain %s: offline intake classifier trained on %d labelled notes in %d ms (%d ms of it waiting for "
                    + "live ingestion to pause)%s", d.engine(), d.labelledNotes().size(), (System.nanoTime() - start) / 1_000_000,
                    waited.get() / 1_000_000, key.isPresent() ? "; cached for the next start" : "");
        } catch (RuntimeException e) {
            if (e instanceof CancellationException || Thread.currentThread().isInterrupted()
                    || e.getCause() instanceof InterruptedException) {
                LOG.debugf("engine domain %s: intake classifier training stopped by shutdown", d.engine());
                return;
            }
            LOG.warnf(e, "engine domain %s: offline intake classifier not trained; the vocabulary matcher alone codes notes", d.engine());
        }
    }

    /** The embedding model, loading once (in the background when first asked). */
    CompletableFuture<EmbeddingModel> embeddings() {
        CompletableFuture<EmbeddingModel> f = minilm;
        if (f == null || f.isCompletedExceptionally()) {
            synchronized (this) {
                if (minilm == null || minilm.isCompletedExceptionally()) { // a failed load is tried again
                    minilm = CompletableFuture.supplyAsync(() -> {
                        long start = System.nanoTime();
                        EmbeddingModel m = new AllMiniLmL6V2EmbeddingModel();
                        m.embed("warm up");
                        LOG.infof("offline embedding model all-MiniLM-L6-v2 loaded in %d ms", (System.nanoTime() - start) / 1_000_000);
                        return m;
                    }, background);
                }
                f = minilm;
            }
        }
        return f;
    }

    /** Blocks until the offline model is loaded; for start-up measurements and tests. */
    public void awaitOfflineModel() throws InterruptedException, ExecutionException {
        embeddings().get();
    }
}
