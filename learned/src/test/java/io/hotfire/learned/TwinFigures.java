package io.hotfire.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.learned.classify.Prediction;
import io.hotfire.learned.gate.GateResult;
import io.hotfire.learned.gate.GateSession;
import io.hotfire.learned.train.LabelledRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures of a trained model on one split of a twin-generated folder (learned/README.md,
 * "Figures"): the gate's false-OOD rate on in-distribution windows against α, how many shifted
 * runs it flags within 2 s of their shift, and the classifier's window accuracy in and out of
 * distribution. The shift time of a run is read from the simulator's label fields (knobs,
 * throttle steps, fault onsets): the start of mainstage for a shifted inlet condition or engine
 * unit, the first sample outside 70-100 % for deep throttle / uprate, the onset of a held-out or
 * novel fault, the onset of the second fault of a compound (a slow valve counts from the command
 * change that reveals it).
 *
 * <p>{@code java -cp ... io.hotfire.learned.TwinFigures MODEL.json DIR [SPLIT] [--runs]}
 */
public final class TwinFigures {

    /** Figures of one evaluation. */
    public record Figures(int inWindows, double falseOodWindow, double falseOodPersisted, int shiftedRuns,
                          int flaggedWithin2s, Map<String, int[]> byKnob, double accuracyIn, int accuracyInWindows,
                          double accuracyOod, int accuracyOodWindows, Map<String, double[]> accuracyByKnob,
                          List<String> runLines) {
    }

    private TwinFigures() {
    }

    public static void main(String[] args) throws IOException {
        LearnedModel model = LearnedModel.load(Path.of(args[0]));
        Path dir = Path.of(args[1]);
        String split = args.length > 2 && !args[2].startsWith("--") ? args[2] : "test";
        boolean runs = List.of(args).contains("--runs");
        EngineProfile profile = DomainCatalog.load(DomainCatalog.defaultRoot()).require(model.engine()).profile();
        Figures f = evaluate(model, profile, dir, split);
        print(f, model, System.out, runs);
    }

    public static void print(Figures f, LearnedModel model, PrintStream out, boolean runs) {
        out.printf(Locale.ROOT, "model %s, alpha %.3g, persistence %d%n", model.version(), model.gate().alpha(),
                model.gate().persistence());
        out.printf(Locale.ROOT, "gate: false-OOD on %d in-distribution windows: %.2f %% per window (alpha %.2f %%), %.2f %% after persistence%n",
                f.inWindows(), 100 * f.falseOodWindow(), 100 * model.gate().alpha(), 100 * f.falseOodPersisted());
        out.printf(Locale.ROOT, "gate: shifted runs flagged within 2 s of the shift: %d / %d (%.0f %%)%n",
                f.flaggedWithin2s(), f.shiftedRuns(), 100.0 * f.flaggedWithin2s() / Math.max(1, f.shiftedRuns()));
        f.byKnob().forEach((k, v) -> out.printf(Locale.ROOT, "      %-20s %d / %d%n", k, v[0], v[1]));
        out.printf(Locale.ROOT, "classifier: window accuracy in distribution %.1f %% (%d windows, engine faults and nominal),"
                + " out of distribution %.1f %% (%d windows)%n", 100 * f.accuracyIn(), f.accuracyInWindows(),
                100 * f.accuracyOod(), f.accuracyOodWindows());
        f.accuracyByKnob().forEach((k, v) -> out.printf(Locale.ROOT, "      %-20s %.1f %% of %d windows%n", k, 100 * v[0], (int) v[1]));
        if (runs) {
            f.runLines().forEach(out::println);
        }
    }

    public static Figures evaluate(LearnedModel model, EngineProfile profile, Path dir, String split) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> raw = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("labels.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                raw.put(n.get("run").asText(), n);
            }
        }
        List<LabelledRun> labels = LabelledRun.read(dir).stream().filter(l -> l.split().equals(split)).toList();
        List<RunResult> results = labels.parallelStream().map(l -> run(model, profile, dir, l, raw.get(l.run()))).toList();

        int inWindows = 0;
        int exceed = 0;
        int persisted = 0;
        int shifted = 0;
        int within = 0;
        Map<String, int[]> byKnob = new TreeMap<>();
        int inCorrect = 0;
        int inCount = 0;
        int oodCorrect = 0;
        int oodCount = 0;
        Map<String, double[]> accByKnob = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        for (RunResult r : results) {
            if (r.label.inDistribution()) {
                inWindows += r.windows;
                exceed += r.exceeding;
                persisted += r.oodWindows;
                inCorrect += r.correct;
                inCount += r.judged;
            } else {
                shifted++;
                boolean ok = !Double.isNaN(r.firstOod) && r.firstOod <= r.shiftT + 2.0;
                within += ok ? 1 : 0;
                for (String k : r.knobs) {
                    int[] c = byKnob.computeIfAbsent(k, x -> new int[2]);
                    c[0] += ok ? 1 : 0;
                    c[1]++;
                    double[] a = accByKnob.computeIfAbsent(k, x -> new double[2]);
                    a[0] += r.correct;
                    a[1] += r.judged;
                }
                oodCorrect += r.correct;
                oodCount += r.judged;
                lines.add(String.format(Locale.ROOT, "  %-10s %-48s shift %5.1f s  first OOD %s  %s  top %s", r.label.run(),
                        r.scenario, r.shiftT, Double.isNaN(r.firstOod) ? "  never" : String.format(Locale.ROOT, "%5.1f s", r.firstOod),
                        ok ? "ok  " : "MISS", r.topAtFirst));
            }
        }
        accByKnob.replaceAll((k, v) -> new double[] {v[1] == 0 ? Double.NaN : v[0] / v[1], v[1]});
        return new Figures(inWindows, (double) exceed / Math.max(1, inWindows), (double) persisted / Math.max(1, inWindows),
                shifted, within, byKnob, (double) inCorrect / Math.max(1, inCount), inCount,
                (double) oodCorrect / Math.max(1, oodCount), oodCount, accByKnob, lines);
    }

    private record RunResult(LabelledRun label, String scenario, List<String> knobs, double shiftT, int windows,
                             int exceeding, int oodWindows, double firstOod, String topAtFirst, int correct, int judged) {
    }

    private static RunResult run(LearnedModel model, EngineProfile profile, Path dir, LabelledRun label, JsonNode raw) {
        List<Frame> frames;
        try (Reader in = Files.newBufferedReader(dir.resolve(label.file()))) {
            frames = new CsvFrameReader(profile).read(in, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        WindowBuilder wb = new WindowBuilder(profile);
        GateSession session = model.gate().session();
        int windows = 0;
        int exceeding = 0;
        int ood = 0;
        double firstOod = Double.NaN;
        String top = "";
        int correct = 0;
        int judged = 0;
        for (Frame f : frames) {
            WindowSnapshot w = wb.add(f);
            if (w == null || w.phase() != Phase.MAINSTAGE) {
                continue;
            }
            // Without the rules (not a dependency of this module) the labelled failed sensor stands in for the
            // sensors they doubt, as in calibration; the pipeline's evaluate measures the gate with the rules' doubts.
            java.util.Set<String> failed = new java.util.HashSet<>();
            for (LabelledRun.Fault ft : label.faults()) {
                if (ft.sensorFault() && ft.sensor() != null && ft.onset() <= w.tEnd()) {
                    failed.add(ft.sensor());
                }
            }
            GateResult g = session.update(w, failed);
            windows++;
            exceeding += g.window().exceeds() ? 1 : 0;
            ood += g.ood() ? 1 : 0;
            if (g.ood() && Double.isNaN(firstOod)) {
                firstOod = w.tEnd();
                top = g.top(3).stream().map(c -> c.feature()).toList().toString();
            }
            String truth = truth(label, w.tEnd());
            if (truth != null) {
                Prediction p = model.classifier().predict(w);
                judged++;
                String best = p.best().code();
                correct += truth.equals(best) || (truth.contains("+") && List.of(truth.split("\\+")).contains(best)) ? 1 : 0;
            }
        }
        List<String> knobs = new ArrayList<>();
        raw.path("shift").path("knobs").forEach(k -> knobs.add(k.asText()));
        return new RunResult(label, raw.path("scenario").asText(""), knobs, shiftTime(raw, profile), windows, exceeding, ood,
                firstOod, top, correct, judged);
    }

    /**
     * The code a window should get: NOMINAL before any onset, the active codes ('+'-joined) after;
     * null (not judged) while a sensor fault is active, since the classifier is not trained on them.
     */
    static String truth(LabelledRun label, double t) {
        List<String> active = new ArrayList<>();
        for (LabelledRun.Fault f : label.faults()) {
            if (f.onset() <= t) {
                if (f.sensorFault()) {
                    return null;
                }
                active.add(f.code());
            }
        }
        return active.isEmpty() ? Prediction.NOMINAL : String.join("+", active);
    }

    /** When a shifted run leaves the training distribution, from the simulator's label fields. */
    static double shiftTime(JsonNode raw, EngineProfile profile) {
        double mainstage = profile.phase().mainstageAfterSeconds();
        List<String> knobs = new ArrayList<>();
        raw.path("shift").path("knobs").forEach(k -> knobs.add(k.asText()));
        List<Double> times = new ArrayList<>();
        if (knobs.stream().anyMatch(k -> List.of("densified-lox", "warm-lox", "chilled-rp1", "warm-rp1", "engine-unit").contains(k))) {
            times.add(mainstage);
        }
        if (knobs.contains("deep-throttle") || knobs.contains("uprate")) {
            JsonNode thr = raw.path("throttle");
            double level = thr.path("initial").asDouble();
            double rate = thr.path("ratePerS").asDouble(10);
            double lo = 100 * profile.qualifiedThrottle().low();
            double hi = 100 * profile.qualifiedThrottle().high();
            double t = Double.NaN;
            if (level < lo || level > hi) {
                t = 0;
            } else {
                for (JsonNode s : thr.path("steps")) {
                    double to = s.path("to").asDouble();
                    if (to < lo || to > hi) {
                        double edge = to < lo ? lo : hi;
                        t = s.path("at").asDouble() + Math.abs(edge - level) / rate;
                        break;
                    }
                    level = to;
                }
            }
            times.add(Double.isNaN(t) ? mainstage : t);
        }
        List<Double> onsets = new ArrayList<>();
        for (JsonNode f : raw.path("faults")) {
            onsets.add(effectiveOnset(raw, f));
        }
        onsets.sort(Double::compare);
        if ((knobs.contains("held-out-fault") || knobs.contains("novel-fault")) && !onsets.isEmpty()) {
            times.add(onsets.get(0));
        }
        if (knobs.contains("compound-fault") && onsets.size() > 1) {
            times.add(onsets.get(1));
        }
        return Math.max(mainstage, times.stream().mapToDouble(Double::doubleValue).min().orElse(mainstage));
    }

    private static double effectiveOnset(JsonNode raw, JsonNode fault) {
        double onset = fault.path("onset").asDouble();
        if (!fault.path("code").asText().equals("VALVE_SLOW")) {
            return onset;
        }
        double first = Double.POSITIVE_INFINITY;
        for (JsonNode s : raw.path("throttle").path("steps")) {
            double at = s.path("at").asDouble();
            if (at >= onset) {
                first = Math.min(first, at);
            }
        }
        for (JsonNode s : raw.path("valveSteps")) {
            double at = s.path("at").asDouble();
            if (at >= onset) {
                first = Math.min(first, at);
            }
        }
        return Double.isInfinite(first) ? onset : first;
    }
}
