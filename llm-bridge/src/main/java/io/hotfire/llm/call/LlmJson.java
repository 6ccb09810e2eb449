package io.hotfire.llm.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the JSON object a model was asked for. Tolerates a Markdown code fence around it (many
 * OpenAI-compatible servers add one) and nothing else: prose before or after, a truncated
 * object, or a missing field is "malformed", with a problem text the retry prompt can quote.
 */
public final class LlmJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    /** The parsed object, or the problem that kept it from parsing. */
    public record Parsed(JsonNode node, String problem) {
        public boolean ok() {
            return node != null;
        }
    }

    private LlmJson() {
    }

    /**
     * Parses {@code answer} as JSON, unwrapping a Markdown code fence: a problem, or the node (any
     * JSON value, possibly null) for the caller to check.
     */
    private static Parsed json(String answer) {
        if (answer == null || answer.isBlank()) {
            return new Parsed(null, "the answer was empty");
        }
        String s = answer.strip();
        if (s.startsWith("```")) {
            int nl = s.indexOf('\n');
            int end = s.lastIndexOf("```");
            if (nl < 0 || end <= nl) {
                return new Parsed(null, "the answer opened a code fence and never closed it");
            }
            s = s.substring(nl + 1, end).strip();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(s);
        } catch (JsonProcessingException e) {
            return new Parsed(null, "the answer is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        return new Parsed(node, null);
    }

    /** Parses {@code answer} as one JSON object that has the array field {@code listField}. */
    public static Parsed objectWithList(String answer, String listField) {
        Parsed json = json(answer);
        if (json.problem() != null) {
            return json;
        }
        JsonNode node = json.node();
        if (node == null || !node.isObject()) {
            return new Parsed(null, "the answer must be one JSON object, got " + (node == null ? "nothing" : node.getNodeType()));
        }
        JsonNode list = node.get(listField);
        if (list == null || !list.isArray()) {
            return new Parsed(null, "the JSON object must have an array field \"" + listField + "\"");
        }
        return new Parsed(node, null);
    }

    /** Parses {@code answer} as one JSON object with the given text fields. */
    public static Parsed objectWithTexts(String answer, String... fields) {
        Parsed json = json(answer);
        if (json.problem() != null) {
            return json;
        }
        JsonNode node = json.node();
        if (node == null || !node.isObject()) {
            return new Parsed(null, "the answer must be one JSON object");
        }
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v == null || !v.isTextual()) {
                return new Parsed(null, "the JSON object must have a text field \"" + f + "\"");
            }
        }
        return new Parsed(node, null);
    }
}
