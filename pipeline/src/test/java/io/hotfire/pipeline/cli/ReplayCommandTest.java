package io.hotfire.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.pipeline.CsvWriter;
import io.hotfire.pipeline.SyntheticRun;
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

class ReplayCommandTest {

    static EngineProfile gg1;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void profile() {
        gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1").profile();
    }

    int replay(String... args) {
        return Cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    List<JsonNode> lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                nodes.add(json.readTree(l));
            }
        }
        return nodes;
    }

    @Test
    void replayingARedlineRunPrintsAnAbortLineWithTimeTypeCodeSeverityAndRules(@TempDir Path dir) throws Exception {
        Path csv = CsvWriter.write(gg1, new SyntheticRun(gg1).duration(12)
                .override("PC_A", (t, x) -> t > 8 ? 11.6 + (x - 9.7) : x)
                .override("PC_B", (t, x) -> t > 8 ? 11.6 + (x - 9.7) : x)
                .override("MDOT_OX", (t, x) -> t > 8 ? x * 1.19 : x)
                .override("MDOT_F", (t, x) -> t > 8 ? x * 1.19 : x).frames(), dir.resolve("run.csv"));

        assertThat(replay("replay", "--engine", "gg1", csv.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();

        List<JsonNode> events = lines();
        assertThat(events).allSatisfy(e -> assertThat(e.fieldNames()).toIterable()
                .contains("t", "type", "code", "severity", "rules"));
        JsonNode abort = events.stream().filter(e -> e.get("type").asText().equals("ABORT")).findFirst().orElseThrow();
        assertThat(abort.get("code").asText()).isEqualTo("REDLINE_HIGH");
        assertThat(abort.get("severity").asText()).isEqualTo("SEVERE");
        assertThat(abort.get("sensor").asText()).isIn("PC_A", "PC_B");
        assertThat(abort.get("rules").toString()).contains("RL-001");
        assertThat(abort.get("t").asDouble()).isBetween(8.0, 8.3);
    }

    @Test
    void replayingANominalRunPrintsNothingAboveWatch(@TempDir Path dir) throws Exception {
        Path csv = CsvWriter.write(gg1, new SyntheticRun(gg1).duration(20).theta(0.8).frames(), dir.resolve("nominal.csv"));
        assertThat(replay("replay", csv.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(lines()).isNotEmpty().allSatisfy(e -> assertThat(e.get("severity").asText()).isEqualTo("WATCH"));
    }

    @Test
    void aNonNumericCellFailsWithItsLineAndColumn(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "t,PC_A,PC_B\n0.00,9.7,9.7\n0.02,9.7,oops\n");
        assertThat(replay("replay", csv.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.csv").contains("line 3").contains("PC_B");
    }

    @Test
    void aMissingFileFailsWithAMessage() {
        assertThat(replay("replay", "/nonexistent/run.csv")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }

    @Test
    void anUnknownEngineOrOptionIsAnArgumentError(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("x.csv");
        Files.writeString(csv, "t\n0\n");
        assertThat(replay("replay", "--engine", "nope", csv.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown engine profile 'nope'");
        assertThat(replay("replay", "--frobnicate", csv.toString())).isEqualTo(2);
    }

    @Test
    void aFolderAndAFileAreReplayedInOneProcessWithEveryLineTaggedWithItsRunAndProgressOnStderr(@TempDir Path dir)
            throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs").resolve("test"));
        CsvWriter.write(gg1, new SyntheticRun(gg1).duration(12)
                .override("PC_A", (t, x) -> t > 8 ? 11.6 + (x - 9.7) : x)
                .override("PC_B", (t, x) -> t > 8 ? 11.6 + (x - 9.7) : x)
                .override("MDOT_OX", (t, x) -> t > 8 ? x * 1.19 : x)
                .override("MDOT_F", (t, x) -> t > 8 ? x * 1.19 : x).frames(), runs.resolve("redline.csv"));
        CsvWriter.write(gg1, new SyntheticRun(gg1).duration(8).theta(0.8).frames(), runs.resolve("nominal.csv"));
        Path single = CsvWriter.write(gg1, new SyntheticRun(gg1).duration(8).frames(), dir.resolve("single.csv"));

        assertThat(replay("replay", dir.resolve("runs").toString(), single.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();

        List<JsonNode> events = lines();
        assertThat(events).allSatisfy(e -> assertThat(e.get("run")).isNotNull());
        assertThat(events.stream().map(e -> e.get("run").asText()).distinct().toList())
                .containsExactly("test/nominal.csv", "test/redline.csv", "single.csv");
        assertThat(events).filteredOn(e -> e.get("type").asText().equals("ABORT"))
                .allSatisfy(e -> assertThat(e.get("run").asText()).isEqualTo("test/redline.csv")).isNotEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("[1/3] test/nominal.csv").contains("[3/3] single.csv")
                .contains("3 runs (0 failed)");
    }

    @Test
    void aBadFileAmongSeveralFailsTheReplayButTheOthersAreStillReplayed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-bad.csv"), "t,PC_A,PC_B\n0.00,9.7,9.7\n0.02,9.7,oops\n");
        CsvWriter.write(gg1, new SyntheticRun(gg1).duration(8).frames(), dir.resolve("b-good.csv"));
        assertThat(replay("replay", dir.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("a-bad.csv").contains("line 3").contains("1 failed");
        assertThat(lines()).isNotEmpty().allSatisfy(e -> assertThat(e.get("run").asText()).isEqualTo("b-good.csv"));
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        assertThat(replay("replay", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--engine", "--domains", "--model", "--why-not", "RUN.csv|DIR");
    }

    @Test
    void anUnknownCommandIsRefused() {
        assertThat(replay("launch-rocket")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'launch-rocket'");
    }
}
