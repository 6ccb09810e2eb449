package io.hotfire.pipeline.cli;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.pipeline.eval.RunLabel;
import io.hotfire.pipeline.kit.DomainCheck;
import io.hotfire.pipeline.kit.DomainInit;
import io.hotfire.pipeline.kit.DomainTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotfire domain init|check|test}: the domain kit. {@code init} drafts a domain folder from
 * recorded, labelled runs; {@code check} validates a folder and explains every problem; {@code test}
 * runs the rule tests under {@code domains/<id>/tests/}.
 */
@Command(name = "domain", header = "draft, validate and test a domain folder", synopsisSubcommandLabel = "(init | check | test)",
        description = "The domain kit: draft a domain folder from recorded, labelled runs; validate it; run its rule tests.")
public final class DomainCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    private final Cli.Io std;

    private DomainCommand(Cli.Io std) {
        this.std = std;
    }

    static CommandLine command(Cli.Io std) {
        CommandLine cl = new CommandLine(new DomainCommand(std));
        cl.addSubcommand(new Init(std));
        cl.addSubcommand(new Check(std));
        cl.addSubcommand(new Test(std));
        return cl;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        std.err().println("domain: give a subcommand: init, check or test");
        std.err().print(spec.commandLine().getUsageMessage(Ansi.OFF));
        return 2;
    }

    /** Wraps a subcommand's work: a bad argument found late exits 2, any other failure 1. */
    private static int guarded(Cli.Io std, Callable<Integer> work) {
        try {
            return work.call();
        } catch (IllegalArgumentException e) {
            std.err().println("domain: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            std.err().println("domain: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "init", header = "draft a domain folder from recorded, labelled runs", sortOptions = false, description = "Draft a domain folder (profile.yaml, learned.yaml, README.md,"
            + " rules/, tests/) from recorded, labelled runs.")
    static final class Init implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "folder of recorded runs (CSV files)")
        Path data;

        @Option(names = "--labels", paramLabel = "FILE", description = "run labels, JSON lines (default DIR/labels.jsonl)")
        Path labels;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "the new domain's id")
        String id;

        @Option(names = "--out", paramLabel = "DOMAINS_DIR", description = "where the domain folder goes (default --domains)")
        Path out;

        @Mixin
        DomainsOption domains = new DomainsOption();

        private final Cli.Io std;

        Init(Cli.Io std) {
            this.std = std;
        }

        @Override
        public Integer call() {
            return guarded(std, () -> {
                List<RunLabel> runs = RunLabel.readFile(labels != null ? labels : data.resolve("labels.jsonl"));
                DomainInit.Draft d = DomainInit.draft(id, data, runs);
                Path root = out != null ? out : domains.root();
                Path written = DomainInit.write(d, root);
                d.notes().forEach(n -> std.out().println("  " + n));
                std.out().println("drafted " + written + " (profile.yaml, learned.yaml, README.md, rules/, tests/)");
                std.out().println("next: review profile.yaml, then `hotfire domain check " + written + "`");
                return 0;
            });
        }
    }

    @Command(name = "check", header = "validate a domain folder", sortOptions = false, description = "Validate a domain folder and explain every problem; exit 1"
            + " if it has errors.")
    static final class Check implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        DomainsOption domains = new DomainsOption();

        @Parameters(index = "0", paramLabel = "ID|FOLDER", description = "a domain id under --domains, or a domain folder")
        String target;

        private final Cli.Io std;

        Check(Cli.Io std) {
            this.std = std;
        }

        @Override
        public Integer call() {
            return guarded(std, () -> {
                Path folder = Path.of(target);
                if (!Files.isDirectory(folder)) {
                    folder = domains.root().resolve(target);
                }
                DomainCheck.Report r = DomainCheck.check(folder);
                r.ok().forEach(s -> std.out().println("ok       " + s));
                r.warnings().forEach(s -> std.out().println("warning  " + s));
                r.errors().forEach(s -> std.out().println("error    " + s));
                std.out().println(folder + ": " + r.errors().size() + " error(s), " + r.warnings().size() + " warning(s)");
                return r.errors().isEmpty() ? 0 : 1;
            });
        }
    }

    @Command(name = "test", header = "run a domain's rule tests", sortOptions = false, description = "Run the rule tests under domains/<id>/tests/ (every domain when"
            + " no id is given); exit 1 if one fails.")
    static final class Test implements Callable<Integer> {
        @Mixin
        HelpOption help;

        @Mixin
        DomainsOption domains = new DomainsOption();

        @Parameters(arity = "0..*", paramLabel = "ID", description = "domain ids (default: every domain)")
        List<String> ids;

        private final Cli.Io std;

        Test(Cli.Io std) {
            this.std = std;
        }

        @Override
        public Integer call() {
            return guarded(std, () -> {
                DomainCatalog catalog = domains.catalog();
                List<String> which = ids == null || ids.isEmpty() ? catalog.ids() : ids;
                int failed = 0;
                int total = 0;
                for (String id : which) {
                    std.err().println("domain test: " + id + " ...");
                    for (DomainTests.Result r : DomainTests.run(catalog.require(id))) {
                        total++;
                        if (r.passed()) {
                            std.out().println("pass  " + id + "  " + r.file() + "  " + r.name());
                        } else {
                            failed++;
                            std.out().println("FAIL  " + id + "  " + r.file() + "  " + r.name());
                            r.problems().forEach(p -> std.out().println("        " + p));
                        }
                    }
                }
                std.out().println(total + " test(s), " + failed + " failed");
                return failed == 0 ? 0 : 1;
            });
        }
    }
}
