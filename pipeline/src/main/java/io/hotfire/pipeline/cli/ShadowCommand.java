package io.hotfire.pipeline.cli;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.domain.telemetry.CsvFormatException;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
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
import java.util.TreeSet;

/**
 * {@code hotfire shadow --candidate DOMAINS RUN.csv | LABELLED_DIR}: replays the same runs with the
 * live rule set and a candidate (another domains folder holding the same domain id with changed
 * rules or profile) and prints every difference in findings, sensor events, alarms and aborts and
 * their times — the monitor-only step before a rule change goes live.
 */
final class ShadowCommand {

    private ShadowCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args, Set.of("--candidate", "--engine", "--domains", "--tolerance"), Set.of());
            if (o.positional.size() != 1 || !o.values.containsKey("--candidate")) {
                throw new IllegalArgumentException("give --candidate DOMAINS and one CSV file or labelled folder");
            }
        } catch (IllegalArgumentException e) {
            err.println("shadow: " + e.getMessage());
            err.println("usage: hotfire shadow --candidate DOMAINS [--engine ID] [--tolerance S] RUN.csv|LABELLED_DIR");
            return 2;
        }
        String id = o.get("--engine", "gg1");
        double tolerance = Double.parseDouble(o.get("--tolerance", "0.05"));
        DiagnosisEngine live;
        DiagnosisEngine candidate;
        try {
            live = DiagnosisEngine.load(DomainCatalog.load(Path.of(o.get("--domains", DomainCatalog.defaultRoot().toString())))
                    .require(id));
            candidate = DiagnosisEngine.load(DomainCatalog.load(Path.of(o.get("--candidate", ""))).require(id));
        } catch (ProfileException | RuleCompilationException | IllegalArgumentException e) {
            err.println("shadow: " + e.getMessage());
            return 2;
        }
        Path target = Path.of(o.positional.get(0));
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
        for (Map.Entry<String, Path> r : runs.entrySet()) {
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

    /** First time of each conclusion: type:code[@sensor]. */
    static Map<String, Double> firstTimes(DiagnosisEngine engine, String run, List<Frame> frames) {
        Map<String, Double> first = new LinkedHashMap<>();
        try (RunMonitor m = engine.open(run)) {
            for (Frame f : frames) {
                for (Event e : m.accept(f)) {
                    if (e.type() == EventType.CLEAR || e.type() == EventType.RECOMMENDATION) {
                        continue;
                    }
                    String key = e.type() + ":" + e.code() + (e.sensor() == null ? "" : "@" + e.sensor());
                    first.putIfAbsent(key, e.t());
                }
            }
        }
        return first;
    }

    static List<String> diff(Map<String, Double> live, Map<String, Double> candidate, double tolerance) {
        List<String> lines = new ArrayList<>();
        for (String k : new TreeSet<>(union(live, candidate))) {
            Double a = live.get(k);
            Double b = candidate.get(k);
            if (a == null) {
                lines.add(String.format(Locale.ROOT, "+ %-50s candidate only, at t=%.2f s", k, b));
            } else if (b == null) {
                lines.add(String.format(Locale.ROOT, "- %-50s live only, at t=%.2f s", k, a));
            } else if (Math.abs(a - b) > tolerance) {
                lines.add(String.format(Locale.ROOT, "~ %-50s t=%.2f s → %.2f s (%+.2f s)", k, a, b, b - a));
            }
        }
        return lines;
    }

    private static Set<String> union(Map<String, Double> a, Map<String, Double> b) {
        Set<String> s = new TreeSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }
}
