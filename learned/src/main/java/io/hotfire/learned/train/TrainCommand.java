package io.hotfire.learned.train;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.learned.data.LearnedDataException;
import io.hotfire.learned.feature.FeatureSpec;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code hotfire train DIR [--engine gg1] [--domains DIR] [--out FILE] [--alpha 0.01]
 * [--persistence N] [--hold-out CODES|none]}: fits the OOD gate and the pattern classifier on
 * {@code DIR/labels.jsonl} (split {@code train}), calibrates the gate on split
 * {@code calibration}, writes the model file and prints a summary. Exit codes: 0 done, 2 bad
 * arguments, 1 bad data or I/O. Never calls {@code System.exit}.
 */
public final class TrainCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: train DIR [options]       fit the OOD gate and the pattern classifier on DIR/labels.jsonl

              DIR                     labelled folder: labels.jsonl + CSV files (split train, calibration)
              --engine ID             engine profile (default gg1)
              --domains DIR           domains folder (default $HOTFIRE_DOMAINS_DIR or ./domains)
              --out FILE              model file (default DIR/learned-model.json)
              --alpha A               conformal level: OOD at p <= A (default: the domain's learned.yaml, else 0.01)
              --persistence N         consecutive windows before OOD is declared (default: learned.yaml, else 5)
              --hold-out CODES|none   codes whose runs are left out (default: DIR/manifest.json holdOut, else none)
              --help""";

    private static final Set<String> WITH_VALUE = Set.of("--engine", "--domains", "--out", "--alpha", "--persistence",
            "--hold-out");

    private TrainCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> opts = new HashMap<>();
        String dirArg = null;
        double alpha = Double.NaN;
        int persistence = 0;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--help")) {
                    out.println(USAGE_TEXT);
                    return OK;
                }
                if (a.startsWith("--")) {
                    String name = a;
                    String value = null;
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        name = a.substring(0, eq);
                        value = a.substring(eq + 1);
                    }
                    if (!WITH_VALUE.contains(name)) {
                        throw new IllegalArgumentException("unknown option " + name);
                    }
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    opts.put(name, value);
                } else if (dirArg == null) {
                    dirArg = a;
                } else {
                    throw new IllegalArgumentException("give exactly one labelled folder, got '" + dirArg + "' and '" + a + "'");
                }
            }
            if (dirArg == null) {
                throw new IllegalArgumentException("give the labelled folder to train on");
            }
            if (opts.containsKey("--alpha")) {
                alpha = number(opts.get("--alpha"), "--alpha");
                if (!(alpha > 0 && alpha < 0.5)) {
                    throw new IllegalArgumentException("--alpha must lie in (0, 0.5), got " + opts.get("--alpha"));
                }
            }
            if (opts.containsKey("--persistence")) {
                try {
                    persistence = Integer.parseInt(opts.get("--persistence"));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--persistence must be a whole number, got '" + opts.get("--persistence") + "'");
                }
                if (persistence < 1) {
                    throw new IllegalArgumentException("--persistence must be at least 1, got " + persistence);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        Path dir = Path.of(dirArg);
        if (!Files.isRegularFile(dir.resolve("labels.jsonl"))) {
            err.println("train: " + dir.resolve("labels.jsonl") + " does not exist (train on a labelled folder, e.g. from"
                    + " ./hotfire simulate --layout standard)");
            return FAILED;
        }
        try {
            DomainCatalog.Domain domain = DomainCatalog.load(Path.of(opts.getOrDefault("--domains",
                    DomainCatalog.defaultRoot().toString()))).require(opts.getOrDefault("--engine", "gg1"));
            FeatureSpec spec = FeatureSpec.forDomain(domain);
            if (!Double.isNaN(alpha)) {
                spec = spec.withAlpha(alpha);
            }
            if (persistence > 0) {
                spec = spec.withPersistence(persistence);
            }
            Set<String> holdOut = holdOut(opts.get("--hold-out"), dir);
            Path file = Path.of(opts.getOrDefault("--out", dir.resolve("learned-model.json").toString()));
            long t0 = System.nanoTime();
            Trainer.Result r = Trainer.train(domain.profile(), spec, dir, holdOut);
            r.model().save(file);
            out.printf(Locale.ROOT, "train: %s on %s, %.1f s%n", domain.profile().id(), dir, (System.nanoTime() - t0) / 1e9);
            r.summary().print(out, r.model().version(), file.toString());
            return OK;
        } catch (LearnedDataException | ProfileException e) {
            err.println("train: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("train: " + e.getMessage());
            return FAILED;
        }
    }

    private static Set<String> holdOut(String arg, Path dir) {
        if (arg == null) {
            return Trainer.holdOutFromManifest(dir);
        }
        if (arg.equals("none")) {
            return Set.of();
        }
        return new LinkedHashSet<>(Arrays.stream(arg.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    }

    private static double number(String s, String name) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + s + "'");
        }
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }
}
