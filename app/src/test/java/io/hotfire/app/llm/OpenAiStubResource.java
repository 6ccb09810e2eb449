package io.hotfire.app.llm;

import io.hotfire.llm.support.OpenAiStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the local OpenAI-compatible stub before the application and points the LLM bridge at it
 * (enabled, with a deadline generous enough for a loaded build machine — load average 10 on two cores
 * once made a prompt stub answer miss a 2 s deadline — and hung answers far longer than it).
 */
public class OpenAiStubResource implements QuarkusTestResourceLifecycleManager {

    /** The LLM deadline in the stub tests; a hung answer in a test lasts far longer. */
    static final java.time.Duration DEADLINE = java.time.Duration.ofSeconds(20);

    static volatile OpenAiStub stub;

    @Override
    public Map<String, String> start() {
        stub = new OpenAiStub();
        return Map.of(
                "hotfire.llm.enabled", "true",
                "hotfire.llm.base-url", stub.baseUrl(),
                "hotfire.llm.model", "gpt-4o-mini",
                "hotfire.llm.timeout", OpenAiStubResource.DEADLINE.toSeconds() + "s",
                "hotfire.llm.max-concurrent", "2",
                "hotfire.llm.max-queued", "2",
                "quarkus.langchain4j.openai.api-key", "test-key-not-a-secret");
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
