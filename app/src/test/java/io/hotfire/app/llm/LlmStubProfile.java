package io.hotfire.app.llm;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The application with the LLM enabled against the local stub ({@link OpenAiStubResource}). */
public class LlmStubProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(OpenAiStubResource.class));
    }
}
