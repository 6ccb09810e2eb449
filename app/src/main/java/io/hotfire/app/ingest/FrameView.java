package io.hotfire.app.ingest;

import java.util.List;
import java.util.Map;

/**
 * A stored frame as the API shows it.
 *
 * @param values every channel's reading; null where there was none (empty cell, NaN, missing)
 * @param dead   channels whose reading was empty, NaN or outside the sensor span when ingested
 */
public record FrameView(long seq, double t, Map<String, Double> values, List<String> dead) {
}
