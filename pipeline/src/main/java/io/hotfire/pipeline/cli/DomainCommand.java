package io.hotfire.pipeline.cli;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.pipeline.eval.RunLabel;
import io.hotfire.pipeline.kit.DomainCheck;
import io.hotfire.pipeline.kit.DomainInit;
import io.hotfire.pipeline.kit.DomainTests;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code hotfire domain init|check|test}: the domain kit. {@code init} drafts a domain folder from
 * recorded, labelled runs; {@code check} validates a folder and explains every problem; {@code test}
 * runs the rule tests under {@code domains/<id>/tests/}.
 */
public final class DomainCommand {

    static final String USAGE = """
            usage: hotfire domain init --data DIR [--labels FILE] --id ID [--out DOMAINS_DIR]
                   hotfire domain check ID|FOLDER [--domains DIR]
                   hotfire domain test [ID ...] [--domains DIR]      (every domain when no id is given)""";

    private DomainCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        try {
            return switch (args.get(0)) {
                case "init" -> init(args.subList(1, args.size()), out, err);
                case "check" -> check(args.subList(1, args.size()), out, err);
                case "test" -> test(args.subList(1, args.size()), out, err);
                default -> {
                    err.println("domain: unknown subcommand '" + args.get(0) + "'");
                    err.println(USAGE);
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("domain: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("domain: " + e.getMessage());
            return 1;
        }
    }

    private static int init(List<String> args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("--data", "--labels", "--id", "--out", "--domains"), Set.of());
        String data = o.get("--data", null);
        String id = o.get("--id", null);
        if (data == null || id == null) {
            err.println(USAGE);
            return 2;
        }
        Path dir = Path.of(data);
        Path labels = Path.of(o.get("--labels", dir.resolve("labels.jsonl").toString()));
        List<RunLabel> runs = RunLabel.readFile(labels);
        DomainInit.Draft d = DomainInit.draft(id, dir, runs);
        Path root = Path.of(o.get("--out", o.get("--domains", DomainCatalog.defaultRoot().toString())));
        Path written = DomainInit.write(d, root);
        d.notes().forEach(n -> out.println("  " + n));
        out.println("drafted " + written + " (profile.yaml, learned.yaml, README.md, rules/, tests/)");
        out.println("next: review profile.yaml, then `hotfire domain check " + written + "`");
        return 0;
    }

    private static int check(List<String> args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("--domains"), Set.of());
        if (o.positional.size() != 1) {
            err.println(USAGE);
            return 2;
        }
        Path folder = Path.of(o.positional.get(0));
        if (!Files.isDirectory(folder)) {
            folder = Path.of(o.get("--domains", DomainCatalog.defaultRoot().toString())).resolve(o.positional.get(0));
        }
        DomainCheck.Report r = DomainCheck.check(folder);
        r.ok().forEach(s -> out.println("ok       " + s));
        r.warnings().forEach(s -> out.println("warning  " + s));
        r.errors().forEach(s -> out.println("error    " + s));
        out.println(folder + ": " + r.errors().size() + " error(s), " + r.warnings().size() + " warning(s)");
        return r.errors().isEmpty() ? 0 : 1;
    }

    private static int test(List<String> args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, Set.of("--domains"), Set.of());
        DomainCatalog catalog = DomainCatalog.load(Path.of(o.get("--domains", DomainCatalog.defaultRoot().toString())));
        List<String> ids = o.positional.isEmpty() ? catalog.ids() : o.positional;
        int failed = 0;
        int total = 0;
        for (String id : ids) {
            for (DomainTests.Result r : DomainTests.run(catalog.require(id))) {
                total++;
                if (r.passed()) {
                    out.println("pass  " + id + "  " + r.file() + "  " + r.name());
                } else {
                    failed++;
                    out.println("FAIL  " + id + "  " + r.file() + "  " + r.name());
                    r.problems().forEach(p -> out.println("        " + p));
                }
            }
        }
        out.println(total + " test(s), " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
