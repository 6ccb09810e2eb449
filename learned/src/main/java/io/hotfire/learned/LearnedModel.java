package io.hotfire.learned;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.learned.classify.PatternClassifier;
import io.hotfire.learned.classify.SoftmaxRegression;
import io.hotfire.learned.feature.Feature;
import io.hotfire.learned.feature.FeatureSpec;
import io.hotfire.learned.feature.Standardizer;
import io.hotfire.learned.gate.ConformalCalibration;
import io.hotfire.learned.gate.OodGate;
import io.hotfire.learned.gate.OodScorer;
import io.hotfire.learned.gate.UnitBaseline;
import io.hotfire.learned.train.Trainer;
import io.hotfire.learned.train.TrainingSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * A trained model file: feature spec, the gate (standardisation, reference windows, conformal
 * calibration scores) and the classifier (standardisation, classes, weights), plus what it was
 * trained on. Its version is {@code learned-<first 12 hex of the file's SHA-256>}, stored with
 * every decision it takes part in. Format: learned/README.md, "The model file". Immutable.
 */
public final class LearnedModel {

    /** The file format this code writes and reads. */
    public static final String FORMAT = "hotfire-learned-model/1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String engine;
    private final String profileHash;
    private final FeatureSpec spec;
    private final TrainingSummary training;
    private final OodGate gate;
    private final PatternClassifier classifier;
    private final byte[] bytes;
    private final String version;

    private LearnedModel(String engine, String profileHash, FeatureSpec spec, TrainingSummary training, OodGate gate,
                         PatternClassifier classifier, byte[] bytes) {
        this.engine = engine;
        this.profileHash = profileHash;
        this.spec = spec;
        this.training = training;
        this.gate = gate;
        this.classifier = classifier;
        this.bytes = bytes;
        this.version = "learned-" + sha256(bytes).substring(0, 12);
    }

    /**
     * Builds a model from trained parts. The result is the model as its file will read back: it is
     * serialised and parsed again, so a saved and re-loaded model scores exactly the same.
     */
    public static LearnedModel assemble(String engine, String profileHash, FeatureSpec spec, TrainingSummary training,
                                        OodGate gate, PatternClassifier classifier) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        root.put("engine", engine);
        root.put("profileHash", profileHash);
        root.set("spec", spec.toJson());
        root.set("training", training.toJson());
        root.set("gate", gateJson(gate));
        root.set("classifier", classifierJson(classifier));
        try {
            return parse("(trained model)", JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the model", e);
        }
    }

    public static LearnedModel load(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LearnedDataException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), b);
    }

    /** Parses a model file's bytes; every problem names the field. */
    public static LearnedModel parse(String fileName, byte[] bytes) {
        JsonNode tree;
        try {
            tree = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new LearnedDataException(fileName, "(syntax)", "not JSON: " + e.getMessage(), e);
        }
        DataNode root = DataNode.root(fileName, tree).object();
        String format = root.get("format").text();
        if (!format.equals(FORMAT)) {
            throw root.get("format").error("is '" + format + "'; this version reads " + FORMAT + " (train the model again)");
        }
        FeatureSpec spec = FeatureSpec.read(root.get("spec"), null);
        TrainingSummary training = TrainingSummary.read(root.get("training"));
        DataNode g = root.get("gate");
        List<Feature> gateFeatures = spec.gate().features();
        names(g.get("features"), gateFeatures.stream().map(Feature::name).toList());
        Standardizer gateStd = standardizer(g, gateFeatures.size());
        List<DataNode> refRows = g.get("reference").list();
        double[][] reference = new double[refRows.size()][];
        for (int r = 0; r < reference.length; r++) {
            reference[r] = refRows.get(r).numbers();
        }
        DataNode op = g.get("operatingPoint");
        OodScorer scorer;
        ConformalCalibration cal;
        try {
            scorer = new OodScorer(gateFeatures, gateStd, spec.gate().compression(), spec.gate().tolerance(),
                    spec.gate().neighbours(), spec.gate().trim(), reference, op.get("low").number(),
                    op.get("high").number(), spec.gate().operatingPointScale());
            cal = new ConformalCalibration(g.get("calibrationScores").numbers(), spec.gate().alpha());
        } catch (IllegalArgumentException e) {
            throw g.error(e.getMessage());
        }
        double stored = g.get("threshold").number();
        if (Double.compare(stored, cal.threshold()) != 0) {
            throw g.get("threshold").error("is " + stored + " but the calibration scores give " + cal.threshold()
                    + " (the file was changed by hand?)");
        }
        UnitBaseline baseline = null;
        DataNode bl = g.get("baseline");
        if (spec.gate().baselineWindows() > 0) {
            if (bl.isMissing()) {
                throw g.error("has no 'baseline' but the spec asks for a unit baseline of "
                        + spec.gate().baselineWindows() + " windows");
            }
            try {
                baseline = new UnitBaseline(spec.gate().baselineWindows(), bl.get("center").numbers(), bl.get("bound").numbers());
            } catch (IllegalArgumentException e) {
                throw bl.error(e.getMessage());
            }
        } else if (!bl.isMissing()) {
            throw bl.error("is given but the spec has no unit baseline");
        }
        OodGate gate;
        try {
            gate = new OodGate(spec.phase(), scorer, cal, spec.gate().persistence(), baseline, spec.gate().trimDoubted());
        } catch (IllegalArgumentException e) {
            throw g.error(e.getMessage());
        }

        DataNode c = root.get("classifier");
        List<String> inputs = new ArrayList<>(spec.classifier().features().stream().map(Feature::name).toList());
        if (spec.classifier().operatingPoint()) {
            inputs.add(PatternClassifier.OPERATING_POINT);
        }
        names(c.get("inputs"), inputs);
        Standardizer clStd = standardizer(c, inputs.size());
        List<String> classes = c.get("classes").texts();
        List<DataNode> wRows = c.get("weights").list();
        double[][] w = new double[wRows.size()][];
        for (int k = 0; k < w.length; k++) {
            w[k] = wRows.get(k).numbers();
        }
        PatternClassifier classifier;
        try {
            classifier = new PatternClassifier(spec.phase(), spec.classifier().features(), spec.classifier().operatingPoint(),
                    clStd, classes, new SoftmaxRegression(w, c.get("bias").numbers()));
        } catch (IllegalArgumentException e) {
            throw c.error(e.getMessage());
        }
        return new LearnedModel(root.get("engine").text(), root.get("profileHash").text(), spec, training, gate,
                classifier, bytes.clone());
    }

    private static void names(DataNode n, List<String> expected) {
        List<String> got = n.texts();
        if (!got.equals(expected)) {
            throw n.error("lists " + got + " but the spec gives " + expected);
        }
    }

    private static Standardizer standardizer(DataNode n, int width) {
        double[] center = n.get("center").numbers();
        double[] scale = n.get("scale").numbers();
        if (center.length != width || scale.length != width) {
            throw n.error("center and scale must have " + width + " values, got " + center.length + " and " + scale.length);
        }
        try {
            return new Standardizer(center, scale);
        } catch (IllegalArgumentException e) {
            throw n.get("scale").error(e.getMessage());
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

    /** Writes the model file (atomically: a reader never sees half a file). */
    public void save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".learned-", ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    // createTempFile makes the file owner-only; a model file is not a secret.
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: keep its defaults.
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new LearnedDataException(file.toString(), "(file)", "cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * The default model of a domain, built from labelled data at first use and cached: the model
     * is looked up in {@code cacheDir} under a key of the profile hash, the feature spec and this
     * file format; only when it is missing (or unreadable) is {@code labelledFolder} asked for a
     * folder to train on (e.g. one the digital twin has just written). The result is never
     * committed anywhere: delete the cache to rebuild.
     *
     * @param labelledFolder called at most once, on a cache miss; returns a folder with {@code labels.jsonl}
     */
    public static LearnedModel defaultFor(DomainCatalog.Domain domain, Path cacheDir, Supplier<Path> labelledFolder) {
        Path file = cacheFile(domain, cacheDir);
        synchronized (LearnedModel.class) {
            if (Files.isRegularFile(file)) {
                try {
                    LearnedModel m = load(file);
                    if (m.profileHash().equals(domain.profile().sourceHash())) {
                        return m;
                    }
                } catch (LearnedDataException e) {
                    // An unreadable cache entry (an older format, a broken write) is rebuilt below.
                }
            }
            Path folder = labelledFolder.get();
            FeatureSpec spec = FeatureSpec.forDomain(domain);
            LearnedModel m = Trainer.train(domain.profile(), spec, folder, Trainer.holdOutFromManifest(folder)).model();
            m.save(file);
            return m;
        }
    }

    /**
     * Where {@link #defaultFor} keeps a domain's model: {@code cacheDir/<engine>-<key>.json}; the key
     * covers the file format, the profile, the feature spec and the generator's data in the domain's
     * {@code twin/} folder (twin, faults, engine family), so a change to any of them trains anew.
     */
    public static Path cacheFile(DomainCatalog.Domain domain, Path cacheDir) {
        String key = sha256((FORMAT + "\n" + domain.profile().sourceHash() + "\n"
                + sha256(FeatureSpec.sourceBytes(domain)) + "\n" + twinDigest(domain.folder().resolve("twin")))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 12);
        return cacheDir.resolve(domain.profile().id() + "-" + key + ".json");
    }

    /** SHA-256 over the names and bytes of the {@code *.yaml} files directly in {@code twinDir} ("" if none). */
    static String twinDigest(Path twinDir) {
        if (!Files.isDirectory(twinDir)) {
            return "";
        }
        try (var files = Files.list(twinDir)) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList()) {
                all.write((f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                all.write(Files.readAllBytes(f));
            }
            return sha256(all.toByteArray());
        } catch (IOException e) {
            throw new LearnedDataException(twinDir.toString(), "(folder)", "cannot be read: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code learned-<sha12>}: the first 12 hex digits of the SHA-256 of the model file. */
    public String version() {
        return version;
    }

    /** Whether this model was trained on exactly this profile (same profile file hash). */
    public boolean trainedOn(EngineProfile profile) {
        return profile.id().equals(engine) && profile.sourceHash().equals(profileHash);
    }

    public String engine() {
        return engine;
    }

    public String profileHash() {
        return profileHash;
    }

    public FeatureSpec spec() {
        return spec;
    }

    public TrainingSummary training() {
        return training;
    }

    public OodGate gate() {
        return gate;
    }

    public PatternClassifier classifier() {
        return classifier;
    }

    /** The model file's bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "LearnedModel[" + version + ", " + engine + "]";
    }
}
