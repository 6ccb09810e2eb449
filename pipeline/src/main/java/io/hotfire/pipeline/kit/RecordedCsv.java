package io.hotfire.pipeline.kit;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.kit.DomainInit.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the recorded runs {@code hotfire domain init} drafts from: the CSV header, the columns as numbers, the frames. */
final class RecordedCsv {

    private RecordedCsv() {
    }

    static String[] header(Path file) {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    String[] h = line.replace("\uFEFF", "").split(",");
                    for (int i = 0; i < h.length; i++) {
                        h[i] = h[i].trim().replace("\"", "");
                    }
                    return h;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
        throw new IllegalArgumentException(file + ": empty file");
    }

    /** Column 0 = time, then one column per channel. */
    static double[][] read(Path file, String[] header, int timeCol, List<Channel> channels) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            idx.put(header[i], i);
        }
        List<double[]> rows = new ArrayList<>();
        boolean first = true;
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (first) {
                first = false;
                continue;
            }
            String[] cells = line.split(",", -1);
            double[] row = new double[channels.size() + 1];
            try {
                row[0] = Double.parseDouble(cells[timeCol].trim());
                for (int c = 0; c < channels.size(); c++) {
                    Integer i = idx.get(channels.get(c).column());
                    String cell = i == null || i >= cells.length ? "" : cells[i].trim();
                    row[c + 1] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": line " + lineNo + ": not a number (" + e.getMessage() + ")");
            }
            rows.add(row);
        }
        double[][] cols = new double[channels.size() + 1][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols.length; c++) {
                cols[c][r] = rows.get(r)[c];
            }
        }
        return cols;
    }

    static List<Frame> frames(EngineProfile p, Path file) {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new CsvFrameReader(p).read(r, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read", e);
        }
    }
}
