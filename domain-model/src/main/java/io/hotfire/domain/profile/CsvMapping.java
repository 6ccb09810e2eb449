package io.hotfire.domain.profile;

import java.util.List;
import java.util.Map;

/**
 * How a domain's recorded CSV files map onto the profile, so real files load as they are
 * ({@code csv:} in profile.yaml; every key optional).
 *
 * @param timeColumn  name of the run-time column ({@code t} by default; e.g. {@code TIME})
 * @param timeScale   seconds per unit of the time column (1 for seconds, 0.001 for milliseconds)
 * @param columns     file column name → sensor id, for columns whose name differs from the sensor id
 * @param scale       sensor id → factor a cell is multiplied by to get the profile's unit (e.g. 0.001 for kPa → MPa)
 * @param ignore      file columns to skip (otherwise an unknown column is an error)
 */
public record CsvMapping(String timeColumn, double timeScale, Map<String, String> columns, Map<String, Double> scale,
                         List<String> ignore) {

    /** The ICD format: {@code t} in seconds, columns named as the sensors. */
    public static final CsvMapping DEFAULT = new CsvMapping("t", 1.0, Map.of(), Map.of(), List.of());

    public CsvMapping {
        columns = Map.copyOf(columns);
        scale = Map.copyOf(scale);
        ignore = List.copyOf(ignore);
    }

    /** The sensor id a file column stands for (the column name itself unless mapped). */
    public String sensorOf(String column) {
        return columns.getOrDefault(column, column);
    }

    /** Factor applied to a sensor's cells (1 unless given). */
    public double scaleOf(String sensorId) {
        Double f = scale.get(sensorId);
        return f == null ? 1.0 : f;
    }
}
