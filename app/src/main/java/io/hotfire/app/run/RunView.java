package io.hotfire.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A run as the API shows it.
 *
 * @param channels   the engine's sensor ids, in the order its frames are stored
 * @param frameCount frames stored so far
 * @param lastSeq    highest stored seq, or null before the first frame
 * @param lastT      run time of that frame
 * @param unit       serial of the engine unit, or null: unit unknown
 * @param stand      test stand, or null
 * @param endedAt    when the run was ended, or null while in progress
 */
public record RunView(
        UUID id,
        String engine,
        String testId,
        JsonNode metadata,
        Instant createdAt,
        List<String> channels,
        long frameCount,
        Long lastSeq,
        Double lastT,
        String unit,
        String stand,
        Instant endedAt) {
}
