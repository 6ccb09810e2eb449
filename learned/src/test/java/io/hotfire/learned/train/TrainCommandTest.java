package io.hotfire.learned.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.TwinData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.add("--domains");
        all.add(TwinData.domainsDir().toString());
        return TrainCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private void labels(String... lines) throws Exception {
        Files.writeString(dir.resolve("labels.jsonl"), String.join("\n", lines) + "\n");
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        assertThat(TrainCommand.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: train DIR", "--alpha", "--persistence");
    }

    @Test
    void badArgumentsExitWithTwoAndSayWhatIsWrong() {
        assertThat(run()).isEqualTo(TrainCommand.USAGE);
        assertThat(err()).contains("give the labelled folder");
        assertThat(run(dir.toString(), "--alpah", "0.1")).isEqualTo(2);
        assertThat(err()).contains("unknown option --alpah");
        assertThat(run(dir.toString(), "--alpha", "0.7")).isEqualTo(2);
        assertThat(err()).contains("--alpha must lie in (0, 0.5), got 0.7");
        assertThat(run(dir.toString(), "--alpha", "one")).isEqualTo(2);
        assertThat(err()).contains("--alpha must be a number");
        assertThat(run(dir.toString(), "--persistence", "0")).isEqualTo(2);
        assertThat(err()).contains("--persistence must be at least 1");
        assertThat(run(dir.toString(), "other")).isEqualTo(2);
        assertThat(err()).contains("exactly one labelled folder");
        assertThat(TrainCommand.run(List.of(dir.toString(), "--out"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err()).contains("--out needs a value");
    }

    @Test
    void badDataExitsWithOneNamingTheFileAndField() throws Exception {
        assertThat(run(dir.resolve("none").toString())).isEqualTo(TrainCommand.FAILED);
        assertThat(err()).contains("labels.jsonl does not exist");

        labels("{\"run\":\"a\",\"file\":\"a.csv\",\"split\":\"train\"}");
        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(err()).contains("no in-distribution run in split 'calibration'");

        labels("{\"run\":\"a\",\"file\":\"a.csv\",\"split\":\"train\"}", "{\"run\":\"b\",\"file\":\"b.csv\",\"split\":\"calibration\"}");
        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(err()).contains("run a: file: a.csv cannot be read");

        Files.writeString(dir.resolve("a.csv"), "t,PC_A\n0.00,abc\n");
        Files.writeString(dir.resolve("b.csv"), "t,PC_A\n0.00,1\n");
        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(err()).contains("a.csv: (csv):").contains("not a number");

        labels("{\"run\":\"a\",\"file\":\"a.csv\",\"split\":\"train\",\"faults\":[{\"code\":\"X\",\"onset\":\"soon\"}]}");
        assertThat(run(dir.toString())).isEqualTo(1);
        assertThat(err()).contains("labels.jsonl:1: faults[0].onset: must be a number");

        assertThat(run(dir.toString(), "--engine", "nope")).isEqualTo(1);
        assertThat(err()).contains("unknown engine profile 'nope'");
    }

    @Test
    void tooShortRunsForTheLevelAreRefused() throws Exception {
        Path small = TwinData.layout(42, 20);
        // Copy two runs only, each cut to 6 s: a handful of mainstage windows.
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(small.resolve("labels.jsonl"))) {
            if (line.contains("\"split\":\"train\"") && kept.stream().noneMatch(l -> l.contains("\"split\":\"train\""))
                    || line.contains("\"split\":\"calibration\"") && kept.stream().noneMatch(l -> l.contains("\"split\":\"calibration\""))) {
                kept.add(line);
            }
        }
        for (String line : kept) {
            String file = line.replaceAll(".*\"file\":\"([^\"]+)\".*", "$1");
            List<String> rows = Files.readAllLines(small.resolve(file));
            Files.createDirectories(dir.resolve(file).getParent());
            Files.write(dir.resolve(file), rows.subList(0, 301));
        }
        labels(kept.toArray(String[]::new));
        assertThat(run(dir.toString(), "--alpha", "0.001")).isEqualTo(1);
        assertThat(err()).contains("the calibration split gives").contains("needs at least 999");
    }

    @Test
    void aSmallTwinLayoutTrainsWithTheGivenLevelAndPersistenceAndPrintsTheSummary() {
        Path folder = TwinData.layout(42, 20);
        Path file = dir.resolve("m.json");
        assertThat(run(folder.toString(), "--out", file.toString(), "--alpha", "0.05", "--persistence", "3")).as(err()).isZero();
        LearnedModel m = LearnedModel.load(file);
        assertThat(m.gate().alpha()).isEqualTo(0.05);
        assertThat(m.gate().persistence()).isEqualTo(3);
        assertThat(m.training().holdOut()).containsExactly("OX_INJECTOR_BLOCKAGE");
        assertThat(m.training().calibrationFalseOod()).isBetween(0.025, 0.05);
        String o = out.toString(StandardCharsets.UTF_8);
        assertThat(o).contains("runs:", "20 train", "reference (gate)", "threshold", "alpha 0.0500",
                "false-OOD on calibration windows", "in-sample accuracy", m.version(), file.toString());
    }
}
