package io.hotfire.pipeline.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.pipeline.CsvWriter;
import io.hotfire.pipeline.SyntheticRun;
import io.hotfire.pipeline.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    final EngineProfile gg1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1").profile();

    @Test
    void theRedlineArmScoresALabelledFolderAndWritesMarkdownAndJson(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("test"));
        CsvWriter.write(gg1, new SyntheticRun(gg1).duration(15).seed(1).frames(), dir.resolve("test/nominal-1.csv"));
        CsvWriter.write(gg1, new SyntheticRun(gg1).duration(15).seed(2).theta(0.75).frames(), dir.resolve("test/nominal-2.csv"));
        CsvWriter.write(gg1, new SyntheticRun(gg1).duration(15).seed(3)
                .override("TIT_A", (t, x) -> t > 8 ? 1400.0 : x).frames(), dir.resolve("test/tc-fail.csv"));
        CsvWriter.write(gg1, new SyntheticRun(gg1).duration(15).seed(4)
                .override("TIT_A", (t, x) -> t > 8 ? x + 30 * (t - 8) : x)
                .override("TIT_B", (t, x) -> t > 8 ? x + 30 * (t - 8) : x).frames(), dir.resolve("test/hot.csv"));
        Files.writeString(dir.resolve("labels.jsonl"), String.join("\n",
                "{\"run\":\"nominal-1\",\"file\":\"test/nominal-1.csv\",\"split\":\"test\",\"distribution\":\"in\",\"faults\":[]}",
                "{\"run\":\"nominal-2\",\"file\":\"test/nominal-2.csv\",\"split\":\"test\",\"distribution\":\"in\",\"faults\":[]}",
                "{\"run\":\"tc-fail\",\"file\":\"test/tc-fail.csv\",\"split\":\"test\",\"distribution\":\"in\","
                        + "\"faults\":[{\"code\":\"SENSOR_BIAS\",\"sensor\":\"TIT_A\",\"onset\":8.0,\"ramp\":0,\"severity\":1}]}",
                "{\"run\":\"hot\",\"file\":\"test/hot.csv\",\"split\":\"test\",\"distribution\":\"ood\",\"redlineReached\":true,"
                        + "\"redlineT\":13.0,\"faults\":[{\"code\":\"GG_FUEL_STARVATION\",\"onset\":8.0,\"ramp\":5,\"severity\":1}]}",
                "{\"run\":\"ignored\",\"file\":\"train/x.csv\",\"split\":\"train\",\"faults\":[]}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Cli.run(List.of("evaluate", dir.toString(), "--arm", "redline"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String md = out.toString(StandardCharsets.UTF_8);
        assertThat(md).contains("4 runs").contains("| false ABORTs on nominal runs | 0 |")
                .contains("| ABORTs on runs with only a failed sensor | 0 |")
                .contains("| nominal runs with an alarm ≥ WARNING | 0 / 2 |");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report/report.json").toFile());
        JsonNode all = json.get("slices").get(0);
        assertThat(all.get("slice").asText()).isEqualTo("all");
        JsonNode bias = findCode(all, "SENSOR_BIAS");
        assertThat(bias.get("tp").asInt()).isEqualTo(1);
        assertThat(bias.get("fn").asInt()).isZero();
        JsonNode gg = findCode(all, "GG_FUEL_STARVATION");
        assertThat(gg.get("fn").asInt()).as("the redline arm cannot isolate a component fault").isEqualTo(1);
        assertThat(all.get("detectedRuns").asInt()).isEqualTo(2);
        assertThat(json.get("slices").get(2).get("slice").asText()).isEqualTo("ood");
        assertThat(json.get("slices").get(2).get("runs").asInt()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("report/report.md")).strip()).isEqualTo(md.strip());
    }

    static JsonNode findCode(JsonNode slice, String code) {
        for (JsonNode c : slice.get("codes")) {
            if (c.get("code").asText().equals(code)) {
                return c;
            }
        }
        throw new AssertionError("no code " + code + " in " + slice);
    }

    @Test
    void aLabelsLineWithoutItsRunNameIsRefusedWithTheLineNumber(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("labels.jsonl"), "{\"run\":\"a\",\"file\":\"a.csv\"}\n{\"file\":\"b.csv\"}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(List.of("evaluate", dir.toString()), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2").contains("'run' is required");
    }
}
