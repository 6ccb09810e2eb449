package io.hotfire.pipeline.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.pipeline.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's path with only the guide (docs/adding-a-domain.md): a folder of short recorded runs
 * of a rig without throttle or phase channel, in its own CSV format (a {@code TIME} column, unit in
 * the header), and a labels.jsonl → {@code domain init} → {@code domain check} → {@code train} →
 * {@code evaluate}.
 */
class DomainKitTest {

    static final int RATE = 1000;
    static final double SECONDS = 1.2;

    /** Three pressures through a valve cycling every 0.4 s; a "LEAK" lowers P3 by 8 % throughout. */
    static void writeRun(Path file, long seed, boolean leak) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("TIME,P1 [MPa],P2 [MPa],P3 [MPa]\n");
        for (int i = 0; i <= SECONDS * RATE; i++) {
            double t = i / (double) RATE;
            double cycle = Math.sin(2 * Math.PI * t / 0.4);
            double p1 = 2.0 + 0.05 * cycle + 0.01 * r.nextGaussian();
            double p2 = 1.9 + 0.10 * cycle + 0.01 * r.nextGaussian();
            double p3 = (1.8 + 0.15 * cycle) * (leak ? 0.92 : 1.0) + 0.01 * r.nextGaussian();
            b.append(String.format(Locale.ROOT, "%.4f,%.5f,%.5f,%.5f%n", t, p1, p2, p3));
        }
        Files.writeString(file, b.toString());
    }

    static Path generate(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("cases"));
        List<String> labels = new ArrayList<>();
        long seed = 1;
        for (int i = 0; i < 48; i++) {
            boolean leak = i % 4 == 3;
            int group = (i / 4) % 4;
            String split = group == 3 ? "test" : group == 2 ? "calibration" : "train";
            String name = "case" + i;
            writeRun(dir.resolve("cases").resolve(name + ".csv"), seed++, leak);
            labels.add("{\"run\":\"" + name + "\",\"file\":\"cases/" + name + ".csv\",\"split\":\"" + split
                    + "\",\"faults\":" + (leak ? "[{\"code\":\"LEAK\",\"onset\":0.0}]" : "[]") + "}");
        }
        Files.write(dir.resolve("labels.jsonl"), labels);
        return dir;
    }

    @Test
    void initCheckTrainAndEvaluateARigFromItsRecordedRuns(@TempDir Path tmp) throws Exception {
        Path data = generate(tmp.resolve("data"));
        Path domains = Files.createDirectories(tmp.resolve("domains"));

        Result init = cli("domain", "init", "--data", data.toString(), "--labels", data.resolve("labels.jsonl").toString(),
                "--id", "rig", "--out", domains.toString());
        assertThat(init.code).as(init.err).isZero();
        String profile = Files.readString(domains.resolve("rig/profile.yaml"));
        assertThat(profile).contains("sampleRateHz: 1000").contains("timeColumn: \"TIME\"").contains("\"P1 [MPa]\": P1")
                .contains("unit: \"MPa\"").doesNotContain("\nthrottle:");
        // Windows and time constants scaled to 1.2 s runs, not the long-run defaults.
        assertThat(profile).contains("windows: {size: 50, step: 10}").contains("unknownAnomalySeconds: 0.15");

        Result check = cli("domain", "check", "rig", "--domains", domains.toString());
        assertThat(check.code).as(check.out + check.err).isZero();
        assertThat(check.out).contains("0 error(s)");

        Path model = tmp.resolve("rig-model.json");
        Result train = cli("train", data.toString(), "--domains", domains.toString(), "--engine", "rig", "--out", model.toString(),
                "--hold-out", "none");
        assertThat(train.code).as(train.err).isZero();

        Result eval = cli("evaluate", data.toString(), "--domains", domains.toString(), "--engine", "rig", "--model",
                model.toString(), "--arm", "rules,learned,hybrid", "--out", tmp.resolve("report").toString());
        assertThat(eval.code).as(eval.err).isZero();
        String report = Files.readString(tmp.resolve("report/report.md"));
        assertThat(report).contains("LEAK");
        // Every run's answer per arm: the hybrid's verdict names its source.
        List<String> answers = Files.readAllLines(tmp.resolve("report/answers.csv"));
        assertThat(answers.get(0)).isEqualTo("arm,run,truth,verdict,source,time,answers");
        assertThat(answers).filteredOn(l -> l.startsWith("hybrid,")).hasSize(12)
                .allMatch(l -> l.split(",", -1)[4].matches("rules|learned|none"));
        assertThat(answers).anyMatch(l -> l.startsWith("hybrid,") && l.contains(",LEAK,LEAK,"));
        // No sensor of a normal run disqualified: the drafted validation fits the rig's own normal runs.
        assertThat(report).doesNotContain("SENSOR_SPIKE").doesNotContain("SENSOR_FROZEN");
    }

    @Test
    void checkExplainsABadFolderAndWarnsOfARuleThatWouldPreemptTheUnknownAnomalyRule(@TempDir Path tmp) throws Exception {
        Path data = generate(tmp.resolve("data"));
        Path domains = Files.createDirectories(tmp.resolve("domains"));
        assertThat(cli("domain", "init", "--data", data.toString(), "--id", "rig", "--out", domains.toString()).code).isZero();
        Path rig = domains.resolve("rig");
        Files.writeString(rig.resolve("rules/30-Leak.drl"), """
                package io.hotfire.domains.rig;

                import io.hotfire.domain.event.Severity;
                import io.hotfire.domain.feature.Deviation;
                import io.hotfire.rules.fact.WindowInfo;
                import io.hotfire.rules.fact.Finding;

                // Why: test rule.
                rule "LK-001 P3 low is a leak"
                    @id("LK-001") @faultCodes("LEAK") @stage("30-isolation") @severity("WARNING") @source("test")
                when
                    WindowInfo( isMainstage() )
                    Deviation( channel == "P3", down() )
                then
                    insertLogical(Finding.of("LEAK", Severity.WARNING, null, "P3 low"));
                end
                """);
        Files.writeString(rig.resolve("tests/bad.yaml"), "csv: none.csv\nmustProduce: [FINDNG:LEAK]\n");

        Result check = cli("domain", "check", rig.toString());
        assertThat(check.code).isEqualTo(1);
        assertThat(check.out).contains("warning").contains("LK-001").contains("UNKNOWN_ANOMALY");
        assertThat(check.out).contains("tests/bad.yaml").contains("unknown event type 'FINDNG'");

        Files.writeString(rig.resolve("profile.yaml"), Files.readString(rig.resolve("profile.yaml")).replace("sampleRateHz: 1000", "sampleRateHz: -1"));
        Result broken = cli("domain", "check", rig.toString());
        assertThat(broken.code).isEqualTo(1);
        assertThat(broken.out).contains("sampleRateHz").contains("must be > 0");
    }

    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
