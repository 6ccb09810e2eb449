package io.hotfire.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.sim.CsvTable;
import io.hotfire.sim.Gg1;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--domains");
        all.add(Gg1.domainsDir().toString());
        return SimulateCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<JsonNode> labels(Path folder) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("labels.jsonl"))) {
            out.add(json.readTree(line));
        }
        return out;
    }

    @Test
    void aSingleFaultRunWritesAnIcdCsvAndItsLabel() throws Exception {
        Path o = dir.resolve("one");
        assertThat(run("--out", o.toString(), "--fault", "LOX_PUMP_CAVITATION@12:3:0.8", "--throttle", "90", "--duration", "30",
                "--seed", "5")).as(err()).isZero();
        assertThat(out.toString()).contains("wrote 1 run(s)");
        List<JsonNode> labels = labels(o);
        assertThat(labels).hasSize(1);
        JsonNode l = labels.get(0);
        assertThat(l.get("run").asText()).isEqualTo("lox-pump-cavitation-0001");
        assertThat(l.get("split").asText()).isEqualTo("single");
        assertThat(l.get("distribution").asText()).isEqualTo("in");
        assertThat(l.get("seed").asLong()).isEqualTo(5);
        assertThat(l.get("durationS").asDouble()).isEqualTo(30.0);
        JsonNode f = l.get("faults").get(0);
        assertThat(f.get("code").asText()).isEqualTo("LOX_PUMP_CAVITATION");
        assertThat(f.get("sensor").isNull()).isTrue();
        assertThat(f.get("onset").asDouble()).isEqualTo(12.0);
        assertThat(f.get("ramp").asDouble()).isEqualTo(3.0);
        assertThat(f.get("severity").asDouble()).isEqualTo(0.8);
        assertThat(l.has("redlineReached")).isTrue();
        CsvTable csv = CsvTable.read(o.resolve(l.get("file").asText()));
        assertThat(csv.header()).first().isEqualTo("t");
        assertThat(csv.header().subList(1, csv.header().size())).isEqualTo(Gg1.profile().sensorIds());
        assertThat(csv.rows()).hasSize(1500);
    }

    @Test
    void aDeadSensorIsAnEmptyCell() throws Exception {
        Path o = dir.resolve("dead");
        Files.createDirectories(o);
        Path scenario = o.resolve("s.yaml");
        Files.writeString(scenario, "durationS: 20\nfaults: [{code: SENSOR_DEAD, sensor: P_GG, onset: 10, mode: empty}]\n");
        assertThat(run("--out", o.toString(), "--scenario", scenario.toString())).as(err()).isZero();
        JsonNode l = labels(o).get(0);
        List<String> lines = Files.readAllLines(o.resolve(l.get("file").asText()));
        int col = Gg1.profile().indexOf("P_GG") + 1;
        assertThat(lines.get(lines.size() - 1).split(",", -1)[col]).isEmpty();
        assertThat(l.get("faults").get(0).get("sensor").asText()).isEqualTo("P_GG");
        assertThat(l.get("faults").get(0).get("mode").asText()).isEqualTo("empty");
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path c = dir.resolve("c");
        String[] common = {"--fault", "TURBINE_EFFICIENCY_LOSS@10", "--sensor-fault", "SPIKE:PC_A@12", "--throttle", "80,90@15",
            "--duration", "25", "--runs", "2"};
        assertThat(run(concat(new String[] {"--out", a.toString(), "--seed", "77"}, common))).isZero();
        assertThat(run(concat(new String[] {"--out", b.toString(), "--seed", "77"}, common))).isZero();
        assertThat(run(concat(new String[] {"--out", c.toString(), "--seed", "78"}, common))).isZero();
        List<Path> files = files(a);
        assertThat(files).hasSize(3);
        for (Path rel : files) {
            assertThat(Files.readAllBytes(b.resolve(rel))).as(rel.toString()).isEqualTo(Files.readAllBytes(a.resolve(rel)));
        }
        Path csv = files.stream().filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
        assertThat(Files.readAllBytes(c.resolve(csv))).isNotEqualTo(Files.readAllBytes(a.resolve(csv)));
    }

    @Test
    void aSmallStandardLayoutHoldsEverySplitEveryCodeAndEveryShiftKnob() throws Exception {
        Path o = dir.resolve("layout");
        assertThat(run("--out", o.toString(), "--layout", "standard", "--runs", "40", "--duration", "12", "--seed", "3"))
                .as(err()).isZero();
        assertThat(out.toString()).containsPattern("wrote \\d+ runs \\([0-9.]+ MB\\) to .* in [0-9.]+ s");
        List<JsonNode> labels = labels(o);
        assertThat(labels).extracting(l -> l.get("split").asText()).contains("train", "calibration", "test");
        for (JsonNode l : labels) {
            assertThat(Files.exists(o.resolve(l.get("file").asText()))).isTrue();
        }
        List<String> trainCodes = codes(labels, "train");
        List<String> testCodes = codes(labels, "test");
        for (String code : Gg1.domain().catalog().codes()) {
            if (code.equals("OX_INJECTOR_BLOCKAGE")) {
                assertThat(trainCodes).doesNotContain(code);
                assertThat(codes(labels, "calibration")).doesNotContain(code);
            } else {
                assertThat(trainCodes).contains(code);
            }
            assertThat(testCodes).contains(code);
        }
        for (String kind : List.of("SENSOR_DRIFT", "SENSOR_BIAS", "SENSOR_FROZEN", "SENSOR_DEAD", "SENSOR_SPIKE")) {
            assertThat(trainCodes).contains(kind);
        }
        List<String> knobs = labels.stream().filter(l -> l.get("split").asText().equals("test"))
                .flatMap(l -> stream(l.get("shift").get("knobs"))).toList();
        assertThat(knobs).contains("deep-throttle", "uprate", "densified-lox", "chilled-rp1", "engine-unit", "fault-under-shift",
                "held-out-fault", "compound-fault", "novel-fault");
        assertThat(labels.stream().filter(l -> !l.get("split").asText().equals("test"))
                .allMatch(l -> l.get("distribution").asText().equals("in"))).isTrue();
        assertThat(labels.stream().filter(l -> l.get("faults").isEmpty()).allMatch(l -> !l.get("redlineReached").asBoolean()))
                .as("no nominal run reaches a redline").isTrue();
        assertThat(o.resolve("manifest.json")).exists();
    }

    @Test
    void theSameLayoutSeedWritesTheSameLayout() throws Exception {
        Path a = dir.resolve("la");
        Path b = dir.resolve("lb");
        assertThat(run("--out", a.toString(), "--layout", "standard", "--runs", "20", "--duration", "10", "--threads", "2")).isZero();
        assertThat(run("--out", b.toString(), "--layout", "standard", "--runs", "20", "--duration", "10", "--threads", "1")).isZero();
        List<Path> files = files(a);
        assertThat(files).isEqualTo(files(b));
        for (Path rel : files) {
            assertThat(Files.readAllBytes(b.resolve(rel))).as(rel.toString()).isEqualTo(Files.readAllBytes(a.resolve(rel)));
        }
    }

    @Test
    void anExistingOutputIsNotOverwrittenWithoutForce() {
        Path o = dir.resolve("twice");
        assertThat(run("--out", o.toString(), "--duration", "10")).isZero();
        assertThat(run("--out", o.toString(), "--duration", "10")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--force");
        assertThat(run("--out", o.toString(), "--duration", "10", "--force")).isZero();
    }

    @Test
    void helpPrintsTheOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--layout standard", "--fault", "--sensor-fault", "--live");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("--out", dir.toString(), "--colour", "red")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("unknown option --colour");
    }

    @Test
    void anOptionWithoutItsValueIsAUsageError() {
        assertThat(run("--seed", "1", "--out")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--out needs a value");
    }

    @Test
    void anUnknownFaultCodeIsNamed() {
        assertThat(run("--out", dir.toString(), "--fault", "WARP_CORE_BREACH@10")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("unknown fault code 'WARP_CORE_BREACH'");
    }

    @Test
    void aSeverityAboveOneIsRejected() {
        assertThat(run("--out", dir.toString(), "--fault", "TP_ROTOR_WHIRL@10:1:1.5")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("severity must lie in 0..1");
    }

    @Test
    void aSensorFaultNeedsKindAndSensor() {
        assertThat(run("--out", dir.toString(), "--sensor-fault", "DRIFT@10")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("KIND:SENSOR");
        assertThat(run("--out", dir.toString(), "--sensor-fault", "MELT:PC_A@10")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("unknown kind 'MELT'");
    }

    @Test
    void theLayoutRefusesSingleRunOptions() {
        assertThat(run("--out", dir.toString(), "--layout", "standard", "--fault", "TP_ROTOR_WHIRL")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("drop --fault");
    }

    @Test
    void anUnknownLayoutIsRejected() {
        assertThat(run("--out", dir.toString(), "--layout", "huge")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("only 'standard'");
    }

    @Test
    void withoutAnOutputFolderNothingIsWritten() {
        assertThat(run("--fault", "TP_ROTOR_WHIRL")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("--out DIR");
    }

    @Test
    void aFaultAfterShutdownAsksForALongerRun() {
        assertThat(run("--out", dir.toString(), "--duration", "20", "--fault", "TP_ROTOR_WHIRL@25")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("lengthen --duration");
    }

    @Test
    void aBadScenarioFileFailsNamingTheField() throws Exception {
        Path s = dir.resolve("bad.yaml");
        Files.writeString(s, "faults: [{code: TP_ROTOR_WHIRL, onset: 10, severity: 2}]\n");
        assertThat(run("--out", dir.resolve("x").toString(), "--scenario", s.toString())).isEqualTo(SimulateCommand.FAILED);
        assertThat(err()).contains("faults[0].severity");
    }

    @Test
    void anUnknownEngineIsNamed() {
        assertThat(run("--out", dir.toString(), "--engine", "rs25")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("unknown engine profile 'rs25'");
    }

    @Test
    void liveOptionsNeedAnHttpUrl() {
        assertThat(run("--live", "ftp://x")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("http(s) URL");
        assertThat(run("--out", dir.toString(), "--token", "t")).isEqualTo(SimulateCommand.USAGE);
        assertThat(err()).contains("only go with --live");
    }

    private static List<String> codes(List<JsonNode> labels, String split) {
        List<String> codes = new ArrayList<>();
        labels.stream().filter(l -> l.get("split").asText().equals(split))
                .forEach(l -> l.get("faults").forEach(f -> codes.add(f.get("code").asText())));
        return codes;
    }

    private static Stream<String> stream(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
        return out.stream();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
