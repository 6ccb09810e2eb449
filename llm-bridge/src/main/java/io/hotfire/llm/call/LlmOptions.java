package io.hotfire.llm.call;

import java.util.Objects;

/**
 * How the bridge talks to a chat model.
 *
 * @param modelLabel         names the model in records when the provider's answer does not (e.g. {@code openai:gpt-4o-mini})
 * @param jsonResponseFormat ask the provider for a JSON object ({@code response_format: json_object}); switch off for
 *                           OpenAI-compatible servers that reject it — the prompts ask for JSON either way
 */
public record LlmOptions(String modelLabel, boolean jsonResponseFormat) {

    public LlmOptions {
        Objects.requireNonNull(modelLabel, "modelLabel");
    }

    public static LlmOptions of(String modelLabel) {
        return new LlmOptions(modelLabel, true);
    }
}
