package io.hotfire.pipeline.cli;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.domain.telemetry.CsvFormatException;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import io.hotfire.pipeline.EventJson;
import io.hotfire.pipeline.WhyNot;
import io.hotfire.rules.engine.RuleCompilationException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code hotfire replay [--engine gg1] [--domains DIR] [--model FILE|default] RUN.csv}: runs a recorded run
 * through the same pipeline as the server and prints one JSON object per event per line. Rules alone
 * unless {@code --model} names the learned model (a file, or the domain's twin-trained default) — to
 * reproduce a server decision, use the model version stored with its events. Exit 0 on success,
 * 1 for a bad file (with the line and column), 2 for bad arguments.
 */
final class ReplayCommand {

    private ReplayCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args, Set.of("--engine", "--domains", "--why-not", "--model"), Set.of());
            if (o.positional.size() != 1) {
                throw new IllegalArgumentException("give exactly one CSV file");
            }
        } catch (IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            err.println("usage: hotfire replay [--engine ID] [--domains DIR] [--model FILE|default] [--why-not CODE@T] RUN.csv");
            return 2;
        }
        Path file = Path.of(o.positional.get(0));
        DiagnosisEngine engine;
        try {
            DomainCatalog catalog = DomainCatalog.load(Path.of(o.get("--domains", DomainCatalog.defaultRoot().toString())));
            DomainCatalog.Domain domain = catalog.require(o.get("--engine", "gg1"));
            engine = DiagnosisEngine.load(domain);
            String model = o.get("--model", "");
            if (model.equals("default")) {
                engine = engine.withRouter(io.hotfire.pipeline.DefaultModel.forDomain(domain, io.hotfire.pipeline.DefaultModel.cacheDir()));
            } else if (!model.isEmpty()) {
                engine = engine.withRouter(io.hotfire.learned.LearnedModel.load(Path.of(model)));
            }
        } catch (io.hotfire.domain.DataFileException | RuleCompilationException | IllegalArgumentException e) {
            err.println("replay: " + e.getMessage());
            return 2;
        }
        List<Frame> frames;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            frames = new CsvFrameReader(engine.profile()).read(r, 0);
        } catch (NoSuchFileException e) {
            err.println("replay: " + file + ": no such file");
            return 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("replay: " + file + ": cannot be read: " + e.getMessage());
            return 1;
        } catch (CsvFormatException e) {
            err.println("replay: " + file + ": " + e.getMessage());
            return 1;
        }
        String version = engine.decisionVersion();
        long lastSeq = Long.MIN_VALUE;
        try (RunMonitor m = engine.open(file.getFileName().toString())) {
            for (Frame f : frames) {
                if (f.seq() <= lastSeq) {
                    err.println("replay: " + file + ": seq " + f.seq() + " does not increase (after " + lastSeq + ")");
                    return 1;
                }
                lastSeq = f.seq();
                for (Event e : m.accept(f)) {
                    out.println(EventJson.line(e, version));
                }
            }
        }
        if (o.values.containsKey("--why-not")) {
            String spec = o.get("--why-not", "");
            int at = spec.lastIndexOf('@');
            try {
                if (at <= 0) {
                    throw new IllegalArgumentException("--why-not takes CODE@T, e.g. TURBINE_EFFICIENCY_LOSS@20.5");
                }
                double t = Double.parseDouble(spec.substring(at + 1));
                WhyNot.Answer a = engine.whyNot().explain(frames, spec.substring(0, at), t);
                java.util.Map<String, Object> line = new java.util.LinkedHashMap<>();
                line.put("type", "WHY_NOT");
                line.put("code", a.code());
                line.put("t", a.t());
                line.put("windowT", EventJson.round(a.windowT()));
                line.put("rules", a.rules());
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(line));
            } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
                err.println("replay: " + e.getMessage());
                return 2;
            }
        }
        out.flush();
        return 0;
    }
}
