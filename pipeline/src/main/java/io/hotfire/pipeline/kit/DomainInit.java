package io.hotfire.pipeline.kit;

import io.hotfire.domain.feature.SensorHealth;
import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.ProfileLoader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.eval.RunLabel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drafts a domain folder from recorded runs ({@code hotfire domain init}): channels from the CSV
 * header (units where the header gives them as {@code NAME [unit]} or {@code NAME (unit)}), the
 * sample rate from the time column, nominal values, noise, spans and deviation bands from the
 * normal runs, windows and persistence scaled to the run length and rate, and sensor-validation
 * settings (spike size, frozen time) raised until no normal run disqualifies a sensor. Limits are
 * never invented: redlines are safety knowledge the author adds.
 */
public final class DomainInit {

    private static final Pattern UNIT = Pattern.compile("^(.*?)\\s*[\\[(]([^\\])]+)[\\])]\\s*$");
    private static final List<String> TIME_NAMES = List.of("t", "time", "timestamp", "time_s", "seconds");

    /** What was drafted: the two files' text and the figures they rest on, for the summary. */
    public record Draft(String id, String profileYaml, String learnedYaml, String readme, List<String> notes,
                        String templateCsv) {
    }

    /** File name of the nominal cycle beside the profile. */
    public static final String TEMPLATE_FILE = "nominal-cycle.csv";

    /** A recorded column and the channel it becomes: id and unit. */
    record Channel(String column, String id, String unit) {
    }

    private DomainInit() {
    }

    /**
     * @param id     the new domain's id
     * @param data   folder the label file's {@code file} paths are relative to
     * @param labels the runs (labels.jsonl format); a run without faults is normal
     */
    public static Draft draft(String id, Path data, List<RunLabel> labels) {
        if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException("--id must be lower-case letters, digits, '-' or '_', got '" + id + "'");
        }
        List<RunLabel> normal = labels.stream().filter(RunLabel::nominal).toList();
        if (normal.isEmpty()) {
            throw new IllegalArgumentException("the labels name no normal run (a run with no faults): bands and nominal values come from them");
        }
        List<String> notes = new ArrayList<>();
        String[] header = RecordedCsv.header(data.resolve(normal.get(0).file()));
        int timeCol = -1;
        for (int i = 0; i < header.length && timeCol < 0; i++) {
            if (TIME_NAMES.contains(header[i].toLowerCase(Locale.ROOT))) {
                timeCol = i;
            }
        }
        if (timeCol < 0) {
            throw new IllegalArgumentException(normal.get(0).file() + ": no time column (one of " + TIME_NAMES
                    + ", any case) in the header " + Arrays.toString(header));
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (i == timeCol || header[i].equalsIgnoreCase("seq")) {
                continue;
            }
            Matcher m = UNIT.matcher(header[i]);
            String name = m.matches() ? m.group(1) : header[i];
            String unit = m.matches() ? m.group(2).trim() : "";
            String sid = name.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
            channels.add(new Channel(header[i], sid, unit));
        }
        // Every run's raw columns, normal runs first for the statistics.
        List<double[][]> normalRuns = new ArrayList<>();
        double[] durations = new double[normal.size()];
        List<Double> dts = new ArrayList<>();
        for (int r = 0; r < normal.size(); r++) {
            double[][] cols = RecordedCsv.read(data.resolve(normal.get(r).file()), header, timeCol, channels);
            normalRuns.add(cols);
            double[] t = cols[0];
            durations[r] = t[t.length - 1] - t[0];
            for (int i = 1; i < t.length; i++) {
                dts.add(t[i] - t[i - 1]);
            }
        }
        double dt = median(dts.stream().mapToDouble(Double::doubleValue).toArray());
        if (!(dt > 0)) {
            throw new IllegalArgumentException("the time column does not increase: cannot tell the sample rate");
        }
        double rate = round3(1.0 / dt);
        double runSeconds = median(durations);
        notes.add(String.format(Locale.ROOT, "%d channels, %.4g Hz, normal runs %.3g s long (median) — %d normal runs of %d",
                channels.size(), rate, runSeconds, normal.size(), labels.size()));

        // Windows: 0.5 s on long runs, 1/24 of the run on short ones (≥ 10 samples); a new one every fifth.
        double windowSeconds = Math.min(0.5, runSeconds / 24);
        int size = Math.max(10, (int) Math.round(windowSeconds * rate));
        int step = Math.max(1, size / 5);
        double stepSeconds = step / rate;
        // Time constants scaled to the run: never more than the long-run defaults.
        double settle = Math.min(1.5, runSeconds / 12);
        // 1/8 of the run: shorter (1/40 was tried on PHM 2023) calls an unseen unit of the machine an unknown anomaly.
        double unknownAfter = Math.min(3.0, Math.max(3 * stepSeconds, runSeconds / 8));
        double alarmClear = Math.min(1.0, runSeconds / 12);
        double spikeMemory = Math.min(5.0, runSeconds / 2);
        int windowsPerRun = (int) Math.max(1, (runSeconds * rate - size) / step + 1);
        int gatePersistence = (int) Math.max(2, Math.min(5, Math.round(windowsPerRun * 0.03)));

        // Per-channel statistics over normal runs.
        int n = channels.size();
        double[] nominal = new double[n];
        double[] noise = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int c = 0; c < n; c++) {
            List<Double> all = new ArrayList<>();
            List<Double> diffs = new ArrayList<>();
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double[][] cols : normalRuns) {
                double[] x = cols[c + 1];
                for (int i = 0; i < x.length; i++) {
                    if (Double.isNaN(x[i])) {
                        continue;
                    }
                    all.add(x[i]);
                    min = Math.min(min, x[i]);
                    max = Math.max(max, x[i]);
                    if (i > 0 && !Double.isNaN(x[i - 1])) {
                        diffs.add(Math.abs(x[i] - x[i - 1]));
                    }
                }
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("channel " + channels.get(c).column() + " has no number in any normal run");
            }
            nominal[c] = median(all.stream().mapToDouble(Double::doubleValue).toArray());
            // σ of a Gaussian channel from its successive differences: median |Δ| = 0.954 σ.
            noise[c] = median(diffs.stream().mapToDouble(Double::doubleValue).toArray()) / 0.954;
            // Wide spans: a value outside the span reads as a dead sensor, and faults move channels.
            double width = Math.max(max - min, Math.abs(nominal[c]) * 0.5 + 1e-6);
            lo[c] = min - 3 * width;
            hi[c] = max + 3 * width;
            if (min >= 0 && lo[c] < 0) {
                lo[c] = 0; // a channel that never went negative keeps 0 as its floor (a pressure, a speed)
            }
        }
        // Runs that repeat one cycle (short, all of one length): the nominal cycle is the sample-by-sample
        // mean of the normal runs, and every channel is judged against it (template residuals).
        double minDur = Arrays.stream(durations).min().orElse(0);
        double maxDur = Arrays.stream(durations).max().orElse(0);
        String templateCsv = null;
        if (runSeconds <= 60 && maxDur - minDur <= 0.02 * runSeconds + 2 * dt) {
            templateCsv = DraftText.template(normalRuns, channels, rate);
            notes.add("normal runs repeat one " + DraftText.num(runSeconds) + " s cycle: expected values follow the nominal cycle ("
                    + TEMPLATE_FILE + ", mean of the normal runs sample by sample)");
        }
        Path work;
        try {
            work = Files.createTempDirectory("hotfire-init");
            if (templateCsv != null) {
                Files.writeString(work.resolve(TEMPLATE_FILE), templateCsv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a working folder", e);
        }
        String tplKey = templateCsv == null ? null : TEMPLATE_FILE;
        String profileYaml = DraftText.profileYaml(id, rate, size, step, settle, unknownAfter, alarmClear, spikeMemory, channels,
                nominal, noise, lo, hi, header[timeCol], 8, 0.5, new double[n], tplKey);
        // Bands and sensor validation from replaying the normal runs through the draft.
        String draftName = work.resolve("profile.yaml").toString();
        EngineProfile draft = ProfileLoader.parse(draftName, profileYaml.getBytes(StandardCharsets.UTF_8));
        double spikeSigma = 8;
        double frozen = Math.min(0.5, runSeconds / 6);
        double[] band = new double[n];
        List<List<Double>> residuals = new ArrayList<>();
        for (int round = 0; round < 8; round++) {
            residuals.clear();
            for (int c = 0; c < n; c++) {
                residuals.add(new ArrayList<>());
            }
            int spiky = 0;
            double frozenMax = 0;
            for (RunLabel l : normal) {
                List<Frame> frames = RecordedCsv.frames(draft, data.resolve(l.file()));
                WindowBuilder b = new WindowBuilder(draft);
                for (Frame f : frames) {
                    WindowSnapshot w = b.add(f);
                    if (w == null) {
                        continue;
                    }
                    for (int c = 0; c < n; c++) {
                        double dev = w.channels().get(c).mean() - w.channels().get(c).expected();
                        if (!Double.isNaN(dev)) {
                            residuals.get(c).add(Math.abs(dev));
                        }
                    }
                    for (SensorHealth h : w.health()) {
                        if (h.spikes() >= draft.validation().spikesToDisqualify()) {
                            spiky++;
                        }
                        frozenMax = Math.max(frozenMax, h.frozenSeconds());
                    }
                }
            }
            // Band: the 99th percentile of |window mean − expected| over the normal runs × 1.2. A normal
            // window beyond it is rare, and symptoms must persist (symptoms.persistenceWindows) to count.
            for (int c = 0; c < n; c++) {
                double[] r = residuals.get(c).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                band[c] = r.length == 0 ? 0 : r[Math.min(r.length - 1, (int) Math.floor(0.99 * r.length))];
            }
            boolean done = spiky == 0 && frozenMax < frozen;
            if (done && round > 0) {
                // A margin for runs not seen here (another unit of the machine): one more doubling.
                spikeSigma *= 2;
            }
            if (frozenMax >= frozen) {
                frozen = round3(Math.max(frozen, frozenMax * 1.5));
            }
            if (spiky > 0) {
                spikeSigma *= 2;
            }
            profileYaml = DraftText.profileYaml(id, rate, size, step, settle, unknownAfter, alarmClear, spikeMemory, channels,
                    nominal, noise, lo, hi, header[timeCol], spikeSigma, frozen, band, tplKey);
            draft = ProfileLoader.parse(draftName, profileYaml.getBytes(StandardCharsets.UTF_8));
            if (done) {
                break;
            }
        }
        notes.add(String.format(Locale.ROOT, "windows of %d samples (%.3g s), a new one every %d; spikeSigma %.3g and"
                + " frozenSeconds %.3g leave every sensor of every normal run qualified", size, size / rate, step, spikeSigma, frozen));
        String learned = DraftText.learnedYaml(channels, gatePersistence, Math.max(3, windowsPerRun / 20));
        String readme = "# " + id + "\n\nDrafted by `hotfire domain init` from " + labels.size() + " labelled runs ("
                + normal.size() + " normal). " + notes.get(0) + ".\n\nTo do by hand: units where the header gave none,"
                + " limits (warnings and redlines are safety knowledge, never drafted), redundancy, derived quantities,"
                + " fault-isolation rules in `rules/`, rule tests in `tests/`. Guide: docs/adding-a-domain.md.\n";
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
            Files.delete(work);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
        return new Draft(id, profileYaml, learned, readme, notes, templateCsv);
    }

    /** Writes the draft into {@code root/<id>/}; refuses to overwrite an existing profile. */
    public static Path write(Draft d, Path root) {
        Path dir = root.resolve(d.id());
        if (Files.exists(dir.resolve("profile.yaml"))) {
            throw new IllegalArgumentException(dir.resolve("profile.yaml") + " exists: choose another --id or --out");
        }
        try {
            Files.createDirectories(dir.resolve("rules"));
            Files.createDirectories(dir.resolve("tests"));
            Files.writeString(dir.resolve("profile.yaml"), d.profileYaml());
            Files.writeString(dir.resolve("learned.yaml"), d.learnedYaml());
            Files.writeString(dir.resolve("README.md"), d.readme());
            if (d.templateCsv() != null) {
                Files.writeString(dir.resolve(TEMPLATE_FILE), d.templateCsv());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir, e);
        }
        return dir;
    }

    static double median(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round3(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3g", v));
    }
}
