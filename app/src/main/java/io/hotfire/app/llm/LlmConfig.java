package io.hotfire.app.llm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The LLM bridge's settings ({@code hotfire.llm.*}). The provider itself (base URL, model, API key)
 * is configured through {@code quarkus.langchain4j.openai.*}, fed from {@code HOTFIRE_LLM_*}
 * environment variables in application.properties; the key comes only from the environment.
 */
@ConfigMapping(prefix = "hotfire.llm")
public interface LlmConfig {

    /**
     * Whether to call an LLM at all. False (the default): intake runs on the in-process embedding
     * model, explanations come from templates over the rule trace, no hypotheses; no call is made
     * and no key is needed.
     */
    @WithDefault("false")
    boolean enabled();

    /** OpenAI-compatible endpoint, e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}. */
    @WithDefault("https://api.openai.com/v1")
    String baseUrl();

    /** The model name the endpoint knows. */
    @WithDefault("gpt-4o-mini")
    String model();

    /** Longest a caller waits for an LLM answer before the offline answer is used instead. */
    @WithDefault("10s")
    Duration timeout();

    /** LLM calls in flight at most; the rest queue. */
    @WithDefault("2")
    int maxConcurrent();

    /** Calls that may wait for a worker; beyond that a call falls back at once. */
    @WithDefault("8")
    int maxQueued();

    /** Ask for {@code response_format: json_object}; switch off for servers that reject it. */
    @WithDefault("true")
    boolean jsonResponseFormat();

    /**
     * Load the offline embedding model (~3 s, ~180 MB of jars) in the background at start-up, so
     * that neither start-up nor the first note waits for it; false loads it on the first note.
     */
    @WithDefault("true")
    boolean preload();

    /**
     * Train the offline intake's clause classifier on the domain's labelled notes
     * ({@code <domain>/intake/*.yaml}) when its intake is first built; false runs the vocabulary
     * matcher alone (what the figures in llm-bridge/README.md call "matcher alone").
     */
    @WithDefault("true")
    boolean intakeLearning();
}
