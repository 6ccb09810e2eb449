package io.hotfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.pipeline.cli.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The whole command line of the packaged application, in-process and without a server: every
 * command answers {@code --help} with exit 0 and names each of its options; an unknown option or
 * command is exit 2 with a message; and the usage in the README and docs/cli.md is the one the
 * code prints (regenerate with {@code -Dhotfire.cli.write-usage=true}).
 */
class CommandLineTest {

    static final Path README = Path.of("..", "README.md");
    static final Path CLI_DOC = Path.of("..", "docs", "cli.md");
    static final String START = "<!-- generated usage: start (CommandLineTest) -->";
    static final String END = "<!-- generated usage: end -->";

    record Result(int code, String out, String err) {
    }

    static List<Object> appCommands(PrintStream out, PrintStream err) {
        return LauncherCommands.all(() -> {
            throw new AssertionError("the server must not start");
        }, null, new ByteArrayInputStream(new byte[0]), out, err);
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Cli.run(List.of(args), o, e, appCommands(o, e));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every command path: [], [replay], [domain], [domain, init], ... */
    static List<List<String>> commands() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<List<String>> all = new ArrayList<>();
        walk(Cli.commandLine(quiet, quiet, appCommands(quiet, quiet)), List.of(), all);
        return all;
    }

    private static void walk(CommandLine c, List<String> path, List<List<String>> all) {
        all.add(path);
        c.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                walk(sub, p, all);
            }
        });
    }

    static CommandLine find(List<String> path) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        CommandLine c = Cli.commandLine(quiet, quiet, appCommands(quiet, quiet));
        for (String p : path) {
            c = c.getSubcommands().get(p);
        }
        return c;
    }

    @Test
    void everyCommandAnswersHelpWithExitZeroAndNamesEachOfItsOptions() {
        List<List<String>> commands = commands();
        assertThat(commands).contains(List.of("replay"), List.of("evaluate"), List.of("shadow"), List.of("simulate"),
                List.of("train"), List.of("rules"), List.of("domain", "init"), List.of("domain", "check"),
                List.of("domain", "test"), List.of("serve"), List.of("hash-password"), List.of("keycloak"));
        for (List<String> path : commands) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Result r = run(args.toArray(String[]::new));
            assertThat(r.code()).as("%s --help: %s", path, r.err()).isZero();
            assertThat(r.out()).as("%s --help", path).containsIgnoringCase("usage");
            for (OptionSpec o : find(path).getCommandSpec().options()) {
                assertThat(r.out()).as("%s --help names %s", path, o.longestName()).contains(o.longestName());
            }
        }
    }

    @Test
    void theHelpOfReplayTrainAndEvaluateNamesTheirModelDomainAndWhyNotOptions() {
        assertThat(run("replay", "--help").out()).contains("--model", "--why-not", "--engine", "--domains", "RUN.csv|DIR");
        assertThat(run("evaluate", "--help").out()).contains("--model", "--engine", "--domains", "--arm", "--split", "--out");
        assertThat(run("train", "--help").out()).contains("--engine", "--domains", "--out", "--alpha");
        assertThat(run("simulate", "--help").out()).contains("--out", "--layout", "--engine", "--domains");
        assertThat(run("help", "replay")).extracting(Result::code).isEqualTo(0);
        assertThat(run("help").code()).isZero();
        assertThat(run("--help").code()).isZero();
    }

    @Test
    void anUnknownOptionIsExitTwoWithAMessageNamingIt() {
        for (List<String> path : commands()) {
            if (path.isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>(path);
            args.add("--frobnicate");
            Result r = run(args.toArray(String[]::new));
            assertThat(r.code()).as("%s --frobnicate: %s", path, r.err()).isEqualTo(2);
            assertThat(r.err()).as("%s", path).containsIgnoringCase("unknown option").contains("--frobnicate");
        }
        Result r = run("launch-rocket");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'launch-rocket'");
        assertThat(run().code()).isEqualTo(2);
        assertThat(run("replay").err()).contains("Missing required parameter");
    }

    @Test
    void theUsageInTheReadmeAndDocsIsTheOneTheCodePrints() throws Exception {
        String top = "```\n" + run("--help").out().stripTrailing() + "\n```";
        String all = "```\n" + Cli.usageOfAll(appCommands(System.out, System.err)).stripTrailing() + "\n```";
        boolean write = Boolean.getBoolean("hotfire.cli.write-usage");
        check(README, top, write);
        check(CLI_DOC, all, write);
    }

    private static void check(Path file, String generated, boolean write) throws Exception {
        String text = Files.readString(file);
        Matcher m = Pattern.compile(Pattern.quote(START) + "\n(.*?)\n" + Pattern.quote(END), Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("%s has a generated usage block", file).isTrue();
        if (write) {
            Files.writeString(file, text.substring(0, m.start(1)) + generated + text.substring(m.end(1)));
        } else {
            assertThat(m.group(1)).as("%s is out of date: run CommandLineTest with -Dhotfire.cli.write-usage=true", file)
                    .isEqualTo(generated);
        }
    }
}
