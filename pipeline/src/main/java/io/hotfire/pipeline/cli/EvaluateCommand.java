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
import java.util.Set;

/**
 * {@code hotfire evaluate DIR [--arm redline,rules] [--split test] [--out DIR]}: replays every run
 * of a labelled folder through each arm and prints the report (Markdown on stdout; Markdown and
 * JSON files in {@code --out}, default {@code DIR/report}).
 */
final class EvaluateCommand {

    private EvaluateCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        List<Arm> arms;
        try {
            o = Options.parse(args, Set.of("--arm", "--split", "--out", "--engine", "--domains", "--model"), Set.of());
            if (o.positional.size() != 1) {
                throw new IllegalArgumentException("give exactly one labelled folder");
            }
            arms = Arrays.stream(o.get("--arm", "redline,rules").split(",")).map(Arm::parse).distinct().toList();
        } catch (IllegalArgumentException e) {
            err.println("evaluate: " + e.getMessage());
            err.println("usage: hotfire evaluate DIR [--arm redline,rules,learned,hybrid] [--split test] [--out DIR] [--model FILE] [--engine ID]");
            return 2;
        }
        Path dir = Path.of(o.positional.get(0));
        long t0 = System.nanoTime();
        try {
            DomainCatalog.Domain domain = DomainCatalog.load(Path.of(o.get("--domains", DomainCatalog.defaultRoot().toString())))
                    .require(o.get("--engine", "gg1"));
            List<RunLabel> labels = RunLabel.read(dir);
            String split = o.get("--split", labels.stream().anyMatch(l -> l.split().equals("test")) ? "test" : "");
            if (!split.isEmpty()) {
                labels = labels.stream().filter(l -> l.split().equals(split)).toList();
            }
            if (labels.isEmpty()) {
                err.println("evaluate: no runs" + (split.isEmpty() ? "" : " in split '" + split + "'") + " in " + dir);
                return 1;
            }
            io.hotfire.learned.LearnedModel model = null;
            if (arms.contains(Arm.LEARNED) || arms.contains(Arm.HYBRID)) {
                model = o.values.containsKey("--model")
                        ? io.hotfire.learned.LearnedModel.load(Path.of(o.get("--model", "")))
                        : io.hotfire.pipeline.DefaultModel.forDomain(domain, io.hotfire.pipeline.DefaultModel.cacheDir());
            }
            Evaluator evaluator = new Evaluator(domain, arms, model);
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
            Path outDir = Path.of(o.get("--out", dir.resolve("report").toString()));
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
