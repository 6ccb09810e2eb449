package io.hotfire.app.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 7807 problem document: every error the API returns has this shape, sent as
 * {@code application/problem+json}. Extension members name what was wrong: {@code field}
 * (a JSON path or parameter), {@code line}/{@code column} (a body position), {@code sensor},
 * {@code engine}, {@code seq}.
 */
@Schema(name = "Problem", description = "RFC 7807 problem details; extension members such as field, line, column, sensor, seq name what was wrong.")
@JsonPropertyOrder({"type", "title", "status", "detail"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:hotfire:problem:";

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    /**
     * @param slug   short problem kind, becomes the type URI {@code urn:hotfire:problem:<slug>}
     * @param title  summary of the kind, the same for every occurrence
     * @param status HTTP status
     * @param detail this occurrence, for people
     */
    public Problem(String slug, String title, int status, String detail) {
        this.type = TYPE_PREFIX + slug;
        this.title = title;
        this.status = status;
        this.detail = detail;
    }

    /** Adds an extension member (ignored when {@code value} is null). */
    public Problem with(String name, Object value) {
        if (value != null) {
            extensions.put(name, value);
        }
        return this;
    }

    @Schema(example = "urn:hotfire:problem:unknown-sensor")
    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    @JsonAnyGetter
    public Map<String, Object> extensions() {
        return Collections.unmodifiableMap(extensions);
    }

    @Override
    public String toString() {
        return status + " " + type + ": " + detail + (extensions.isEmpty() ? "" : " " + extensions);
    }
}
