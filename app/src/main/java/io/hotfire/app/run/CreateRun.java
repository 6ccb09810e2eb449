package io.hotfire.app.run;

import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/runs}; documents the schema (the body is parsed strictly by hand). */
@Schema(name = "CreateRun")
public record CreateRun(
        @Schema(required = true, description = "engine domain id", example = "gg1") String engine,
        @Schema(description = "test-stand test id, at most 200 characters", example = "HF-042") String testId,
        @Schema(description = "serial of the engine unit fired; left out: reported as unit unknown", example = "SN-101") String unit,
        @Schema(description = "test stand", example = "A-1") String stand,
        @Schema(description = "free JSON object stored with the run") Map<String, Object> metadata) {
}
