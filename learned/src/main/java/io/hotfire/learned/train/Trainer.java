package io.hotfire.learned.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.domain.Hashing;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.learned.data.LearnedDataException;
import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.TrainingSummary;
import io.hotfire.learned.classify.PatternClassifier;
import io.hotfire.learned.classify.SoftmaxRegression;
import io.hotfire.learned.feature.FeatureExtractor;
import io.hotfire.learned.feature.FeatureSpec;
import io.hotfire.learned.feature.Standardizer;
import io.hotfire.learned.gate.ConformalCalibration;
import io.hotfire.learned.gate.GateResult;
import io.hotfire.learned.gate.GateScore;
import io.hotfire.learned.gate.GateSession;
import io.hotfire.learned.gate.OodGate;
import io.hotfire.learned.gate.OodScorer;
import io.hotfire.learned.gate.UnitBaseline;
import io.hotfire.learned.train.TrainingWindows.RunWindows;
import io.hotfire.learned.train.TrainingWindows.Window;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fits a {@link LearnedModel} from a labelled folder: the gate's reference distribution and the
 * classifier from the {@code train} split, the conformal calibration from the {@code calibration}
 * split. Only in-distribution runs are used, and no run holding a held-out code. Deterministic:
 * the same folder, spec and profile give the same model file, byte for byte.
 */
public final class Trainer {

    public static final String TRAIN = "train";
    public static final String CALIBRATION = "calibration";

    private Trainer() {
    }

    /** What came out of training: the model and the figures worth printing. */
    public record Result(LearnedModel model, TrainingSummary summary) {
    }

    /** Held-out codes named by the folder's {@code manifest.json} ({@code holdOut}), if it has one. */
    public static Set<String> holdOutFromManifest(Path dir) {
        Path m = dir.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return Set.of();
        }
        try {
            JsonNode n = new ObjectMapper().readTree(m.toFile()).path("holdOut");
            Set<String> out = new LinkedHashSet<>();
            n.forEach(c -> out.add(c.asText()));
            return out;
        } catch (IOException e) {
            throw new LearnedDataException(m.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Trains on {@code dir} ({@code labels.jsonl} plus the CSV files it names).
     *
     * @param holdOut codes whose runs are left out of training and calibration altogether
     */
    public static Result train(EngineProfile profile, FeatureSpec spec, Path dir, Set<String> holdOut) {
        List<LabelledRun> labels = LabelledRun.read(dir);
        List<LabelledRun> train = new ArrayList<>();
        List<LabelledRun> calibration = new ArrayList<>();
        int skippedOod = 0;
        int skippedHeldOut = 0;
        for (LabelledRun r : labels) {
            boolean train1 = r.split().equals(TRAIN);
            if (!train1 && !r.split().equals(CALIBRATION)) {
                continue;
            }
            if (!r.inDistribution()) {
                skippedOod++;
            } else if (holdOut.stream().anyMatch(r::has)) {
                skippedHeldOut++;
            } else {
                (train1 ? train : calibration).add(r);
            }
        }
        Path labelsFile = dir.resolve("labels.jsonl");
        if (train.isEmpty()) {
            throw new LearnedDataException(labelsFile.toString(), "split", "no in-distribution run in split '" + TRAIN + "'");
        }
        if (calibration.isEmpty()) {
            throw new LearnedDataException(labelsFile.toString(), "split",
                    "no in-distribution run in split '" + CALIBRATION + "' (the conformal calibration needs held-out runs)");
        }
        FeatureExtractor gateFx = new FeatureExtractor(spec.gate().features());
        List<RunWindows> trainWindows = TrainingWindows.windows(profile, spec, dir, train, gateFx);
        List<RunWindows> calWindows = TrainingWindows.windows(profile, spec, dir, calibration, gateFx);

        // Unit baseline: the family's spread of per-run baselines bounds how far a unit's own baseline
        // may move the gate's features; reference and calibration windows are seen relative to their unit.
        UnitBaseline baseline = null;
        if (spec.gate().baselineWindows() > 0) {
            int bw = spec.gate().baselineWindows();
            int width = spec.gate().features().size();
            double[][] runBaselines = trainWindows.stream().map(rw -> TrainingWindows.runBaseline(rw, bw, width)).toArray(double[][]::new);
            baseline = UnitBaseline.fit(bw, runBaselines, width);
            trainWindows = TrainingWindows.relativeToUnit(trainWindows, baseline);
            calWindows = TrainingWindows.relativeToUnit(calWindows, baseline);
        }
        if (spec.gate().trimDoubted()) {
            // At run time the gate leaves out the sensors the rules doubt; a calibration run's failed sensor is
            // left out from its labelled onset, so the threshold is set by the engines, not by failed sensors.
            calWindows = TrainingWindows.withoutFailedSensors(calWindows, spec.gate().features());
        }

        // Gate: reference distribution from every referenceStride-th train window.
        List<double[]> refRaw = new ArrayList<>();
        double opLow = Double.POSITIVE_INFINITY;
        double opHigh = Double.NEGATIVE_INFINITY;
        for (RunWindows rw : trainWindows) {
            for (int i = 0; i < rw.windows().size(); i += spec.gate().referenceStride()) {
                Window w = rw.windows().get(i);
                if (allMissing(w.gate())) {
                    // Nothing to compare (signal features before their first full span): such a row would lie
                    // at distance 0 from every window and hide any shift.
                    continue;
                }
                refRaw.add(w.gate());
                opLow = Math.min(opLow, w.theta());
                opHigh = Math.max(opHigh, w.theta());
            }
        }
        int gateWidth = spec.gate().features().size();
        if (refRaw.size() < spec.gate().neighbours()) {
            throw new LearnedDataException(labelsFile.toString(), "split",
                    "the train split gives " + refRaw.size() + " windows in phase " + spec.phase() + ", fewer than k = "
                            + spec.gate().neighbours());
        }
        double[][] refArray = refRaw.toArray(double[][]::new);
        Standardizer gateStd = Standardizer.fit(refArray, gateWidth);
        double c = spec.gate().compression();
        double[][] reference = new double[refArray.length][gateWidth];
        for (int r = 0; r < refArray.length; r++) {
            for (int j = 0; j < gateWidth; j++) {
                reference[r][j] = OodScorer.compress(gateStd.z(j, refArray[r][j]), c);
            }
        }
        OodScorer scorer = new OodScorer(spec.gate().features(), gateStd, c, spec.gate().tolerance(),
                spec.gate().neighbours(), spec.gate().trim(), reference, opLow, opHigh, spec.gate().operatingPointScale());

        // Calibration: every window of every calibration run, scored against the reference.
        List<Window> calAll = calWindows.stream().flatMap(r -> r.windows().stream()).toList();
        int minimum = ConformalCalibration.minimumScores(spec.gate().alpha());
        if (calAll.size() < minimum) {
            throw new LearnedDataException(labelsFile.toString(), "split", "the calibration split gives " + calAll.size()
                    + " windows in phase " + spec.phase() + "; α = " + spec.gate().alpha() + " needs at least " + minimum);
        }
        double[] calScores = calWindows.parallelStream().map(rw -> {
            double[] out = new double[rw.windows().size()];
            int[] hint = null;
            for (int i = 0; i < out.length; i++) {
                Window w = rw.windows().get(i);
                OodScorer.Scored s = scorer.score(w.gate(), w.theta(), hint);
                out[i] = s.score();
                hint = s.neighbours();
            }
            return out;
        }).flatMapToDouble(Arrays::stream).toArray();
        ConformalCalibration cal = new ConformalCalibration(calScores, spec.gate().alpha());
        OodGate gate = new OodGate(spec.phase(), scorer, cal, spec.gate().persistence(), baseline, spec.gate().trimDoubted(),
                    spec.gate().sequential() == null ? null
                            : new io.hotfire.learned.gate.GateSession.Sequential(spec.gate().sequential().reference(),
                                    spec.gate().sequential().limit()));

        // Classifier: every stride-th train window with a label.
        List<double[]> clRaw = new ArrayList<>();
        List<String> clLabels = new ArrayList<>();
        for (RunWindows rw : trainWindows) {
            for (int i = 0; i < rw.windows().size(); i += spec.classifier().stride()) {
                Window w = rw.windows().get(i);
                if (w.label() != null) {
                    clRaw.add(w.classifier());
                    clLabels.add(w.label());
                }
            }
        }
        Map<String, Integer> classCounts = new TreeMap<>();
        clLabels.forEach(l -> classCounts.merge(l, 1, Integer::sum));
        if (classCounts.size() < 2) {
            throw new LearnedDataException(labelsFile.toString(), "faults",
                    "the train split's windows hold " + classCounts.keySet() + "; the classifier needs at least two classes");
        }
        List<String> classes = List.copyOf(classCounts.keySet());
        int inputs = spec.classifier().features().size() + (spec.classifier().operatingPoint() ? 1 : 0);
        double[][] clArray = clRaw.toArray(double[][]::new);
        Standardizer clStd = Standardizer.fit(clArray, inputs);
        double[][] z = new double[clArray.length][];
        int[] y = new int[clArray.length];
        for (int i = 0; i < clArray.length; i++) {
            z[i] = PatternClassifier.standardise(clStd, clArray[i]);
            y[i] = classes.indexOf(clLabels.get(i));
        }
        SoftmaxRegression reg = SoftmaxRegression.fit(z, y, classes.size(), spec.classifier().l2(),
                spec.classifier().iterations(), spec.classifier().learningRate());
        int correct = 0;
        for (int i = 0; i < z.length; i++) {
            double[] p = reg.probabilities(z[i]);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            correct += best == y[i] ? 1 : 0;
        }
        PatternClassifier classifier = new PatternClassifier(spec.phase(), spec.classifier().features(),
                spec.classifier().operatingPoint(), clStd, classes, reg, spec.classifier().abstain().keySet());

        // Observed false-OOD rates on the calibration windows (per window, and after persistence).
        int exceed = 0;
        for (double s : calScores) {
            exceed += cal.exceeds(s) ? 1 : 0;
        }
        int persisted = 0;
        int k = 0;
        for (RunWindows rw : calWindows) {
            GateSession session = gate.session();
            for (Window w : rw.windows()) {
                GateResult res = session.update(new GateScore(true, w.tEnd(), calScores[k],
                        cal.pValue(calScores[k]), cal.threshold(), cal.alpha(), cal.exceeds(calScores[k]), List.of()));
                persisted += res.ood() ? 1 : 0;
                k++;
            }
        }
        TrainingSummary summary = new TrainingSummary(sha256(labelsFile), List.copyOf(holdOut), train.size(),
                calibration.size(), skippedOod, skippedHeldOut,
                trainWindows.stream().mapToInt(r -> r.windows().size()).sum(), refArray.length, calAll.size(),
                clArray.length, classCounts, (double) correct / clArray.length, (double) exceed / calScores.length,
                (double) persisted / calScores.length, cal.threshold(), spec.gate().alpha(), spec.gate().persistence(),
                manifest(dir));
        LearnedModel model = LearnedModel.assemble(profile.id(), profile.sourceHash(), spec, summary, gate, classifier);
        return new Result(model, summary);
    }

    private static boolean allMissing(double[] x) {
        for (double v : x) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    /** The generator's description of the folder, if it left a {@code manifest.json} (seed, layout, held-out codes). */
    private static ObjectNode manifest(Path dir) {
        Path m = dir.resolve("manifest.json");
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (!Files.isRegularFile(m)) {
            return out;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(m.toFile());
            for (String f : List.of("generator", "layout", "engine", "seed", "holdOut", "profileHash")) {
                if (n.has(f)) {
                    out.set(f, n.get(f));
                }
            }
            return out;
        } catch (IOException e) {
            throw new LearnedDataException(m.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) {
        try {
            return Hashing.sha256Hex(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new LearnedDataException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }
}
