package io.hotfire.pipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.pipeline.eval.Arm;
import io.hotfire.pipeline.eval.Evaluator;
import io.hotfire.pipeline.eval.FamilyCheck;
import io.hotfire.pipeline.eval.Report;
import io.hotfire.pipeline.eval.RunLabel;
import io.hotfire.pipeline.eval.RunOutcome;
import io.hotfire.rules.engine.RuleCompilationException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotfire evaluate DIR [--arm redline,rules] [--split test] [--out DIR]}: replays every run
 * of a labelled folder through each arm and prints the report (Markdown on stdout; Markdown and
 * JSON files in {@code --out}, default {@code DIR/report}).
 */
@Command(name = "evaluate", header = "score arms side by side on a labelled folder, split in/ood", sortOptions = false,
        description = "Replay every run of a labelled folder (labels.jsonl + CSV files) through each arm and score them side"
                + " by side, split in-distribution / out-of-distribution: a Markdown report on stdout, report.md,"
                + " report.json and answers.csv in --out.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Mixin
    DomainOptions domainOptions = new DomainOptions();

    @Option(names = "--arm", paramLabel = "ARMS", defaultValue = "redline,rules",
            description = "comma-separated arms among redline, rules, learned, hybrid (default ${DEFAULT-VALUE})")
    String armList;

    @Option(names = "--split", paramLabel = "NAME",
            description = "only the runs of this split (default: test if the folder has one, else every run)")
    String splitOption;

    @Option(names = "--out", paramLabel = "DIR", description = "where the report files go (default DIR/report)")
    Path outOption;

    @Option(names = "--model", paramLabel = "FILE",
            description = "learned model for the learned and hybrid arms (default: the domain's twin-trained model)")
    Path modelOption;

    @Parameters(index = "0", paramLabel = "DIR", description = "labelled folder")
    Path dir;

    private final Cli.Io std;

    EvaluateCommand(Cli.Io std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        PrintStream out = std.out();
        PrintStream err = std.err();
        List<Arm> arms;
        try {
            arms = Arrays.stream(armList.split(",")).map(Arm::parse).distinct().toList();
        } catch (IllegalArgumentException e) {
            err.println("evaluate: " + e.getMessage());
            return 2;
        }
        long t0 = System.nanoTime();
        try {
            DomainCatalog.Domain domain = domainOptions.domain();
            List<RunLabel> labels = RunLabel.read(dir);
            String split = splitOption != null ? splitOption
                    : labels.stream().anyMatch(l -> l.split().equals("test")) ? "test" : "";
            if (!split.isEmpty()) {
                labels = labels.stream().filter(l -> l.split().equals(split)).toList();
            }
            if (labels.isEmpty()) {
                err.println("evaluate: no runs" + (split.isEmpty() ? "" : " in split '" + split + "'") + " in " + dir);
                return 1;
            }
            io.hotfire.learned.LearnedModel model = null;
            if (arms.contains(Arm.LEARNED) || arms.contains(Arm.HYBRID)) {
                model = modelOption != null
                        ? io.hotfire.learned.LearnedModel.load(modelOption)
                        : io.hotfire.pipeline.DefaultModel.forDomain(domain, io.hotfire.pipeline.DefaultModel.cacheDir());
            }
            Evaluator evaluator = new Evaluator(domain, arms, model);
            err.println("evaluate: " + labels.size() + " runs x " + arms.size() + " arm(s) of " + dir + " ...");
            Map<Arm, List<RunOutcome>> results = evaluator.evaluate(dir, labels);
            List<Report.Slice> slices = new ArrayList<>();
            for (Arm arm : arms) {
                List<RunOutcome> r = results.get(arm);
                slices.add(Report.slice(arm, "all", r, l -> true));
                slices.add(Report.slice(arm, "in", r, l -> l.distribution().equals("in")));
                slices.add(Report.slice(arm, "ood", r, l -> l.distribution().equals("ood")));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String header = "## Evaluation of " + dir + (split.isEmpty() ? "" : " (split " + split + ")") + "\n\n"
                    + labels.size() + " runs, arms " + arms.stream().map(Arm::label).toList() + ", rule sets "
                    + evaluator.versions().values() + String.format(java.util.Locale.ROOT, ", %.1f s", seconds) + ".";
            String md = Report.markdown(slices, header);
            FamilyCheck family = results.containsKey(Arm.HYBRID) ? FamilyCheck.of(results.get(Arm.HYBRID)) : null;
            if (family != null) {
                md += family.markdown();
            }
            out.println(md);
            Path outDir = outOption != null ? outOption : dir.resolve("report");
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("report.md"), md);
            Files.writeString(outDir.resolve("answers.csv"), io.hotfire.pipeline.eval.Answers.csv(results));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("folder", dir.toString());
            json.put("split", split);
            json.put("runs", labels.size());
            json.put("ruleSets", evaluator.versions());
            json.put("slices", slices);
            if (family != null) {
                json.put("family", family);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve("report.json").toFile(), json);
            err.println("evaluate: wrote " + outDir.resolve("report.md") + ", report.json and answers.csv");
            return 0;
        } catch (ProfileException | RuleCompilationException | IllegalArgumentException | IllegalStateException e) {
            err.println("evaluate: " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("evaluate: " + e.getMessage());
            return 1;
        }
    }
}
