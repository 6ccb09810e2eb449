package io.hotfire.app.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.pipeline.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotfire intake}: a domain author's labelled notes scored by the offline intake, in-process and without a
 * server. Its figures are {@link io.hotfire.llm.intake.IntakeScore}'s; llm-bridge's evaluation test prints the same
 * ones for GG-1's held-out sets.
 */
class IntakeCommandTest {

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Cli.run(List.of(args), o, e, List.of(new IntakeCommand(o, e)));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String RIGHT_AND_WRONG = """
            notes:
              - id: A1
                text: "Frost on the LOX bleed line flange."
                expected:
                  - {code: FROST_ON_LINE, present: true}
              - id: A2
                text: "Loud whine from the turbopump at T+12."
                runTime: 12.0
                expected:
                  - {code: FROST_ON_LINE, present: true}
              - id: A3
                text: "Nothing to report, good run."
                expected: []
            """;

    static final String ALL_RIGHT = """
            notes:
              - id: B1
                text: "No smell of kerosene near the GG skid after shutdown."
                expected:
                  - {code: FUEL_SMELL_GG_SKID, present: false}
            """;

    @Test
    void scoresEachFileAndThePool_andNamesEveryMiss(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), RIGHT_AND_WRONG);
        Path b = Files.writeString(dir.resolve("b.yaml"), ALL_RIGHT);

        Result r = run("intake", "--matcher-only", "--misses", a.toString(), b.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("the vocabulary matcher alone");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).containsSubsequence("file", "notes", "precision", "recall", "TP", "FP", "FN");
        // A1 coded right; A2 coded a whine its (deliberately wrong) label does not state, and misses the frost it does
        assertThat(lines.get(1)).startsWith(a.toString()).containsSubsequence(" 3 ", "0.500", "0.500", " 1 ", " 1 ", " 1");
        assertThat(lines).contains("  A2 false positive AUDIBLE_WHINE_TURBOPUMP <- 'Loud whine from the turbopump at T+12'",
                "  A2 missed FROST_ON_LINE");
        assertThat(r.out()).doesNotContain("A1 ", "A3 ");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(b.toString()).containsSubsequence(" 1 ", "1.000", "1.000", " 1 ", " 0 ", " 0"));
        assertThat(lines.get(lines.size() - 1)).startsWith("pooled").containsSubsequence(" 4 ", "0.667", "0.667", " 2 ", " 1 ", " 1");
    }

    @Test
    void withoutMisses_onlyTheFigures(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), RIGHT_AND_WRONG);

        Result r = run("intake", "--matcher-only", a.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out()).doesNotContain("missed", "false positive", "pooled");
    }

    @Test
    void aFileOfTheDomainsOwnFolder_isLeftOutOfWhatTheClassifierLearns(@TempDir Path dir) throws IOException {
        Path domains = dir.resolve("domains");
        Path gg1 = domains.resolve("gg1");
        copyWithoutIntake(DomainCatalog.defaultRoot().resolve("gg1"), gg1);
        Path intake = Files.createDirectories(gg1.resolve("intake"));
        Path a = Files.writeString(intake.resolve("a.yaml"), RIGHT_AND_WRONG);
        Files.writeString(intake.resolve("b.yaml"), ALL_RIGHT);

        Result r = run("intake", "--domains", domains.toString(), a.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("classifier trained on 1 labelled notes").contains("left out, being scored: a.yaml");
        assertThat(r.out().lines().toList().get(1)).containsSubsequence(" 3 ");
    }

    @Test
    void aBadFileIsExitOne_namingTheFileAndTheField(@TempDir Path dir) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                notes:
                  - id: X1
                    text: "frost"
                    expected:
                      - {code: FROSTY_THE_SNOWMAN, present: true}
                """);
        Path noTime = Files.writeString(dir.resolve("no-time.yaml"), """
                notes:
                  - id: X2
                    text: "frost"
                    runTime: soon
                    expected: []
                """);

        Result r = run("intake", "--matcher-only", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.yaml", "notes[0].expected[0].code", "FROSTY_THE_SNOWMAN");
        assertThat(r.out()).isEmpty();

        Result t = run("intake", "--matcher-only", noTime.toString());
        assertThat(t.code()).isEqualTo(1);
        assertThat(t.err()).contains("no-time.yaml", "notes[0].runTime");
    }

    @Test
    void anUnknownEngineOrAMissingFileIsExitTwo(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), ALL_RIGHT);

        Result engine = run("intake", "--engine", "rs-25", a.toString());
        assertThat(engine.code()).isEqualTo(2);
        assertThat(engine.err()).contains("unknown engine profile 'rs-25'");

        Result missing = run("intake", dir.resolve("nope.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml", "no such file");

        assertThat(run("intake").code()).isEqualTo(2);
    }

    private static void copyWithoutIntake(Path from, Path to) throws IOException {
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = new ArrayList<>(s.toList());
        }
        for (Path p : all) {
            Path rel = from.relativize(p);
            if (rel.startsWith("intake")) {
                continue;
            }
            Path target = to.resolve(rel.toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }
}
