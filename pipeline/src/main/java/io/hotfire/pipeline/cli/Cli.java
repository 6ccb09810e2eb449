package io.hotfire.pipeline.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The offline subcommands of {@code ./hotfire} (everything except {@code serve}): each runs the
 * same pipeline as the server, in-process, without a server or a database.
 */
public final class Cli {

    /** A subcommand: arguments after its name in, exit code out. */
    @FunctionalInterface
    public interface Command {
        int run(List<String> args, PrintStream out, PrintStream err);
    }

    private static final Map<String, Command> COMMANDS = new TreeMap<>(Map.of(
            "replay", ReplayCommand::run,
            "evaluate", EvaluateCommand::run,
            "shadow", ShadowCommand::run,
            "simulate", io.hotfire.sim.cli.SimulateCommand::run,
            "train", io.hotfire.learned.train.TrainCommand::run,
            "rules", RulesCommand::run,
            "domain", DomainCommand::run));

    private static final Map<String, String> HELP = Map.of(
            "domain", "domain init --data DIR --labels FILE --id ID | check ID | test [ID]   draft, validate and test a domain folder",
            "train", "train DIR [--out FILE] [--alpha 0.01]                     fit the OOD gate and the learned pattern model",
            "simulate", "simulate --out DIR [--layout standard | --fault CODE@T ...] [--live URL]   labelled runs from the GG-1 twin",
            "shadow", "shadow --candidate DOMAINS RUN.csv|DIR                   replay with a candidate rule set and print what changes",
            "evaluate", "evaluate DIR [--arm redline,rules,learned,hybrid] [--split test] [--model FILE]   score arms side by side",
            "replay", "replay [--engine ID] [--domains DIR] RUN.csv   run a recorded CSV through the pipeline, one JSON event per line",
            "rules", "rules [--engine ID] [--domains DIR]            list the loaded rules with their metadata");

    private Cli() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            usage(out);
            return args.isEmpty() ? 2 : 0;
        }
        Command c = COMMANDS.get(args.get(0));
        if (c == null) {
            err.println("hotfire: unknown command '" + args.get(0) + "'");
            usage(err);
            return 2;
        }
        return c.run(args.subList(1, args.size()), out, err);
    }

    private static void usage(PrintStream out) {
        out.println("usage: hotfire [serve | COMMAND ...]");
        out.println("  serve                                          serve the API and console on :8080 (default)");
        new TreeMap<>(HELP).values().forEach(h -> out.println("  " + h));
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }
}
