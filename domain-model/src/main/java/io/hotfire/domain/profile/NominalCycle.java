package io.hotfire.domain.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The nominal cycle of a machine whose normal runs repeat the same transient (a valve sequence, a
 * start-up): per sensor, the expected value at each time since the run started, from a CSV
 * ({@code t} in seconds since the start, then sensor columns; profile key {@code template}).
 * With it a channel's expected value, deviation, spread and slope are measured against the
 * template at the same point of the cycle rather than a constant nominal: template residuals.
 * Sensors without a column keep {@code nominal × θ^k}. Immutable.
 */
public final class NominalCycle {

    private final String file;
    private final double[] times;
    private final Map<String, double[]> values;

    public NominalCycle(String file, double[] times, Map<String, double[]> values) {
        this.file = file;
        this.times = times.clone();
        this.values = Map.copyOf(values);
    }

    public String file() {
        return file;
    }

    public boolean covers(String sensor) {
        return values.containsKey(sensor);
    }

    public double duration() {
        return times.length == 0 ? 0 : times[times.length - 1];
    }

    /** The template value of a sensor at {@code tRel} s since the run started (nearest earlier point; held after the end). */
    public double value(String sensor, double tRel) {
        double[] v = values.get(sensor);
        if (v == null || Double.isNaN(tRel)) {
            return Double.NaN;
        }
        int i = Arrays.binarySearch(times, tRel + 1e-9);
        int idx = i >= 0 ? i : Math.max(0, -i - 2);
        return v[Math.min(idx, v.length - 1)];
    }

    /** Parses the template CSV; every problem names the file and the line. */
    static NominalCycle parse(String file, String text, java.util.Set<String> sensors) {
        String[] lines = text.replace("\r", "").split("\n");
        String[] header = null;
        List<double[]> rows = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header == null) {
                header = cells;
                if (!header[0].strip().equals("t")) {
                    throw new ProfileException(file, "line " + (n + 1), "the first column must be t (seconds since the run started)");
                }
                for (int c = 1; c < header.length; c++) {
                    header[c] = header[c].strip();
                    if (!sensors.contains(header[c])) {
                        throw new ProfileException(file, "line " + (n + 1), "unknown sensor '" + header[c] + "'");
                    }
                }
                continue;
            }
            if (cells.length != header.length) {
                throw new ProfileException(file, "line " + (n + 1), "expected " + header.length + " cells, found " + cells.length);
            }
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                try {
                    row[c] = Double.parseDouble(cells[c].strip());
                } catch (NumberFormatException e) {
                    throw new ProfileException(file, "line " + (n + 1), "'" + cells[c] + "' is not a number");
                }
            }
            if (!rows.isEmpty() && row[0] <= rows.get(rows.size() - 1)[0]) {
                throw new ProfileException(file, "line " + (n + 1), "t must increase");
            }
            rows.add(row);
        }
        if (header == null || rows.isEmpty()) {
            throw new ProfileException(file, "(file)", "holds no template rows");
        }
        double[] t = new double[rows.size()];
        Map<String, double[]> v = new java.util.LinkedHashMap<>();
        for (int c = 1; c < header.length; c++) {
            v.put(header[c], new double[rows.size()]);
        }
        for (int r = 0; r < rows.size(); r++) {
            t[r] = rows.get(r)[0];
            for (int c = 1; c < header.length; c++) {
                v.get(header[c])[r] = rows.get(r)[c];
            }
        }
        return new NominalCycle(file, t, v);
    }
}
