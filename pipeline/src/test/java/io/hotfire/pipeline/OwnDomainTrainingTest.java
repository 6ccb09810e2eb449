package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.pipeline.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A domain without a digital twin (the pump skid in test resources) is trained and evaluated from
 * its own labelled CSVs, as learned/README.md "Labels" documents: {@code train} then
 * {@code evaluate --model}, no Java of the domain's own.
 */
class OwnDomainTrainingTest {

    @Test
    void aDomainWithoutATwinIsTrainedAndEvaluatedFromItsOwnLabelledCsvs(@TempDir Path dir) throws Exception {
        Path domains = SecondDomainTest.domains();
        EngineProfile skid = DomainCatalog.load(domains).require("skid").profile();
        List<String> labels = new ArrayList<>();
        long seed = 100;
        double[] thetas = {0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        for (String split : List.of("train", "calibration", "test")) {
            int nominal = split.equals("train") ? 12 : 6;
            int faulty = split.equals("train") ? 6 : 3;
            for (int i = 0; i < nominal + faulty; i++) {
                double theta = thetas[i % thetas.length];
                boolean fault = i >= nominal;
                SyntheticRun run = new SyntheticRun(skid).duration(40).theta(theta).seed(seed++);
                if (fault) {
                    // A blocked outlet (PS-001's signature): outlet pressure up, flow down, from 15 s.
                    run.override("P_OUT", (t, x) -> t > 15 ? x * 1.15 : x).override("FLOW", (t, x) -> t > 15 ? x * 0.8 : x);
                }
                String name = split + "-" + i;
                CsvWriter.write(skid, run.frames(), Files.createDirectories(dir.resolve(split)).resolve(name + ".csv"));
                labels.add("{\"run\":\"" + name + "\",\"file\":\"" + split + "/" + name + ".csv\",\"split\":\"" + split
                        + "\",\"distribution\":\"in\",\"faults\":" + (fault ? "[{\"code\":\"BLOCKED_OUTLET\",\"onset\":15.0}]" : "[]") + "}");
            }
        }
        // Out of distribution: a suction pressure the skid was never run at, from the start (no fault).
        SyntheticRun shifted = new SyntheticRun(skid).duration(40).theta(0.8).seed(seed).override("P_IN", (t, x) -> x + 0.6)
                .override("P_OUT", (t, x) -> x + 0.6); // the pump adds the same head on a higher suction pressure
        CsvWriter.write(skid, shifted.frames(), dir.resolve("test").resolve("shifted.csv"));
        labels.add("{\"run\":\"shifted\",\"file\":\"test/shifted.csv\",\"split\":\"test\",\"distribution\":\"ood\","
                + "\"faults\":[],\"shift\":{\"knobs\":[\"inlet-pressure\"]}}");
        Files.write(dir.resolve("labels.jsonl"), labels);

        Path model = dir.resolve("skid-model.json");
        // The skid's windows step 0.5 s, so the default persistence of 5 windows alone would take 2.5 s.
        Result train = cli("train", dir.toString(), "--domains", domains.toString(), "--engine", "skid", "--out", model.toString(),
                "--persistence", "2");
        assertThat(train.code).as(train.err).isZero();
        assertThat(model).isRegularFile();

        Result eval = cli("evaluate", dir.toString(), "--domains", domains.toString(), "--engine", "skid", "--model",
                model.toString(), "--arm", "rules,learned,hybrid", "--out", dir.resolve("report").toString());
        assertThat(eval.code).as(eval.err).isZero();
        String report = Files.readString(dir.resolve("report").resolve("report.md"));
        assertThat(report).contains("hybrid · in").contains("hybrid · ood").contains("BLOCKED_OUTLET");
        assertThat(report).containsPattern("\\| gate: shifted runs flagged OOD within 2 s of the shift \\|.*\\| 1 / 1 \\|");
        // The shift is there from the skid's own mainstage start (2 s after the start command, its profile says).
        // Replaying a run with the model reproduces the routed decisions, each stamped with rules + model versions.
        Result replay = cli("replay", "--domains", domains.toString(), "--engine", "skid", "--model", model.toString(),
                dir.resolve("test").resolve("shifted.csv").toString());
        assertThat(replay.code).as(replay.err).isZero();
        assertThat(replay.out).contains("\"type\":\"ROUTE\",\"code\":\"OUT_OF_DISTRIBUTION\"")
                .containsPattern("\"ruleSet\":\"skid-[0-9a-f]+\\+learned-[0-9a-f]{12}\"");
        // The skid declares no qualified ranges: its shift is the gate's to find.
        assertThat(report).containsPattern("\\| shifted \\| inlet-pressure · nominal \\| 2\\.\\d\\d s \\| [2-4]\\.\\d\\d s \\| gate \\| yes \\| "
                + "[2-4]\\.\\d\\d s \\|");
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
