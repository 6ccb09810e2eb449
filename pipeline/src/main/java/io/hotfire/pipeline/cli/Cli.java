package io.hotfire.pipeline.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The offline subcommands of {@code ./hotfire} (everything except {@code serve}), on picocli: each
 * runs the same pipeline as the server, in-process, without a server, a database or a CDI
 * container. Every command answers {@code --help} with exit 0 and a usage naming every option; a
 * bad argument (unknown option or command, missing parameter) exits 2 with one line saying what
 * is wrong; a failure of the work itself exits 1.
 *
 * <p>{@code simulate} and {@code train} keep their own parsers in their modules and are passed
 * their arguments unchanged; their {@code --help} is the module's usage text.
 */
@Command(name = "hotfire", synopsisSubcommandLabel = "[serve | COMMAND]",
        description = "Diagnostics expert system for liquid rocket engine test stands. With no command (or serve), serve the API"
                + " and console; any other command runs offline, with no server.",
        footer = {"", "Exit codes: 0 done, 1 the work failed (bad file, failed test), 2 bad arguments.",
                "Run 'hotfire COMMAND --help' for a command's options."})
public final class Cli implements Callable<Integer> {

    /** The streams every command writes to: its output on {@code out}, messages and progress on {@code err}. */
    public record Io(PrintStream out, PrintStream err) {
    }

    @CommandLine.Mixin
    HelpOption help;

    private final Io std;

    private Cli(Io std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        std.err().println("hotfire: give a command");
        std.err().print(new CommandLine(this).getUsageMessage(Ansi.OFF));
        return 2;
    }

    /**
     * The whole command tree writing to {@code out}/{@code err}; {@code extra} are further
     * picocli commands (the app adds {@code serve} and {@code hash-password}), listed first.
     */
    public static CommandLine commandLine(PrintStream out, PrintStream err, List<Object> extra) {
        Io std = new Io(out, err);
        CommandLine cl = new CommandLine(new Cli(std));
        for (Object c : extra) {
            cl.addSubcommand(c);
        }
        cl.addSubcommand(new ReplayCommand(std));
        cl.addSubcommand(new EvaluateCommand(std));
        cl.addSubcommand(new ShadowCommand(std));
        cl.addSubcommand(Delegated.command("simulate", "labelled runs from the GG-1 digital twin, or one run streamed live",
                io.hotfire.sim.cli.SimulateCommand::run, std));
        cl.addSubcommand(Delegated.command("train", "fit the OOD gate and the learned pattern model",
                io.hotfire.learned.train.TrainCommand::run, std));
        cl.addSubcommand(new RulesCommand(std));
        cl.addSubcommand(DomainCommand.command(std));
        cl.addSubcommand(new CommandLine.HelpCommand());
        configure(cl, out, err);
        return cl;
    }

    private static void configure(CommandLine cl, PrintStream out, PrintStream err) {
        cl.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        cl.setUsageHelpLongOptionsMaxWidth(28);
        cl.setParameterExceptionHandler((ex, args) -> badArguments(ex, args, cl, err));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println(c.getCommandSpec().qualifiedName(" ") + ": " + ex);
            return 1;
        });
    }

    private static int badArguments(ParameterException ex, String[] args, CommandLine top, PrintStream err) {
        CommandLine c = ex.getCommandLine();
        String name = c.getCommandSpec().qualifiedName(" ");
        String unknown = ex instanceof UnmatchedArgumentException ? null : unknownOption(c, args);
        if (unknown != null) {
            // picocli checks required parameters before unknown options: name the typo, not what it displaced.
            err.println(name + ": Unknown option: '" + unknown + "'");
            err.println("Try '" + name + " --help' for the options.");
        } else if (c == top && ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            err.println(name + ": unknown command '" + u.getUnmatched().get(0) + "'");
            err.print(top.getUsageMessage(Ansi.OFF));
        } else {
            err.println(name + ": " + ex.getMessage());
            err.println("Try '" + name + " --help' for the options.");
        }
        err.flush();
        return 2;
    }

    /** The first {@code --word} argument that is no option of {@code c}, or null. */
    private static String unknownOption(CommandLine c, String[] args) {
        for (String a : args) {
            if (a.matches("--?[A-Za-z].*")) {
                String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (c.getCommandSpec().findOption(option) == null && c.getSubcommands().get(a) == null) {
                    return option;
                }
            }
        }
        return null;
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, List.of());
    }

    public static int run(List<String> args, PrintStream out, PrintStream err, List<Object> extra) {
        CommandLine cl = commandLine(out, err, extra);
        int code = cl.execute(args.toArray(String[]::new));
        cl.getOut().flush();
        cl.getErr().flush();
        out.flush();
        err.flush();
        return code;
    }

    /** The usage of the top command and of every command under it, as {@code COMMAND --help} prints it. */
    public static String usageOfAll(List<Object> extra) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
        CommandLine top = commandLine(quiet, quiet, extra);
        StringBuilder sb = new StringBuilder();
        List<CommandLine> all = new ArrayList<>();
        collect(top, all);
        for (CommandLine c : all) {
            if (c.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            sb.append("$ ").append(c.getCommandSpec().qualifiedName(" ")).append(" --help\n");
            sb.append(c.getUsageMessage(Ansi.OFF)).append('\n');
        }
        return sb.toString();
    }

    private static void collect(CommandLine c, List<CommandLine> all) {
        all.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, all));
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }
}
