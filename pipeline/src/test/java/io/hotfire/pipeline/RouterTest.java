package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.learned.LearnedModel;
import io.hotfire.pipeline.cli.Cli;
import io.hotfire.pipeline.eval.RunLabel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hybrid router end to end: a model trained on the twin (a small standard layout), then runs
 * replayed with rules + gate. In distribution the learned advice is shown as advisory; out of
 * distribution the route changes, advice stops and the rules decide.
 */
class RouterTest {

    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
    static DiagnosisEngine hybrid;
    static LearnedModel learned;

    @TempDir
    static Path dir;

    @BeforeAll
    static void train() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
        Path layout = dir.resolve("layout");
        assertThat(Cli.run(List.of("simulate", "--out", layout.toString(), "--layout", "standard", "--runs", "60",
                "--seed", "5"), quiet, errs)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path model = dir.resolve("model.json");
        assertThat(Cli.run(List.of("train", layout.toString(), "--out", model.toString()), quiet, errs))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        learned = LearnedModel.load(model);
        hybrid = DiagnosisEngine.load(GG1).withRouter(learned);
    }

    /** Windows after a sensor the rules doubted that still show that sensor among the gate's contributions. */
    static List<String> doubtedSensorInScore(DiagnosisEngine engine, String sensor, String... simulateArgs) throws Exception {
        Path out = Files.createTempDirectory(dir, "run");
        List<String> args = new ArrayList<>(List.of("simulate", "--out", out.toString(), "--seed", "77", "--duration", "30"));
        args.addAll(List.of(simulateArgs));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Cli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        RunLabel label = RunLabel.read(out).get(0);
        List<Frame> frames = new CsvFrameReader(GG1.profile()).read(Files.readString(out.resolve(label.file())), 0);
        List<String> seen = new ArrayList<>();
        boolean[] doubted = {false};
        try (RunMonitor m = engine.open(label.run(), (w, route) -> {
            io.hotfire.learned.gate.GateResult r = route.gate();
            // The gate scores a window before the rules see it: the rules' doubt counts from the window after.
            if (doubted[0] && r != null && r.window().scored() && r.window().contributions().stream()
                    .anyMatch(c -> sensor.equals(c.channel()))) {
                seen.add(String.valueOf(w.tEnd()));
            }
        })) {
            for (Frame f : frames) {
                for (Event e : m.accept(f)) {
                    if (e.type() == EventType.SENSOR && sensor.equals(e.sensor())) {
                        doubted[0] = true;
                    }
                }
            }
        }
        assertThat(doubted[0]).as("the rules found the failed sensor").isTrue();
        return seen;
    }

    /** The test model with other gate trim settings (the calibration scores unchanged). */
    static LearnedModel withTrim(int trim, boolean trimDoubted) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("model.json").toFile());
        com.fasterxml.jackson.databind.node.ObjectNode spec = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("spec").get("gate");
        spec.put("trim", trim);
        spec.put("trimDoubted", trimDoubted);
        Path edited = dir.resolve("model-trim-" + trim + "-" + trimDoubted + ".json");
        json.writeValue(edited.toFile(), root);
        return LearnedModel.load(edited);
    }

    @Test
    void aGateThatTrimsDoubtedSensorsGetsTheRulesDoubtsFromThePipeline() throws Exception {
        // GG-1's learned.yaml trims the doubted sensors (issue #20), so the test model does.
        assertThat(learned.gate().trimDoubted()).isTrue();
        assertThat(doubtedSensorInScore(hybrid, "P_F_DIS", "--throttle", "85", "--sensor-fault", "BIAS:P_F_DIS@12"))
                .as("windows scored with the disqualified sensor").isEmpty();
        // The former trim (the largest sensor of each distance) reports the biased sensor as trimmed, not as absent.
        LearnedModel largest = withTrim(1, false);
        assertThat(largest.gate().trimDoubted()).isFalse();
        assertThat(doubtedSensorInScore(DiagnosisEngine.load(GG1).withRouter(largest), "P_F_DIS", "--throttle", "85",
                "--sensor-fault", "BIAS:P_F_DIS@12")).isNotEmpty();
    }

    static List<Event> replay(String... simulateArgs) throws Exception {
        return replay(hybrid, simulateArgs);
    }

    static List<Event> replay(DiagnosisEngine engine, String... simulateArgs) throws Exception {
        Path out = Files.createTempDirectory(dir, "run");
        List<String> args = new ArrayList<>(List.of("simulate", "--out", out.toString(), "--seed", "77", "--duration", "30"));
        args.addAll(List.of(simulateArgs));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Cli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        RunLabel label = RunLabel.read(out).get(0);
        List<Frame> frames = new CsvFrameReader(GG1.profile()).read(Files.readString(out.resolve(label.file())), 0);
        List<Event> events = new ArrayList<>();
        try (RunMonitor m = engine.open(label.run())) {
            for (Frame f : frames) {
                events.addAll(m.accept(f));
            }
        }
        return events;
    }

    @Test
    void aQualifiedNominalRunStaysInDistributionWithoutAnyAdvice() throws Exception {
        List<Event> events = replay("--throttle", "85");
        List<Event> routes = events.stream().filter(e -> e.type() == EventType.ROUTE).toList();
        assertThat(routes).as("the route is established at the first scored window, restated once when the unit "
                + "baseline is fixed, and never changes").hasSize(2).allMatch(e -> e.code().equals("IN_DISTRIBUTION"));
        assertThat(routes.get(0).message()).isEqualTo("In distribution: learned/LLM advice shown as advisory");
        assertThat(routes.get(1).message()).isEqualTo("In distribution: learned/LLM advice shown as advisory; "
                + "unit baseline fixed from the first 10 mainstage windows, every feature within the family's spread");
        assertThat(routes.get(1).evidence()).containsEntry("restated", true).containsKey("unitBaseline");
        assertThat(routes).allMatch(e -> "gate".equals(e.evidence().get("decidedBy"))).noneMatch(e -> e.evidence().containsKey("envelope"));
        assertThat(events).noneMatch(e -> e.type() == EventType.ADVICE);
        assertThat(events).noneMatch(e -> e.type() == EventType.FINDING);
    }

    @Test
    void densifiedLoxTakesTheRouteOutOfDistributionAndSuppressesAdvice() throws Exception {
        List<Event> events = replay("--throttle", "85", "--lox-inlet", "75");
        List<Event> routes = events.stream().filter(e -> e.type() == EventType.ROUTE).toList();
        // LOX at 75 K is below the qualified 90-95 K (RT-004) from the first mainstage window: the route is out by
        // construction at once, before the gate's persistence has passed (the gate's sequential test may trip in
        // the same window: its score is several times the threshold).
        Event route = routes.get(0);
        assertThat(route.code()).isEqualTo("OUT_OF_DISTRIBUTION");
        assertThat(route.message()).startsWith("Rules authoritative: outside the qualified envelope (T_OX_IN ");
        assertThat(route.evidence()).containsKeys("pValue", "threshold", "topFeatures", "model", "envelope");
        assertThat(route.evidence().get("decidedBy")).isIn("envelope", "gate+envelope");
        assertThat((String) route.evidence().get("learnedAdvice")).startsWith("suppressed: outside the qualified envelope");
        // The gate's own verdict follows within its persistence: the route now rests on both.
        Event both = routes.stream().filter(e -> "gate+envelope".equals(e.evidence().get("decidedBy"))).findFirst().orElseThrow();
        assertThat(both.code()).isEqualTo("OUT_OF_DISTRIBUTION");
        assertThat(both.message()).contains("outside the qualified envelope (T_OX_IN ")
                .contains(" and pattern outside validated distribution (p = ");
        assertThat(routes).noneMatch(e -> e.code().equals("IN_DISTRIBUTION"));
        assertThat(events).noneMatch(e -> e.type() == EventType.ADVICE);
        assertThat(events).noneMatch(e -> e.type() == EventType.ABORT);
    }

    /** One window as the hybrid routed it. */
    record Routed(double t, double theta, boolean ood, boolean gateOod, String decidedBy) {
    }

    static List<Routed> routes(String... simulateArgs) throws Exception {
        return routes(hybrid, simulateArgs);
    }

    static List<Routed> routes(DiagnosisEngine engine, String... simulateArgs) throws Exception {
        Path out = Files.createTempDirectory(dir, "run");
        List<String> args = new ArrayList<>(List.of("simulate", "--out", out.toString(), "--seed", "77", "--duration", "30"));
        args.addAll(List.of(simulateArgs));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Cli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        RunLabel label = RunLabel.read(out).get(0);
        List<Frame> frames = new CsvFrameReader(GG1.profile()).read(Files.readString(out.resolve(label.file())), 0);
        List<Routed> seen = new ArrayList<>();
        try (RunMonitor m = engine.open(label.run(), (w, r) -> {
            if (r.scored()) {
                seen.add(new Routed(w.tEnd(), w.theta(), r.ood(), r.gateOod(), r.decidedBy()));
            }
        })) {
            for (Frame f : frames) {
                m.accept(f);
            }
        }
        return seen;
    }

    @Test
    void anUprateOfOnePercentIsRoutedOutInTheWindowItLeavesTheEnvelopeAndBackInAfterThePersistence() throws Exception {
        // 101 % lies inside the gate's dead zone (1 op unit against a tolerance of 0.5: 0.25 of a squared threshold
        // of several units), so the gate alone calls it in distribution; the learned parts were never validated
        // there, and the rules say so (RT-003).
        List<Routed> windows = routes("--throttle", "85,101@12,85@20");
        List<Routed> above = windows.stream().filter(r -> r.theta() > 1.0 + 1e-9).toList();
        assertThat(above).as("windows above the qualified range").hasSizeGreaterThan(20)
                .allMatch(Routed::ood, "routed out of distribution in every window above 100 %");
        assertThat(above).anyMatch(r -> !r.gateOod() && r.decidedBy().equals("envelope"));
        assertThat(windows).filteredOn(r -> r.t() < 11.9).noneMatch(Routed::ood);
        // Back in the range: out for the gate's persistence (5 windows, the last with an excursion included), then in.
        int last = windows.indexOf(above.get(above.size() - 1));
        List<Routed> after = windows.subList(last + 1, Math.min(windows.size(), last + 30));
        assertThat(after).as("after the excursion, while the gate stays in").allMatch(r -> !r.gateOod());
        assertThat(after.subList(0, 4)).allMatch(Routed::ood).allMatch(r -> r.decidedBy().equals("envelope"));
        assertThat(after.subList(4, after.size())).noneMatch(Routed::ood);
    }

    @Test
    void aRunHeldAtTheQualifiedEdgeOf70PercentIsNeverRoutedByTheEnvelope() throws Exception {
        // 25 samples at 70 % average to 0.6999999999999997: inside the range up to rounding (QualifiedRange.covers).
        List<Routed> windows = routes("--throttle", "70");
        assertThat(windows).hasSizeGreaterThan(100).allMatch(r -> r.theta() > 0.69 && r.theta() < 0.71);
        assertThat(windows).allMatch(r -> r.ood() == r.gateOod(), "the route is the gate's own")
                .allMatch(r -> r.decidedBy().equals("gate"));
    }

    /** The ROUTE events of a replay that name concurrent faults. */
    static List<Event> concurrentRoutes(DiagnosisEngine engine, String... simulateArgs) throws Exception {
        return replay(engine, simulateArgs).stream().filter(e -> e.type() == EventType.ROUTE)
                .filter(e -> String.valueOf(e.evidence().get("decidedBy")).contains("concurrent")).toList();
    }

    @Test
    void aKnownFaultWithASensorTheRulesDoubtIsRoutedOutAsConcurrentFaults() throws Exception {
        // GG-1's learned.yaml routes concurrent faults out (issue #20), so the test engine does.
        assertThat(hybrid.advice().concurrentFaults()).isTrue();
        // The whirl alone (negative): a known fault; the route never names concurrent faults.
        assertThat(concurrentRoutes(hybrid, "--throttle", "85", "--fault", "TP_ROTOR_WHIRL@12")).isEmpty();
        // A failed sensor alone (negative): the rules doubt it, nothing concurrent.
        assertThat(concurrentRoutes(hybrid, "--throttle", "85", "--sensor-fault", "DEAD:T_TURB_EX@20")).isEmpty();
        // Both (positive): once the rules hold the whirl and doubt the dead sensor, the route is out by construction,
        // and the ROUTE event says which faults.
        List<Event> both = concurrentRoutes(hybrid, "--throttle", "85", "--fault", "TP_ROTOR_WHIRL@12",
                "--sensor-fault", "DEAD:T_TURB_EX@20");
        assertThat(both).isNotEmpty().allMatch(e -> e.code().equals("OUT_OF_DISTRIBUTION") && e.t() >= 20);
        assertThat(both.get(0).evidence()).containsKey("concurrent");
        assertThat(both.get(0).message()).contains("the rules see faults at once (").contains("with doubted T_TURB_EX");
        // Without the setting the same run is never routed by concurrent faults.
        DiagnosisEngine off = DiagnosisEngine.load(GG1).withRouter(learned, new AdviceSettings(0.9, 5, true, true, false));
        assertThat(concurrentRoutes(off, "--throttle", "85", "--fault", "TP_ROTOR_WHIRL@12",
                "--sensor-fault", "DEAD:T_TURB_EX@20")).isEmpty();
    }

    @Test
    void aKnownFaultInDistributionGetsAdvisoryAdviceBesideTheRuleFinding() throws Exception {
        List<Event> events = replay("--throttle", "85", "--fault", "TP_ROTOR_WHIRL@12");
        assertThat(events).anyMatch(e -> e.type() == EventType.FINDING && e.code().equals("TP_ROTOR_WHIRL"));
        assertThat(events).filteredOn(e -> e.type() == EventType.ADVICE)
                .allSatisfy(e -> {
                    assertThat(e.severity().name()).isEqualTo("WATCH");
                    assertThat(e.evidence()).containsEntry("advisory", true);
                });
        assertThat(events).filteredOn(e -> e.type() == EventType.RECOMMENDATION)
                .allSatisfy(e -> assertThat(e.rules()).allMatch(r -> r.startsWith("RC-")));
    }

    @Test
    void aCodeTheClassifierHoldsAsAnAbstentionClassIsNeverAdvised() throws Exception {
        // Positive: the model as trained advises this fault (in distribution, at the domain's threshold).
        String[] run = {"--throttle", "85", "--fault", "GG_FUEL_STARVATION@12"};
        List<Event> plain = replay(run);
        String advised = plain.stream().filter(e -> e.type() == EventType.ADVICE).map(Event::code).findFirst().orElseThrow();
        assertThat(plain).anyMatch(e -> e.type() == EventType.DIAGNOSIS && advised.equals(e.code())
                && "learned".equals(e.evidence().get("source")));
        // Negative: the same weights, with that class declared an abstention class (learned.yaml classifier.abstain):
        // the classifier still ranks it first, but it is not a fault answer, so nothing is advised on it.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("model.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("spec").get("classifier")).putObject("abstain")
                .putArray(advised).add("NOT_A_CODE_IN_THE_LABELS");
        Path edited = dir.resolve("model-abstaining.json");
        json.writeValue(edited.toFile(), root);
        LearnedModel abstaining = LearnedModel.load(edited);
        assertThat(abstaining.classifier().abstentions()).containsExactly(advised);
        List<Event> events = replay(DiagnosisEngine.load(GG1).withRouter(abstaining), run);
        assertThat(events).noneMatch(e -> e.type() == EventType.ADVICE && advised.equals(e.code()));
        assertThat(events).filteredOn(e -> e.type() == EventType.DIAGNOSIS)
                .noneMatch(e -> "learned".equals(e.evidence().get("source")));
    }

    /** The windows of one simulated run (seed 77, 30 s), in order. */
    static List<io.hotfire.domain.feature.WindowSnapshot> windows(String... simulateArgs) throws Exception {
        Path out = Files.createTempDirectory(dir, "run");
        List<String> args = new ArrayList<>(List.of("simulate", "--out", out.toString(), "--seed", "77", "--duration", "30"));
        args.addAll(List.of(simulateArgs));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Cli.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        RunLabel label = RunLabel.read(out).get(0);
        io.hotfire.domain.feature.WindowBuilder b = new io.hotfire.domain.feature.WindowBuilder(GG1.profile());
        List<io.hotfire.domain.feature.WindowSnapshot> ws = new ArrayList<>();
        for (Frame f : new CsvFrameReader(GG1.profile()).read(Files.readString(out.resolve(label.file())), 0)) {
            io.hotfire.domain.feature.WindowSnapshot w = b.add(f);
            if (w != null) {
                ws.add(w);
            }
        }
        return ws;
    }

    /** The advice standing after each part of the windows, fed to one run's advice state in order. */
    static List<String> advisedAfter(LearnedModel model, List<List<io.hotfire.domain.feature.WindowSnapshot>> parts) {
        return advisedAfter(model, AdviceSettings.forDomain(GG1), parts);
    }

    static List<String> advisedAfter(LearnedModel model, AdviceSettings settings,
            List<List<io.hotfire.domain.feature.WindowSnapshot>> parts) {
        LearnedAdvice advice = new LearnedAdvice(model, settings, GG1.profile());
        io.hotfire.learned.gate.GateSession gate = model.gate().session();
        LearnedAdvice.Run run = advice.start(gate);
        List<String> out = new ArrayList<>();
        for (List<io.hotfire.domain.feature.WindowSnapshot> part : parts) {
            for (io.hotfire.domain.feature.WindowSnapshot w : part) {
                io.hotfire.learned.gate.GateResult g = gate.update(w);
                run.events(w, g, g.ood(), java.util.Set.of(), java.util.Set.of());
            }
            out.add(run.advised());
        }
        return out;
    }

    @Test
    void anAbstentionClassHeldForTheAdvicesWindowsWithdrawsTheAdviceStanding() throws Exception {
        List<io.hotfire.domain.feature.WindowSnapshot> starvation = windows("--throttle", "85", "--fault", "GG_FUEL_STARVATION@12");
        List<io.hotfire.domain.feature.WindowSnapshot> whirl = windows("--throttle", "85", "--fault", "TP_ROTOR_WHIRL@12");
        List<io.hotfire.domain.feature.WindowSnapshot> whirlLate = whirl.subList(whirl.size() - 60, whirl.size());
        List<String> plain = advisedAfter(learned, List.of(starvation, whirlLate));
        String advised = plain.get(0);
        assertThat(advised).as("the model as trained advises on the first run").isNotNull();
        // The class the classifier holds longest at the advice probability on the second part's windows.
        AdviceSettings settings = AdviceSettings.forDomain(GG1);
        java.util.Map<String, Integer> longest = new java.util.TreeMap<>();
        String current = null;
        int streak = 0;
        for (io.hotfire.domain.feature.WindowSnapshot w : whirlLate) {
            io.hotfire.learned.classify.Prediction p = learned.classifier().predict(w);
            String code = p.fault() && p.best().probability() >= settings.probability() ? p.best().code() : null;
            streak = code != null && code.equals(current) ? streak + 1 : 1;
            current = code;
            if (code != null) {
                longest.merge(code, streak, Math::max);
            }
        }
        String held = longest.entrySet().stream().filter(e -> !e.getKey().equals(advised) && e.getValue() >= settings.windows())
                .map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        // Negative: without an abstention class the advice does not simply vanish.
        assertThat(plain.get(1)).isNotNull();
        // Positive: the same weights with that class declared an abstention class: held for the advice's windows,
        // it withdraws the advice standing.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("model.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("spec").get("classifier")).putObject("abstain")
                .putArray(held).add("NOT_A_CODE_IN_THE_LABELS");
        Path edited = dir.resolve("model-withdrawing.json");
        json.writeValue(edited.toFile(), root);
        List<String> abstaining = advisedAfter(LearnedModel.load(edited), List.of(starvation, whirlLate));
        assertThat(abstaining.get(0)).isEqualTo(advised);
        assertThat(abstaining.get(1)).isNull();
    }

    /** GG-1's advice settings with {@code evidence} for one code. */
    static AdviceSettings withEvidence(String code, List<String> channels) {
        AdviceSettings a = AdviceSettings.forDomain(GG1);
        return new AdviceSettings(a.probability(), a.windows(), a.leaveOneSensorOut(), a.withoutUnitOffsets(),
                a.concurrentFaults(), java.util.Map.of(code, channels));
    }

    @Test
    void anAnswerWithEvidenceChannelsIsAdvisedOnlyWhenItRestsOnThem() throws Exception {
        List<io.hotfire.domain.feature.WindowSnapshot> starvation = windows("--throttle", "85", "--fault", "GG_FUEL_STARVATION@12");
        String advised = advisedAfter(learned, List.of(starvation)).get(0);
        assertThat(advised).as("the model as trained advises this run").isNotNull();
        AdviceSettings settings = AdviceSettings.forDomain(GG1);
        java.util.Map<String, int[]> bySensor = LearnedAdvice.inputsBySensor(learned, GG1.profile());
        // Positive: every sensor named as the code's evidence: without them the classifier no longer gives it.
        assertThat(advisedAfter(learned, withEvidence(advised, List.copyOf(bySensor.keySet())), List.of(starvation)).get(0))
                .isEqualTo(advised);
        // Negative: a sensor the answer does not rest on (the code stays at the advice probability without it in every
        // window the classifier gives it there) as its only evidence: nothing is advised.
        List<double[]> at = new ArrayList<>();
        for (io.hotfire.domain.feature.WindowSnapshot w : starvation) {
            io.hotfire.learned.classify.Prediction p = learned.classifier().predict(w);
            if (p.scored() && p.best().code().equals(advised) && p.best().probability() >= settings.probability()) {
                at.add(learned.classifier().inputs(w));
            }
        }
        String bystander = bySensor.entrySet().stream().filter(e -> at.stream().allMatch(raw -> {
            double[] x = raw.clone();
            for (int j : e.getValue()) {
                x[j] = Double.NaN;
            }
            io.hotfire.learned.classify.CodeProbability best = learned.classifier().predict(x).get(0);
            return best.code().equals(advised) && best.probability() >= settings.probability();
        })).map(java.util.Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(advisedAfter(learned, withEvidence(advised, List.of(bystander)), List.of(starvation)).get(0)).isNull();
    }

    @Test
    void anEvidenceChannelNoInputReadsIsRefusedNamingIt() {
        assertThatThrownBy(() -> new LearnedAdvice(learned, withEvidence("VALVE_SLOW", List.of("MOV_POS", "NOT_A_CHANNEL")),
                GG1.profile())).hasMessageContaining("advice.evidence.VALVE_SLOW").hasMessageContaining("NOT_A_CHANNEL");
        assertThat(LearnedAdvice.evidenceInputs(withEvidence("VALVE_SLOW", List.of("MOV_POS", "JACKET_DP")),
                LearnedAdvice.inputsBySensor(learned, GG1.profile()), learned.classifier().features()).get("VALVE_SLOW"))
                .as("a sensor's inputs and a derived quantity's own").isNotEmpty();
    }

    @Test
    void aSensorCarriesItsOwnInputsAndThoseOfTheQuantitiesDerivedFromIt() {
        java.util.Map<String, int[]> bySensor = LearnedAdvice.inputsBySensor(learned, GG1.profile());
        List<io.hotfire.learned.feature.Feature> fs = learned.classifier().features();
        List<String> pFInj = java.util.Arrays.stream(bySensor.get("P_F_INJ")).mapToObj(j -> fs.get(j).name()).toList();
        assertThat(pFInj).contains("P_F_INJ.relMean", "P_F_INJ.noiseStd", "P_F_INJ.relSlope", "JACKET_DP.relMean",
                "F_INJ_DP.relMean").doesNotContain("P_F_DIS.relMean", "PC_A.relMean", "MR.relMean");
        List<String> pcA = java.util.Arrays.stream(bySensor.get("PC_A")).mapToObj(j -> fs.get(j).name()).toList();
        assertThat(pcA).contains("PC_A.relMean", "OX_INJ_DP.relMean", "F_INJ_DP.relMean").doesNotContain("JACKET_DP.relMean");
        assertThat(bySensor).doesNotContainKeys("MR", "JACKET_DP");
    }

    @Test
    void aBiasedSensorGetsNoLearnedAdviceAndTheRulesSensorFindingIsTheVerdict() throws Exception {
        // GG-1's learned.yaml asks for the lone-sensor check: a bias on one transducer (a leak to the classifier,
        // on the twin) is carried by that sensor alone, so nothing is advised; once the rules disqualify it,
        // their sensor finding is the hybrid's verdict.
        List<Event> events = replay("--throttle", "85", "--sensor-fault", "BIAS:P_F_INJ@12");
        Event sensor = events.stream().filter(e -> e.type() == EventType.SENSOR && "P_F_INJ".equals(e.sensor()))
                .findFirst().orElseThrow();
        assertThat(events).noneMatch(e -> e.type() == EventType.ADVICE);
        assertThat(events).filteredOn(e -> e.type() == EventType.DIAGNOSIS && e.t() >= sensor.t()).last()
                .satisfies(d -> {
                    assertThat(d.code()).contains(sensor.code() + "@P_F_INJ");
                    assertThat(d.evidence()).containsEntry("source", "rules").containsEntry("advisory", false);
                });
    }

    @Test
    void aNominalUnitAtTheFamilysEdgeOnTheNoisiestStandGetsNoAdvice() throws Exception {
        // The unit check of GG-1's learned.yaml: what the classifier reads into this unit while its baseline
        // is learned, or what its own offsets carry, is the unit (on the twin such units were read as VALVE_SLOW).
        List<Event> events = replay("--throttle", "80", "--unit-offset", "0.007,0.005,0.004", "--noise-scale", "2.0");
        assertThat(events).filteredOn(e -> e.type() == EventType.ROUTE).allMatch(e -> e.code().equals("IN_DISTRIBUTION"));
        assertThat(events).noneMatch(e -> e.type() == EventType.ADVICE);
        assertThat(events).filteredOn(e -> e.type() == EventType.DIAGNOSIS).allMatch(e -> e.code().equals("NONE"));
    }
}
