package io.hotfire.pipeline.cli;

import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.domain.telemetry.CsvFormatException;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.pipeline.ShadowDiff;
import io.hotfire.pipeline.eval.RunLabel;
import io.hotfire.rules.engine.RuleCompilationException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotfire shadow --candidate DOMAINS RUN.csv | LABELLED_DIR}: replays the same runs with the
 * live rule set and a candidate (another domains folder holding the same domain id with changed
 * rules or profile) and prints every difference in findings, sensor events, alarms and aborts and
 * their times — the monitor-only step before a rule change goes live.
 */
@Command(name = "shadow", header = "what a rule change would change: live vs candidate rule set", sortOptions = false,
        description = "Replay the same runs with the live rule set and a candidate (another domains folder holding the same"
                + " domain id with changed rules or profile) and print every difference in findings, sensor events, alarms"
                + " and aborts and their times: the monitor-only step before a rule change goes live.")
final class ShadowCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--candidate", required = true, paramLabel = "DOMAINS", description = "domains folder with the candidate rule set")
    Path candidateRoot;

    @Mixin
    DomainOptions domain = new DomainOptions();

    @Option(names = "--tolerance", paramLabel = "S", defaultValue = "0.05",
            description = "a conclusion moving by at most S seconds is no difference (default ${DEFAULT-VALUE})")
    double tolerance;

    @Parameters(index = "0", paramLabel = "RUN.csv|LABELLED_DIR", description = "one recorded run, or a labelled folder")
    Path target;

    private final Cli.Io std;

    ShadowCommand(Cli.Io std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        PrintStream out = std.out();
        PrintStream err = std.err();
        DiagnosisEngine live;
        DiagnosisEngine candidate;
        try {
            live = DiagnosisEngine.load(domain.domain());
            candidate = DiagnosisEngine.load(domain.domainIn(candidateRoot));
        } catch (ProfileException | RuleCompilationException | IllegalArgumentException e) {
            err.println("shadow: " + e.getMessage());
            return 2;
        }
        Map<String, Path> runs = new LinkedHashMap<>();
        if (Files.isDirectory(target)) {
            for (RunLabel l : RunLabel.read(target)) {
                runs.put(l.run(), target.resolve(l.file()));
            }
        } else {
            runs.put(target.getFileName().toString(), target);
        }
        out.println("# shadow replay: live " + live.ruleSetVersion() + " vs candidate " + candidate.ruleSetVersion());
        int changedRuns = 0;
        int differences = 0;
        int done = 0;
        for (Map.Entry<String, Path> r : runs.entrySet()) {
            if (runs.size() > 1) {
                err.printf(Locale.ROOT, "shadow: [%d/%d] %s%n", ++done, runs.size(), r.getKey());
            }
            List<Frame> frames;
            try (Reader in = Files.newBufferedReader(r.getValue(), StandardCharsets.UTF_8)) {
                frames = new CsvFrameReader(live.profile()).read(in, 0);
            } catch (IOException | CsvFormatException e) {
                err.println("shadow: " + r.getValue() + ": " + e.getMessage());
                return 1;
            }
            Map<String, Double> a = firstTimes(live, r.getKey(), frames);
            Map<String, Double> b = firstTimes(candidate, r.getKey(), frames);
            List<String> lines = diff(a, b, tolerance);
            if (!lines.isEmpty()) {
                changedRuns++;
                differences += lines.size();
                out.println("## " + r.getKey());
                lines.forEach(out::println);
            }
        }
        out.println("# " + runs.size() + " run(s), " + changedRuns + " changed, " + differences + " difference(s)");
        return 0;
    }

    /** First time of each conclusion: type:code[@sensor] (clears and recommendations left out). */
    static Map<String, Double> firstTimes(DiagnosisEngine engine, String run, List<Frame> frames) {
        return ShadowDiff.firstTimes(engine, run, frames, Set.of(EventType.CLEAR, EventType.RECOMMENDATION));
    }

    static List<String> diff(Map<String, Double> live, Map<String, Double> candidate, double tolerance) {
        List<String> lines = new ArrayList<>();
        for (ShadowDiff.Change c : ShadowDiff.diff(live, candidate, tolerance)) {
            lines.add(switch (c.kind()) {
                case GAINED -> String.format(Locale.ROOT, "+ %-50s candidate only, at t=%.2f s", c.key(), c.candidateT());
                case LOST -> String.format(Locale.ROOT, "- %-50s live only, at t=%.2f s", c.key(), c.liveT());
                case MOVED -> String.format(Locale.ROOT, "~ %-50s t=%.2f s → %.2f s (%+.2f s)", c.key(), c.liveT(),
                        c.candidateT(), c.candidateT() - c.liveT());
            });
        }
        return lines;
    }
}
