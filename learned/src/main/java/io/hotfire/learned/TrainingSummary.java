package io.hotfire.learned;

import io.hotfire.domain.data.DataNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a model was trained on and how it came out; stored in the model file ({@code training}) so
 * a loaded model can describe itself. No time stamp and no path, so the same data give the same
 * model version on any machine.
 *
 * @param labelsSha256           SHA-256 of the {@code labels.jsonl} trained on
 * @param holdOut                codes whose runs were left out
 * @param trainRuns              in-distribution runs of the train split used
 * @param calibrationRuns        in-distribution runs of the calibration split used
 * @param skippedOutOfDistribution train/calibration runs labelled {@code ood}, left out
 * @param skippedHeldOut         train/calibration runs holding a held-out code, left out
 * @param trainWindows           train windows in the spec's phase
 * @param referenceWindows       of those, kept as the gate's reference
 * @param calibrationWindows     calibration windows scored (each one conformal score)
 * @param classifierWindows      train windows the classifier was fitted on
 * @param classes                classifier windows per class
 * @param inSampleAccuracy       classifier accuracy on its own training windows
 * @param calibrationFalseOod    share of calibration windows at p ≤ α (≈ α by construction)
 * @param calibrationFalseOodPersisted share of calibration windows declared OOD after persistence
 * @param threshold              score above which p ≤ α
 * @param alpha                  the level α
 * @param persistence            consecutive windows before OOD is declared
 * @param manifest               the folder generator's description (seed, layout, ...), if any
 */
public record TrainingSummary(String labelsSha256, List<String> holdOut, int trainRuns, int calibrationRuns,
                              int skippedOutOfDistribution, int skippedHeldOut, int trainWindows, int referenceWindows,
                              int calibrationWindows, int classifierWindows, Map<String, Integer> classes,
                              double inSampleAccuracy, double calibrationFalseOod, double calibrationFalseOodPersisted,
                              double threshold, double alpha, int persistence, ObjectNode manifest) {

    public TrainingSummary {
        holdOut = List.copyOf(holdOut);
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        manifest = manifest.deepCopy();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("labelsSha256", labelsSha256);
        holdOut.forEach(o.putArray("holdOut")::add);
        if (holdOut.isEmpty()) {
            o.putArray("holdOut");
        }
        ObjectNode runs = o.putObject("runs");
        runs.put("train", trainRuns);
        runs.put("calibration", calibrationRuns);
        runs.put("skippedOutOfDistribution", skippedOutOfDistribution);
        runs.put("skippedHeldOut", skippedHeldOut);
        ObjectNode w = o.putObject("windows");
        w.put("train", trainWindows);
        w.put("reference", referenceWindows);
        w.put("calibration", calibrationWindows);
        w.put("classifier", classifierWindows);
        ObjectNode c = o.putObject("classes");
        classes.forEach(c::put);
        o.put("inSampleAccuracy", inSampleAccuracy);
        o.put("calibrationFalseOod", calibrationFalseOod);
        o.put("calibrationFalseOodPersisted", calibrationFalseOodPersisted);
        o.put("threshold", threshold);
        o.put("alpha", alpha);
        o.put("persistence", persistence);
        o.set("manifest", manifest);
        return o;
    }

    public static TrainingSummary read(DataNode n) {
        DataNode runs = n.field("runs");
        DataNode w = n.field("windows");
        Map<String, Integer> classes = new LinkedHashMap<>();
        DataNode c = n.field("classes");
        for (String k : c.fieldNames()) {
            classes.put(k, c.field(k).intOr(0));
        }
        DataNode m = n.field("manifest");
        return new TrainingSummary(n.field("labelsSha256").text(), n.field("holdOut").texts(),
                runs.field("train").intOr(0), runs.field("calibration").intOr(0),
                runs.field("skippedOutOfDistribution").intOr(0), runs.field("skippedHeldOut").intOr(0),
                w.field("train").intOr(0), w.field("reference").intOr(0), w.field("calibration").intOr(0),
                w.field("classifier").intOr(0), classes, n.field("inSampleAccuracy").number(),
                n.field("calibrationFalseOod").number(), n.field("calibrationFalseOodPersisted").number(),
                n.field("threshold").number(), n.field("alpha").number(), n.field("persistence").intOr(0),
                m.isMissing() ? JsonNodeFactory.instance.objectNode() : (ObjectNode) m.requireObject().json());
    }

    /** The human summary {@code ./hotfire train} prints. */
    public void print(PrintStream out, String version, String file) {
        out.printf(Locale.ROOT, "runs:        %d train, %d calibration (in distribution); left out %d ood, %d holding %s%n",
                trainRuns, calibrationRuns, skippedOutOfDistribution, skippedHeldOut, holdOut.isEmpty() ? "no held-out code" : holdOut);
        out.printf(Locale.ROOT, "windows:     %d train -> %d reference (gate), %d classifier; %d calibration%n",
                trainWindows, referenceWindows, classifierWindows, calibrationWindows);
        out.printf(Locale.ROOT, "gate:        threshold %.4f at alpha %.3g (%d calibration scores); persistence %d windows%n",
                threshold, alpha, calibrationWindows, persistence);
        out.printf(Locale.ROOT, "             false-OOD on calibration windows: %.2f %% per window, %.2f %% after persistence%n",
                100 * calibrationFalseOod, 100 * calibrationFalseOodPersisted);
        out.printf(Locale.ROOT, "classifier:  %d classes, in-sample accuracy %.1f %%%n", classes.size(), 100 * inSampleAccuracy);
        classes.forEach((k, v) -> out.printf(Locale.ROOT, "             %-28s %6d windows%n", k, v));
        out.printf(Locale.ROOT, "model:       %s -> %s%n", version, file);
    }
}
