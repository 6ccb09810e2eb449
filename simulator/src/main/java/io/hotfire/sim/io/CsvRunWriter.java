package io.hotfire.sim.io;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.twin.Precision;
import io.hotfire.sim.twin.SimulatedRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run in the ICD CSV format: header {@code t,<sensor ids in profile order>}, one row per
 * sample, each number with its sensor's fixed decimals, an empty cell for a dead (NaN) reading,
 * '\n' line ends. Formatting is done by hand so the bytes never depend on the locale.
 */
public final class CsvRunWriter {

    private final EngineProfile profile;
    private final int[] decimals;
    private final int timeDecimals;

    public CsvRunWriter(EngineProfile profile, int[] decimals) {
        this.profile = profile;
        this.decimals = decimals.clone();
        this.timeDecimals = Precision.timeDecimals(profile.sampleRateHz());
    }

    /** Writes the file and returns its size in bytes. */
    public long write(SimulatedRun run, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            write(run, w);
        }
        return Files.size(file);
    }

    public void write(SimulatedRun run, Writer w) throws IOException {
        StringBuilder sb = new StringBuilder(512);
        sb.append('t');
        for (String id : profile.sensorIds()) {
            sb.append(',').append(id);
        }
        sb.append('\n');
        w.append(sb);
        for (Frame f : run.frames()) {
            sb.setLength(0);
            appendFixed(sb, f.t(), timeDecimals);
            double[] v = f.values();
            for (int i = 0; i < v.length; i++) {
                sb.append(',');
                if (!Double.isNaN(v[i])) {
                    appendFixed(sb, v[i], decimals[i]);
                }
            }
            sb.append('\n');
            w.append(sb);
        }
    }

    /** Appends v with exactly {@code decimals} decimals, no exponent, no "-0". */
    public static void appendFixed(StringBuilder sb, double v, int decimals) {
        long scaled = Math.round(v * Precision.pow10(decimals));
        if (scaled < 0) {
            sb.append('-');
            scaled = -scaled;
        }
        long pow = (long) Precision.pow10(decimals);
        long whole = scaled / pow;
        long frac = scaled % pow;
        sb.append(whole);
        if (decimals > 0) {
            sb.append('.');
            String fs = Long.toString(frac);
            for (int i = fs.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(fs);
        }
    }
}
