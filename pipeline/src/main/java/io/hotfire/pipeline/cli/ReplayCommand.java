package io.hotfire.pipeline.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.CsvFormatException;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DefaultModel;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.pipeline.EventJson;
import io.hotfire.pipeline.WhyNot;
import io.hotfire.rules.engine.RuleCompilationException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotfire replay [--engine gg1] [--domains DIR] [--model FILE|default] [--why-not CODE@T] RUN.csv|DIR ...}:
 * runs recorded runs through the same pipeline as the server, in one process (the rule base is
 * loaded once), and prints one JSON object per event per line, tagged with its run. Rules alone
 * unless {@code --model} names the learned model (a file, or the domain's twin-trained default) —
 * to reproduce a server decision, use the model version stored with its events. Exit 0 on
 * success, 1 if a file is bad (with the line and column; the other runs are still replayed), 2 for
 * bad arguments.
 */
@Command(name = "replay", header = "replay recorded runs (files or folders) through the pipeline, JSON events on stdout", sortOptions = false,
        description = {"Run recorded CSV runs through the pipeline, one JSON event per line on stdout, each tagged with its run"
                + " (\"run\": the file's path under the folder given, or its name). A folder means every *.csv under it, in"
                + " path order. All runs share one loaded rule base; progress goes to stderr when there are several."})
final class ReplayCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    HelpOption help;

    @Mixin
    DomainOptions domain = new DomainOptions();

    @Option(names = "--model", paramLabel = "FILE|default",
            description = "route windows through a learned model: a model file, or 'default' for the domain's twin-trained one"
                    + " (default: rules alone)")
    String model;

    @Option(names = "--why-not", paramLabel = "CODE@T",
            description = "after each run, explain why fault CODE was not concluded at time T s (a WHY_NOT line)")
    String whyNot;

    @Parameters(arity = "1..*", paramLabel = "RUN.csv|DIR", description = "recorded runs in the profile's CSV format, or folders of them")
    List<Path> paths;

    private final Cli.Io std;

    ReplayCommand(Cli.Io std) {
        this.std = std;
    }

    /** One run to replay: its file and the tag on its lines. */
    record Run(Path file, String name) {
    }

    @Override
    public Integer call() {
        String whyNotCode = null;
        double whyNotT = 0;
        if (whyNot != null) {
            int at = whyNot.lastIndexOf('@');
            try {
                if (at <= 0) {
                    throw new NumberFormatException();
                }
                whyNotT = Double.parseDouble(whyNot.substring(at + 1));
                whyNotCode = whyNot.substring(0, at);
            } catch (NumberFormatException e) {
                return usageError("--why-not takes CODE@T, e.g. TURBINE_EFFICIENCY_LOSS@20.5; got '" + whyNot + "'");
            }
        }
        List<Run> runs;
        try {
            runs = runs(paths);
        } catch (UncheckedIOException e) {
            std.err().println("replay: " + e.getMessage());
            return 1;
        }
        DiagnosisEngine engine;
        try {
            DomainCatalog.Domain d = domain.domain();
            engine = DiagnosisEngine.load(d);
            if ("default".equals(model)) {
                engine = engine.withRouter(DefaultModel.forDomain(d, DefaultModel.cacheDir()));
            } else if (model != null && !model.isEmpty()) {
                engine = engine.withRouter(io.hotfire.learned.LearnedModel.load(Path.of(model)));
            }
        } catch (io.hotfire.domain.DataFileException | RuleCompilationException | IllegalArgumentException e) {
            return usageError(e.getMessage());
        }
        boolean progress = runs.size() > 1;
        long t0 = System.nanoTime();
        int failed = 0;
        long events = 0;
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            long n;
            try {
                n = replay(engine, r, whyNotCode, whyNotT);
            } catch (IllegalArgumentException e) {
                return usageError(e.getMessage());
            }
            if (n < 0) {
                failed++;
            } else {
                events += n;
            }
            if (progress) {
                std.err().printf(Locale.ROOT, "replay: [%d/%d] %s%s%n", i + 1, runs.size(), r.name(), n < 0 ? " FAILED" : ": " + n + " events");
            }
        }
        if (progress) {
            std.err().printf(Locale.ROOT, "replay: %d runs (%d failed), %d events, %.1f s%n", runs.size(), failed, events,
                    (System.nanoTime() - t0) / 1e9);
        }
        std.out().flush();
        return failed == 0 ? 0 : 1;
    }

    private int usageError(String message) {
        std.err().println("replay: " + message);
        return 2;
    }

    /** Files as given; a folder as every {@code *.csv} under it, sorted by path, named by their path in it. */
    static List<Run> runs(List<Path> paths) {
        List<Run> runs = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".csv")).sorted()
                            .forEach(f -> runs.add(new Run(f, p.relativize(f).toString().replace('\\', '/'))));
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot be listed: " + e.getMessage(), e);
                }
            } else {
                runs.add(new Run(p, p.getFileName() == null ? p.toString() : p.getFileName().toString()));
            }
        }
        return runs;
    }

    /** Replays one run; its event count, or -1 after saying on stderr why the file was refused. */
    private long replay(DiagnosisEngine engine, Run run, String whyNotCode, double whyNotT) {
        Path file = run.file();
        List<Frame> frames;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            frames = new CsvFrameReader(engine.profile()).read(r, 0);
        } catch (NoSuchFileException e) {
            std.err().println("replay: " + file + ": no such file");
            return -1;
        } catch (IOException | UncheckedIOException e) {
            std.err().println("replay: " + file + ": cannot be read: " + e.getMessage());
            return -1;
        } catch (CsvFormatException e) {
            std.err().println("replay: " + file + ": " + e.getMessage());
            return -1;
        }
        String version = engine.decisionVersion();
        long lastSeq = Long.MIN_VALUE;
        long n = 0;
        try (RunMonitor m = engine.open(run.name())) {
            for (Frame f : frames) {
                if (f.seq() <= lastSeq) {
                    std.err().println("replay: " + file + ": seq " + f.seq() + " does not increase (after " + lastSeq + ")");
                    return -1;
                }
                lastSeq = f.seq();
                for (Event e : m.accept(f)) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("run", run.name());
                    line.putAll(EventJson.toMap(e, version));
                    std.out().println(json(line));
                    n++;
                }
            }
        }
        if (whyNotCode != null) {
            WhyNot.Answer a = engine.whyNot().explain(frames, whyNotCode, whyNotT);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("run", run.name());
            line.put("type", "WHY_NOT");
            line.put("code", a.code());
            line.put("t", a.t());
            line.put("windowT", EventJson.round(a.windowT()));
            line.put("rules", a.rules());
            std.out().println(json(line));
        }
        return n;
    }

    private static String json(Map<String, Object> line) {
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
