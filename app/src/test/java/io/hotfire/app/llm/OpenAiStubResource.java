package io.hotfire.app.llm;

import io.hotfire.llm.support.OpenAiStub;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the local OpenAI-compatible stub before the application and points the LLM bridge at it
 * (enabled, a generous 20 s deadline so that no test races the wall clock on a loaded machine; tests
 * of the deadline use answers held until released).
 */
public class OpenAiStubResource implements QuarkusTestResourceLifecycleManager {

    static volatile OpenAiStub stub;

    @Override
    public Map<String, String> start() {
        stub = new OpenAiStub();
        return Map.of(
                "hotfire.llm.enabled", "true",
                "hotfire.llm.base-url", stub.baseUrl(),
                "hotfire.llm.model", "gpt-4o-mini",
                "hotfire.llm.timeout", "20s",
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
