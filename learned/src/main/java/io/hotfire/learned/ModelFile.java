package io.hotfire.learned;

import io.hotfire.domain.data.DataNode;
import io.hotfire.learned.data.LearnedDataException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.learned.classify.PatternClassifier;
import io.hotfire.learned.classify.SoftmaxRegression;
import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.feature.FeatureSpec;
import io.hotfire.learned.feature.Standardizer;
import io.hotfire.learned.gate.ConformalCalibration;
import io.hotfire.learned.gate.OodGate;
import io.hotfire.learned.gate.OodScorer;
import io.hotfire.learned.gate.UnitBaseline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The model file's format ({@value LearnedModel#FORMAT}, learned/README.md "The model file"): a model
 * written as JSON, and read back with every problem naming its field. Reading checks what writing
 * guarantees: the feature names against the spec, the standardisers' widths, the threshold against
 * the calibration scores, the unit baseline against the spec.
 */
final class ModelFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /** The model file's bytes for trained parts. */
    static byte[] write(String engine, String profileHash, FeatureSpec spec, TrainingSummary training, OodGate gate,
                        PatternClassifier classifier) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", LearnedModel.FORMAT);
        root.put("engine", engine);
        root.put("profileHash", profileHash);
        root.set("spec", spec.toJson());
        root.set("training", training.toJson());
        root.set("gate", gateJson(gate));
        root.set("classifier", classifierJson(classifier));
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the model", e);
        }
    }

    /** Parses a model file's bytes; every problem names the field. */
    static LearnedModel read(String fileName, byte[] bytes) {
        DataNode root = DataNode.parse(fileName, bytes, LearnedDataException::new);
        String format = root.field("format").text();
        if (!format.equals(LearnedModel.FORMAT)) {
            throw root.field("format").error("is '" + format + "'; this version reads " + LearnedModel.FORMAT
                    + " (train the model again)");
        }
        FeatureSpec spec = FeatureSpec.read(root.field("spec"), null);
        TrainingSummary training = TrainingSummary.read(root.field("training"));
        DataNode g = root.field("gate");
        List<Feature> gateFeatures = spec.gate().features();
        names(g.field("features"), gateFeatures.stream().map(Feature::name).toList());
        Standardizer gateStd = standardizer(g, gateFeatures.size());
        List<DataNode> refRows = g.field("reference").elements();
        double[][] reference = new double[refRows.size()][];
        for (int r = 0; r < reference.length; r++) {
            reference[r] = refRows.get(r).numbers();
        }
        DataNode op = g.field("operatingPoint");
        OodScorer scorer;
        ConformalCalibration cal;
        try {
            scorer = new OodScorer(gateFeatures, gateStd, spec.gate().compression(), spec.gate().tolerance(),
                    spec.gate().neighbours(), spec.gate().trim(), reference, op.field("low").number(),
                    op.field("high").number(), spec.gate().operatingPointScale());
            cal = new ConformalCalibration(g.field("calibrationScores").numbers(), spec.gate().alpha());
        } catch (IllegalArgumentException e) {
            throw g.error(e.getMessage());
        }
        double stored = g.field("threshold").number();
        if (Double.compare(stored, cal.threshold()) != 0) {
            throw g.field("threshold").error("is " + stored + " but the calibration scores give " + cal.threshold()
                    + " (the file was changed by hand?)");
        }
        UnitBaseline baseline = null;
        DataNode bl = g.field("baseline");
        if (spec.gate().baselineWindows() > 0) {
            if (bl.isMissing()) {
                throw g.error("has no 'baseline' but the spec asks for a unit baseline of "
                        + spec.gate().baselineWindows() + " windows");
            }
            try {
                baseline = new UnitBaseline(spec.gate().baselineWindows(), bl.field("center").numbers(), bl.field("bound").numbers());
            } catch (IllegalArgumentException e) {
                throw bl.error(e.getMessage());
            }
        } else if (!bl.isMissing()) {
            throw bl.error("is given but the spec has no unit baseline");
        }
        OodGate gate;
        try {
            gate = new OodGate(spec.phase(), scorer, cal, spec.gate().persistence(), baseline, spec.gate().trimDoubted(),
                    spec.gate().sequential() == null ? null
                            : new io.hotfire.learned.gate.GateSession.Sequential(spec.gate().sequential().reference(),
                                    spec.gate().sequential().limit()));
        } catch (IllegalArgumentException e) {
            throw g.error(e.getMessage());
        }

        DataNode c = root.field("classifier");
        List<String> inputs = new ArrayList<>(spec.classifier().features().stream().map(Feature::name).toList());
        if (spec.classifier().operatingPoint()) {
            inputs.add(PatternClassifier.OPERATING_POINT);
        }
        names(c.field("inputs"), inputs);
        Standardizer clStd = standardizer(c, inputs.size());
        List<String> classes = c.field("classes").texts();
        List<DataNode> wRows = c.field("weights").elements();
        double[][] w = new double[wRows.size()][];
        for (int k = 0; k < w.length; k++) {
            w[k] = wRows.get(k).numbers();
        }
        PatternClassifier classifier;
        try {
            classifier = new PatternClassifier(spec.phase(), spec.classifier().features(), spec.classifier().operatingPoint(),
                    clStd, classes, new SoftmaxRegression(w, c.field("bias").numbers()), spec.classifier().abstain().keySet());
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
        return new LearnedModel(root.field("engine").text(), root.field("profileHash").text(), spec, training, gate,
                classifier, bytes.clone());
    }

    private static void names(DataNode n, List<String> expected) {
        List<String> got = n.texts();
        if (!got.equals(expected)) {
            throw n.error("lists " + got + " but the spec gives " + expected);
        }
    }

    private static Standardizer standardizer(DataNode n, int width) {
        double[] center = n.field("center").numbers();
        double[] scale = n.field("scale").numbers();
        if (center.length != width || scale.length != width) {
            throw n.error("center and scale must have " + width + " values, got " + center.length + " and " + scale.length);
        }
        try {
            return new Standardizer(center, scale);
        } catch (IllegalArgumentException e) {
            throw n.field("scale").error(e.getMessage());
        }
    }

    private static ObjectNode gateJson(OodGate gate) {
        OodScorer s = gate.scorer();
        ObjectNode g = JsonNodeFactory.instance.objectNode();
        ArrayNode names = g.putArray("features");
        s.features().forEach(f -> names.add(f.name()));
        putStandardizer(g, s.standardizer());
        ObjectNode op = g.putObject("operatingPoint");
        op.put("low", s.opLow());
        op.put("high", s.opHigh());
        g.put("threshold", gate.threshold());
        if (gate.baseline() != null) {
            ObjectNode bl = g.putObject("baseline");
            ArrayNode center = bl.putArray("center");
            ArrayNode bound = bl.putArray("bound");
            for (int j = 0; j < gate.baseline().width(); j++) {
                center.add(gate.baseline().center()[j]);
                bound.add(gate.baseline().bound()[j]);
            }
        }
        ArrayNode scores = g.putArray("calibrationScores");
        for (double v : gate.calibration().scores()) {
            scores.add(v);
        }
        ArrayNode ref = g.putArray("reference");
        for (int r = 0; r < s.size(); r++) {
            ArrayNode row = ref.addArray();
            for (double v : s.reference(r)) {
                if (Double.isNaN(v)) {
                    row.addNull();
                } else {
                    row.add(v);
                }
            }
        }
        return g;
    }

    private static ObjectNode classifierJson(PatternClassifier c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode inputs = o.putArray("inputs");
        c.features().forEach(f -> inputs.add(f.name()));
        if (c.operatingPoint()) {
            inputs.add(PatternClassifier.OPERATING_POINT);
        }
        putStandardizer(o, c.standardizer());
        ArrayNode classes = o.putArray("classes");
        c.classes().forEach(classes::add);
        ArrayNode w = o.putArray("weights");
        for (double[] row : c.model().weights()) {
            ArrayNode a = w.addArray();
            for (double v : row) {
                a.add(v);
            }
        }
        ArrayNode b = o.putArray("bias");
        for (double v : c.model().bias()) {
            b.add(v);
        }
        return o;
    }

    private static void putStandardizer(ObjectNode o, Standardizer s) {
        ArrayNode center = o.putArray("center");
        for (double v : s.center()) {
            center.add(v);
        }
        ArrayNode scale = o.putArray("scale");
        for (double v : s.scale()) {
            scale.add(v);
        }
    }
}
