package io.hotfire.learned.train;

import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.CsvFormatException;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.learned.data.LearnedDataException;
import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.feature.FeatureExtractor;
import io.hotfire.learned.feature.FeatureSpec;
import io.hotfire.learned.gate.UnitBaseline;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the {@link Trainer} learns from: the labelled runs read once into the features of their
 * windows in the spec's phase, and the views of them a run-time gate session would see (relative to
 * the run's unit baseline; without a failed sensor's features from its labelled onset).
 */
final class TrainingWindows {

    private TrainingWindows() {
    }

    /** The features of one window, extracted once. */
    record Window(double tEnd, double theta, double[] gate, double[] classifier, String label) {
    }

    /** The windows (in the spec's phase) of one run. */
    record RunWindows(LabelledRun label, List<Window> windows) {
    }

    /** Mean of each gate feature over the run's first {@code n} windows (NaN: missing in all of them). */
    static double[] runBaseline(RunWindows rw, int n, int width) {
        double[] sum = new double[width];
        int[] count = new int[width];
        for (int i = 0; i < Math.min(n, rw.windows().size()); i++) {
            double[] x = rw.windows().get(i).gate();
            for (int j = 0; j < width; j++) {
                if (!Double.isNaN(x[j])) {
                    sum[j] += x[j];
                    count[j]++;
                }
            }
        }
        double[] out = new double[width];
        for (int j = 0; j < width; j++) {
            out[j] = count[j] == 0 ? Double.NaN : sum[j] / count[j];
        }
        return out;
    }

    /** Each window with the gate features of the run's failed sensors (sensor faults at or after their onset) missing. */
    static List<RunWindows> withoutFailedSensors(List<RunWindows> runs, List<Feature> features) {
        List<RunWindows> out = new ArrayList<>(runs.size());
        for (RunWindows rw : runs) {
            List<Window> ws = new ArrayList<>(rw.windows().size());
            for (Window w : rw.windows()) {
                Set<String> failed = new HashSet<>();
                for (LabelledRun.Fault f : rw.label().faults()) {
                    if (f.sensorFault() && f.sensor() != null && f.onset() <= w.tEnd()) {
                        failed.add(f.sensor());
                    }
                }
                double[] g = w.gate();
                if (!failed.isEmpty()) {
                    g = g.clone();
                    for (int j = 0; j < g.length; j++) {
                        if (failed.contains(features.get(j).group())) {
                            g[j] = Double.NaN;
                        }
                    }
                }
                ws.add(new Window(w.tEnd(), w.theta(), g, w.classifier(), w.label()));
            }
            out.add(new RunWindows(rw.label(), ws));
        }
        return out;
    }

    /** The runs' gate features as a session sees them: relative to each run's own (bounded) unit baseline. */
    static List<RunWindows> relativeToUnit(List<RunWindows> runs, UnitBaseline baseline) {
        List<RunWindows> out = new ArrayList<>(runs.size());
        for (RunWindows rw : runs) {
            UnitBaseline.State unit = baseline.start();
            List<Window> ws = new ArrayList<>(rw.windows().size());
            for (Window w : rw.windows()) {
                ws.add(new Window(w.tEnd(), w.theta(), unit.apply(w.gate()), w.classifier(), w.label()));
            }
            out.add(new RunWindows(rw.label(), ws));
        }
        return out;
    }

    /** Windows in the spec's phase of each run, in label order (runs are read in parallel). */
    static List<RunWindows> windows(EngineProfile profile, FeatureSpec spec, Path dir, List<LabelledRun> runs,
                                    FeatureExtractor gateFx) {
        FeatureExtractor clFx = new FeatureExtractor(spec.classifier().features());
        boolean op = spec.classifier().operatingPoint();
        return runs.parallelStream().map(r -> {
            List<Frame> frames = read(profile, dir, r);
            WindowBuilder wb = new WindowBuilder(profile);
            List<Window> out = new ArrayList<>();
            for (Frame f : frames) {
                WindowSnapshot s = wb.add(f);
                if (s == null || s.phase() != spec.phase()) {
                    continue;
                }
                double[] cl = clFx.extract(s);
                if (op) {
                    cl = Arrays.copyOf(cl, cl.length + 1);
                    cl[cl.length - 1] = s.theta();
                }
                out.add(new Window(s.tEnd(), s.theta(), gateFx.extract(s), cl, r.windowClass(s.tEnd(), spec.classifier()::abstentionClassOf)));
            }
            return new RunWindows(r, out);
        }).toList();
    }

    private static List<Frame> read(EngineProfile profile, Path dir, LabelledRun r) {
        Path csv = dir.resolve(r.file());
        try (Reader in = Files.newBufferedReader(csv)) {
            return new CsvFrameReader(profile).read(in, 0);
        } catch (IOException | UncheckedIOException e) {
            throw new LearnedDataException(dir.resolve("labels.jsonl").toString(), "run " + r.run() + ": file",
                    r.file() + " cannot be read: " + e.getMessage(), e);
        } catch (CsvFormatException e) {
            throw new LearnedDataException(csv.toString(), "(csv)", e.getMessage(), e);
        }
    }
}
