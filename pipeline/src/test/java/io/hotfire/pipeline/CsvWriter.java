package io.hotfire.pipeline;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes frames as an ICD-format CSV ({@code t,<sensor ids>}), empty cells for NaN. */
public final class CsvWriter {

    private CsvWriter() {
    }

    public static Path write(EngineProfile profile, List<Frame> frames, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("t");
        for (String id : profile.sensorIds()) {
            sb.append(',').append(id);
        }
        sb.append('\n');
        for (Frame f : frames) {
            sb.append(String.format(java.util.Locale.ROOT, "%.2f", f.t()));
            for (double v : f.values()) {
                sb.append(',');
                if (!Double.isNaN(v)) {
                    sb.append(String.format(java.util.Locale.ROOT, "%.5g", v));
                }
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
        return file;
    }
}
