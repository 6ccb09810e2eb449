package io.hotfire.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A CSV file as written by the simulator: header row, then numbers; an empty cell is NaN. */
public record CsvTable(List<String> header, List<double[]> rows) {

    public static CsvTable read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (cells.length != header.size()) {
                throw new IllegalStateException(file + ": line " + (i + 1) + " has " + cells.length + " cells");
            }
            double[] v = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                v[c] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
            }
            rows.add(v);
        }
        return new CsvTable(header, rows);
    }

    public int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(name);
        }
        return i;
    }

    /** Values of a column where t lies in [t0, t1). */
    public double[] column(String name, double t0, double t1) {
        int c = column(name);
        return rows.stream().filter(r -> r[0] >= t0 && r[0] < t1).mapToDouble(r -> r[c]).toArray();
    }

    public static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    public static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
