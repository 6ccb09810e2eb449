package io.hotfire.pipeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command whose module parses its own arguments ({@code simulate}, {@code train}): every
 * argument is passed through unchanged, so that module's options, checks and exit codes (0, 1, 2)
 * hold; its usage (for {@code hotfire help CMD} and the README) is the module's own {@code --help} text.
 */
final class Delegated implements Callable<Integer> {

    /** A module's entry point: arguments after the command name in, exit code out. */
    @FunctionalInterface
    interface Entry {
        int run(List<String> args, PrintStream out, PrintStream err);
    }

    private final Entry entry;
    private final Cli.Io std;
    private final List<String> args = new ArrayList<>();

    private Delegated(Entry entry, Cli.Io std) {
        this.entry = entry;
        this.std = std;
    }

    static CommandLine command(String name, String summary, Entry entry, Cli.Io std) {
        Delegated d = new Delegated(entry, std);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(d);
        spec.name(name);
        spec.usageMessage().header(summary).synopsisHeading("");
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").paramLabel("ARGS").hidden(true)
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T set(T value) {
                        d.args.clear();
                        if (value != null) {
                            d.args.addAll((List<String>) value);
                        }
                        return null;
                    }
                }).type(List.class).auxiliaryTypes(String.class).build());
        spec.parser().unmatchedOptionsArePositionalParams(true);
        CommandLine cl = new CommandLine(spec);
        cl.setUnmatchedOptionsArePositionalParams(true);
        // The module's usage replaces picocli's synopsis, asked for only when usage is printed (it loads the module).
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS, help -> helpText(entry));
        return cl;
    }

    /** What the module prints for {@code --help} (its parser stops there: nothing is loaded). */
    private static String helpText(Entry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        entry.run(List.of("--help"), ps, ps);
        return out.toString(StandardCharsets.UTF_8).stripTrailing() + "\n";
    }

    @Override
    public Integer call() {
        return entry.run(List.copyOf(args), std.out(), std.err());
    }
}
