package io.hotfire.app.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.app.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A small JSON object body read strictly (duplicate keys, trailing content and unknown members are
 * 400s naming the field), for the action endpoints. An absent body counts as {@code {}}.
 */
public final class JsonBody {

    /** Action bodies are a few fields of text. */
    public static final long MAX_BYTES = 16_384;

    private static final ObjectReader STRICT = JsonMapper.builder().build().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode root;

    private JsonBody(ObjectNode root) {
        this.root = root;
    }

    public static JsonBody read(InputStream body, String contentLength, Set<String> members) {
        ObjectNode root;
        if (body == null) {
            root = JsonNodeFactory.instance.objectNode();
        } else {
            try (InputStream in = BoundedBody.of(body, contentLength, MAX_BYTES)) {
                byte[] bytes = in.readAllBytes();
                if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                    root = JsonNodeFactory.instance.objectNode();
                } else {
                    JsonNode tree = STRICT.readTree(bytes);
                    if (tree == null || !tree.isObject()) {
                        throw invalid("body", "the body must be a JSON object");
                    }
                    root = (ObjectNode) tree;
                }
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                throw ProblemException.badRequest("malformed-json", "Malformed JSON", e.getOriginalMessage())
                        .with("field", "body")
                        .with("line", at == null ? null : at.getLineNr())
                        .with("column", at == null ? null : at.getColumnNr());
            } catch (IOException e) {
                throw ProblemException.badRequest("unreadable-body", "Unreadable body", "the body could not be read: " + e.getMessage())
                        .with("field", "body");
            }
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!members.contains(name)) {
                throw invalid(name, "unknown member '" + name + "'; this body has " + members.stream().sorted().toList());
            }
        }
        return new JsonBody(root);
    }

    /** A string member of 1 to {@code max} characters (trimmed), or null when absent or JSON null (unless required). */
    public String text(String name, boolean required, int max) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw invalid(name, name + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(name, name + " must be a string");
        }
        String s = v.textValue().trim();
        if (s.isEmpty() || s.length() > max) {
            throw invalid(name, name + " must be 1 to " + max + " characters");
        }
        return s;
    }

    /** Whether the member is present (JSON null included). */
    public boolean has(String name) {
        return root.has(name);
    }

    /** An array of strings (required). */
    public List<String> strings(String name) {
        JsonNode v = root.get(name);
        if (v == null || !v.isArray()) {
            throw invalid(name, name + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw invalid(name + "[" + i + "]", name + "[" + i + "] must be a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /** A required array of whole numbers (ids). */
    public List<Long> longs(String name) {
        JsonNode v = root.get(name);
        if (v == null || !v.isArray()) {
            throw invalid(name, name + " must be an array of numbers");
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).canConvertToExactIntegral() || !v.get(i).canConvertToLong()) {
                throw invalid(name + "[" + i + "]", name + "[" + i + "] must be a whole number, found " + v.get(i));
            }
            out.add(v.get(i).longValue());
        }
        return out;
    }

    /** A finite number member, or null when absent or JSON null. */
    public Double number(String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw invalid(name, name + " must be a finite number");
        }
        return v.doubleValue();
    }

    public static ProblemException invalid(String field, String detail) {
        return ProblemException.badRequest("invalid-body", "Invalid body", detail).with("field", field);
    }
}
