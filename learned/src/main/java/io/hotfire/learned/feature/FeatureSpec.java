package io.hotfire.learned.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.domain.feature.Phase;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.domain.data.DataNode;
import io.hotfire.learned.data.LearnedDataException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which window features feed the learned parts of one domain, and how they are fitted: data, read
 * from {@code domains/<id>/learned.yaml} (format in learned/README.md), or {@link #defaults} when a
 * domain has none. Sample rate and window sizes are not here: they come from the profile, through
 * {@code WindowBuilder}.
 *
 * @param phase      the only phase whose windows are used (and scored); normally MAINSTAGE
 * @param gate       the out-of-distribution gate's features and settings
 * @param classifier the pattern classifier's features and settings
 */
public record FeatureSpec(Phase phase, GateSpec gate, ClassifierSpec classifier) {

    /** File name of a domain's spec, next to its {@code profile.yaml}. */
    public static final String FILE_NAME = "learned.yaml";


    /**
     * The OOD gate (learned/README.md, "The scorer").
     *
     * @param features           sensor statistics, standardised, compressed and compared with the reference
     * @param operatingPointScale θ beyond the reference windows' range is scored in units of this
     *                           (e.g. 0.01 = 1 % power); 0 = the operating point is not scored
     * @param neighbours         k of the k-nearest-neighbour distance
     * @param compression        c of the compression {@code u = sign(z)·ln(1 + |z|/c)}
     * @param tolerance          per-feature dead zone in compressed units: smaller differences count as noise
     * @param trim               how many sensors with the largest distance are left out of the score
     *                           (a lone failed sensor is sensor validation's business, not a shift)
     * @param referenceStride    keep every n-th training window as reference (windows overlap)
     * @param alpha              conformal level: OOD at p ≤ α; the false-OOD rate is bounded by α
     * @param persistence        consecutive windows at p ≤ α before OOD is declared (and in-distribution windows before it clears)
     * @param baselineWindows    scored windows a run's unit baseline is learned from (0 = no unit baseline)
     * @param trimDoubted        the sensors the rules doubt (handed in per window by the caller) are left out of
     *                           the score; calibration leaves out the labelled failed sensor from its onset
     *                           (learned/README.md, "Trim")
     * @param sequential         a CUSUM on the score's log ratio to the threshold beside the persistence count
     *                           (learned/README.md, "Sequential test"); null: persistence only
     */
    public record GateSpec(List<Feature> features, double operatingPointScale, int neighbours, double compression,
                           double tolerance, int trim, int referenceStride, double alpha, int persistence,
                           int baselineWindows, boolean trimDoubted, SequentialSpec sequential) {
        public GateSpec {
            features = canonical(features);
        }

        public GateSpec(List<Feature> features, double operatingPointScale, int neighbours, double compression,
                        double tolerance, int trim, int referenceStride, double alpha, int persistence,
                        int baselineWindows, boolean trimDoubted) {
            this(features, operatingPointScale, neighbours, compression, tolerance, trim, referenceStride, alpha,
                    persistence, baselineWindows, trimDoubted, null);
        }

        public GateSpec(List<Feature> features, double operatingPointScale, int neighbours, double compression,
                        double tolerance, int trim, int referenceStride, double alpha, int persistence,
                        int baselineWindows) {
            this(features, operatingPointScale, neighbours, compression, tolerance, trim, referenceStride, alpha,
                    persistence, baselineWindows, false);
        }

        public GateSpec(List<Feature> features, double operatingPointScale, int neighbours, double compression,
                        double tolerance, int trim, int referenceStride, double alpha, int persistence) {
            this(features, operatingPointScale, neighbours, compression, tolerance, trim, referenceStride, alpha,
                    persistence, 0);
        }

        public GateSpec withAlpha(double a) {
            return new GateSpec(features, operatingPointScale, neighbours, compression, tolerance, trim, referenceStride,
                    a, persistence, baselineWindows, trimDoubted, sequential);
        }

        public GateSpec withPersistence(int n) {
            return new GateSpec(features, operatingPointScale, neighbours, compression, tolerance, trim, referenceStride,
                    alpha, n, baselineWindows, trimDoubted, sequential);
        }
    }

    /**
     * The gate's sequential test as configured ({@code gate.sequential}); the gate builds its
     * {@code GateSession.Sequential} from it (this package does not depend on the gate's).
     *
     * @param reference the fraction of the threshold at which a window neither adds nor drains evidence, in (0, 1]
     * @param limit     the evidence that declares OOD, &gt; 0
     */
    public record SequentialSpec(double reference, double limit) {
        public SequentialSpec {
            check(reference > 0 && reference <= 1, "sequential.reference", "must lie in (0, 1], got " + reference);
            check(limit > 0 && !Double.isInfinite(limit), "sequential.limit", "must be > 0, got " + limit);
        }
    }

    /**
     * The pattern classifier (multinomial logistic regression, learned/README.md).
     *
     * @param features       channel statistics, standardised
     * @param operatingPoint whether θ is an input too
     * @param l2             ridge penalty on the weights
     * @param iterations     full-batch Adam steps
     * @param learningRate   Adam step size
     * @param stride         keep every n-th training window
     * @param abstain        abstention classes: class name → the labelled codes whose windows train it ({@code SENSOR_*}:
     *                       every code with that prefix). The classifier learns what such windows look like so that they
     *                       no longer look like a fault it may advise on; when an abstention class is the best class no
     *                       code comes out (learned/README.md, "Abstention classes"). Empty: such windows are left out.
     */
    public record ClassifierSpec(List<Feature> features, boolean operatingPoint, double l2, int iterations,
                                 double learningRate, int stride, Map<String, List<String>> abstain) {
        public ClassifierSpec {
            features = canonical(features);
            Map<String, List<String>> a = new LinkedHashMap<>();
            abstain.forEach((k, v) -> a.put(k, List.copyOf(v)));
            abstain = java.util.Collections.unmodifiableMap(a);
        }

        public ClassifierSpec(List<Feature> features, boolean operatingPoint, double l2, int iterations,
                              double learningRate, int stride) {
            this(features, operatingPoint, l2, iterations, learningRate, stride, Map.of());
        }

        /** The abstention class a labelled code trains (null: none, the code is its own class or left out). */
        public String abstentionClassOf(String code) {
            for (Map.Entry<String, List<String>> e : abstain.entrySet()) {
                for (String pattern : e.getValue()) {
                    if (matches(pattern, code)) {
                        return e.getKey();
                    }
                }
            }
            return null;
        }

        static boolean matches(String pattern, String code) {
            return pattern.endsWith("*") ? code.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(code);
        }
    }

    /**
     * Features grouped by statistic, statistics in order of first appearance, channels in given
     * order: the order a spec file can express, so a spec and its JSON form list the same order.
     */
    static List<Feature> canonical(List<Feature> features) {
        Map<Statistic, List<Feature>> by = new LinkedHashMap<>();
        for (Feature f : features) {
            by.computeIfAbsent(f.statistic(), s -> new ArrayList<>()).add(f);
        }
        return by.values().stream().flatMap(List::stream).toList();
    }

    public FeatureSpec withAlpha(double alpha) {
        check(alpha > 0 && alpha < 0.5, "alpha", "must lie in (0, 0.5), got " + alpha);
        return new FeatureSpec(phase, gate.withAlpha(alpha), classifier);
    }

    public FeatureSpec withPersistence(int n) {
        check(n >= 1, "persistence", "must be at least 1, got " + n);
        return new FeatureSpec(phase, gate.withPersistence(n), classifier);
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + " " + message);
        }
    }

    /** The domain's {@value #FILE_NAME} if it has one, else {@link #defaults}. */
    public static FeatureSpec forDomain(DomainCatalog.Domain domain) {
        Path file = domain.folder().resolve(FILE_NAME);
        return Files.isRegularFile(file) ? load(file, domain.profile()) : defaults(domain.profile());
    }

    /** The bytes a domain's spec is read from (the file, or the canonical JSON of the defaults): part of the model key. */
    public static byte[] sourceBytes(DomainCatalog.Domain domain) {
        Path file = domain.folder().resolve(FILE_NAME);
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file)
                    : defaults(domain.profile()).toJson().toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LearnedDataException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
    }

    public static FeatureSpec load(Path file, EngineProfile profile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LearnedDataException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), bytes, profile);
    }

    /** Parses a spec (YAML or JSON) and checks every channel against the profile. */
    public static FeatureSpec parse(String fileName, byte[] bytes, EngineProfile profile) {
        return read(DataNode.parse(fileName, bytes, LearnedDataException::new), profile);
    }

    /**
     * Reads a spec from a node (a spec file's root, or the {@code spec} of a model file); with a
     * profile, every channel is checked against it ({@code null}: names are taken as they are).
     */
    public static FeatureSpec read(DataNode root, EngineProfile profile) {
        // advice: read by the pipeline's router (AdviceSettings), not part of the model.
        root.allowOnly(Set.of("phase", "gate", "classifier", "advice"));
        DataNode ph = root.field("phase");
        Phase phase;
        try {
            phase = Phase.valueOf(ph.textOr("MAINSTAGE"));
        } catch (IllegalArgumentException e) {
            throw ph.error("must be one of " + Arrays.toString(Phase.values()));
        }
        DataNode g = root.field("gate").allowOnly(Set.of("features", "operatingPoint", "neighbours", "compression", "tolerance",
                "trim", "trimDoubted", "referenceStride", "alpha", "persistence", "baseline", "sequential"));
        List<Feature> gateFeatures = FeatureSpecFields.features(g.field("features"), profile, true);
        double opScale = 0;
        DataNode op = g.field("operatingPoint");
        if (!op.isMissing()) {
            op.allowOnly(Set.of("scale"));
            opScale = op.field("scale").number();
            if (opScale <= 0) {
                throw op.field("scale").error("must be > 0, got " + opScale);
            }
        }
        int k = g.field("neighbours").intOr(3);
        FeatureSpecFields.positive(g.field("neighbours"), k);
        double c = g.field("compression").numberOr(1.0);
        if (c <= 0) {
            throw g.field("compression").error("must be > 0, got " + c);
        }
        double tol = g.field("tolerance").numberOr(0.5);
        if (tol < 0) {
            throw g.field("tolerance").error("must be ≥ 0, got " + tol);
        }
        int trim = g.field("trim").intOr(1);
        long sensorsInGate = gateFeatures.stream().map(Feature::group).distinct().count();
        if (trim < 0 || trim >= sensorsInGate) {
            throw g.field("trim").error("must lie in 0.." + (sensorsInGate - 1) + " (fewer than the gate's sensors), got " + trim);
        }
        boolean trimDoubted = g.field("trimDoubted").boolOr(false);
        int refStride = g.field("referenceStride").intOr(5);
        FeatureSpecFields.positive(g.field("referenceStride"), refStride);
        double alpha = g.field("alpha").numberOr(0.01);
        if (!(alpha > 0 && alpha < 0.5)) {
            throw g.field("alpha").error("must lie in (0, 0.5), got " + alpha);
        }
        int persistence = g.field("persistence").intOr(5);
        FeatureSpecFields.positive(g.field("persistence"), persistence);
        int baselineWindows = 0;
        DataNode bl = g.field("baseline");
        if (!bl.isMissing()) {
            bl.allowOnly(Set.of("windows"));
            baselineWindows = bl.field("windows").intOr(10);
            FeatureSpecFields.positive(bl.field("windows"), baselineWindows);
        }
        SequentialSpec sequential = null;
        DataNode sq = g.field("sequential");
        if (!sq.isMissing()) {
            sq.allowOnly(Set.of("reference", "limit"));
            double reference = sq.field("reference").numberOr(1.0);
            if (!(reference > 0 && reference <= 1)) {
                throw sq.field("reference").error("must lie in (0, 1] (a fraction of the threshold), got " + reference);
            }
            double limit = sq.field("limit").number();
            if (!(limit > 0) || Double.isInfinite(limit)) {
                throw sq.field("limit").error("must be > 0, got " + limit);
            }
            sequential = new SequentialSpec(reference, limit);
        }

        DataNode cl = root.field("classifier").allowOnly(Set.of("features", "operatingPoint", "l2", "iterations",
                "learningRate", "stride", "abstain"));
        List<Feature> clFeatures = FeatureSpecFields.features(cl.field("features"), profile, false);
        double l2 = cl.field("l2").numberOr(1e-3);
        if (l2 < 0) {
            throw cl.field("l2").error("must be ≥ 0, got " + l2);
        }
        int iterations = cl.field("iterations").intOr(300);
        FeatureSpecFields.positive(cl.field("iterations"), iterations);
        double lr = cl.field("learningRate").numberOr(0.05);
        if (lr <= 0) {
            throw cl.field("learningRate").error("must be > 0, got " + lr);
        }
        int stride = cl.field("stride").intOr(5);
        FeatureSpecFields.positive(cl.field("stride"), stride);
        Map<String, List<String>> abstain = FeatureSpecFields.abstain(cl.field("abstain"));
        return new FeatureSpec(phase,
                new GateSpec(gateFeatures, opScale, k, c, tol, trim, refStride, alpha, persistence, baselineWindows,
                        trimDoubted, sequential),
                new ClassifierSpec(clFeatures, cl.field("operatingPoint").boolOr(true), l2, iterations, lr, stride, abstain));
    }

    /**
     * The spec of a domain without {@value #FILE_NAME}: the gate sees the relative mean of every
     * sensor with noise plus the operating point (1 % power = 1 unit); the classifier sees relative
     * mean, noise-relative spread and relative slope of those sensors, the relative mean of every
     * derived quantity, and θ.
     */
    public static FeatureSpec defaults(EngineProfile profile) {
        List<String> noisy = profile.sensors().stream().filter(s -> s.noise() > 0).map(SensorSpec::id).toList();
        List<Feature> gate = noisy.stream().map(id -> new Feature(id, Statistic.REL_MEAN)).toList();
        List<Feature> cl = new ArrayList<>();
        for (Statistic s : List.of(Statistic.REL_MEAN, Statistic.NOISE_STD, Statistic.REL_SLOPE)) {
            noisy.forEach(id -> cl.add(new Feature(id, s)));
        }
        profile.derived().forEach(d -> cl.add(new Feature(d.id(), Statistic.REL_MEAN)));
        return new FeatureSpec(Phase.MAINSTAGE,
                new GateSpec(gate, 0.01, 3, 1.0, 0.5, Math.min(1, noisy.size() - 1), 5, 0.01, 5),
                new ClassifierSpec(cl, true, 1e-3, 300, 0.05, 5));
    }

    /** The spec as JSON in the file format (stored in the model file). */
    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("phase", phase.name());
        ObjectNode g = root.putObject("gate");
        g.set("features", featuresJson(gate.features()));
        if (gate.operatingPointScale() > 0) {
            g.putObject("operatingPoint").put("scale", gate.operatingPointScale());
        }
        g.put("neighbours", gate.neighbours());
        g.put("compression", gate.compression());
        g.put("tolerance", gate.tolerance());
        g.put("trim", gate.trim());
        if (gate.trimDoubted()) {
            g.put("trimDoubted", true);
        }
        g.put("referenceStride", gate.referenceStride());
        g.put("alpha", gate.alpha());
        g.put("persistence", gate.persistence());
        if (gate.sequential() != null) {
            g.putObject("sequential").put("reference", gate.sequential().reference()).put("limit", gate.sequential().limit());
        }
        if (gate.baselineWindows() > 0) {
            g.putObject("baseline").put("windows", gate.baselineWindows());
        }
        ObjectNode c = root.putObject("classifier");
        c.set("features", featuresJson(classifier.features()));
        c.put("operatingPoint", classifier.operatingPoint());
        c.put("l2", classifier.l2());
        c.put("iterations", classifier.iterations());
        c.put("learningRate", classifier.learningRate());
        c.put("stride", classifier.stride());
        if (!classifier.abstain().isEmpty()) {
            ObjectNode a = c.putObject("abstain");
            classifier.abstain().forEach((k, v) -> {
                ArrayNode arr = a.putArray(k);
                v.forEach(arr::add);
            });
        }
        return root;
    }

    private static ObjectNode featuresJson(List<Feature> features) {
        Map<Statistic, List<String>> by = new LinkedHashMap<>();
        for (Feature ft : features) {
            by.computeIfAbsent(ft.statistic(), s -> new ArrayList<>()).add(ft.channel());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        by.forEach((s, chans) -> {
            ArrayNode a = o.putArray(s.key());
            chans.forEach(a::add);
        });
        return o;
    }
}
