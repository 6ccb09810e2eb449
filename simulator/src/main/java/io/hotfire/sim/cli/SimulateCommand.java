package io.hotfire.sim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.domain.concurrent.NamedPools;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.io.CsvRunWriter;
import io.hotfire.sim.io.RunLabel;
import io.hotfire.sim.layout.LayoutWriter;
import io.hotfire.sim.layout.StandardLayout;
import io.hotfire.sim.live.LiveStreamer;
import io.hotfire.sim.scenario.CommandChanges;
import io.hotfire.sim.scenario.Knobs;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ScenarioReader;
import io.hotfire.sim.twin.EngineTwin;
import io.hotfire.sim.twin.SimulatedRun;
import io.hotfire.sim.twin.TwinDomain;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code ./hotfire simulate}: writes labelled GG-1 runs (a standard train / calibration / test
 * layout or single runs) as ICD CSV files plus {@code labels.jsonl}, or streams one run live into
 * the ingestion API. Exit codes: 0 done, 2 bad arguments, 1 bad data or I/O, 3 the server refused.
 */
public final class SimulateCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int SERVER = 3;

    static final String USAGE_TEXT = """
            usage: simulate --out DIR [options]            write labelled runs (CSV + labels.jsonl)
                   simulate --live URL [options]           stream one run into the ingestion API

              --out DIR                 output folder (runs under DIR/<split>/, DIR/labels.jsonl)
              --layout standard         train / calibration / test layout (about 160 runs, ~75 MB)
              --runs N                  with --layout: about N runs in all; else N runs of the scenario
              --seed N                  seed (default 42); the same seed gives the same bytes
              --duration S              run length in s (default 40; the layout varies 30-50)
              --throttle P[,P@T...]     throttle in %: a level, then steps, e.g. 85,95@15,75@25
              --fault CODE[:VALVE][@ONSET[:RAMP[:SEVERITY]]]   catalogue fault, repeatable
              --sensor-fault KIND:SENSOR[@ONSET[:RAMP[:SEVERITY]]]  KIND = DRIFT|BIAS|FROZEN|DEAD|SPIKE
              --scenario FILE           a scenario file (YAML/JSON), incl. novel faults
              --lox-inlet K             LOX inlet temperature (qualified 90-95 K)
              --fuel-inlet K            fuel inlet temperature (qualified 285-300 K)
              --unit-offset PC,N,F      engine-unit offsets of Pc, speed, thrust (fractions)
              --noise-scale X           stand noise as a multiple of the ICD sigma (default 1)
              --hold-out CODES|none     codes kept out of train/calibration (default OX_INJECTOR_BLOCKAGE)
              --engine ID               engine profile (default gg1)
              --domains DIR             domains folder (default $HOTFIRE_DOMAINS_DIR or ./domains)
              --threads N               parallel runs when writing (default 2)
              --force                   replace an existing output in DIR
              --live URL                stream one run: POST URL/api/v1/runs, then frames at 10 Hz
              --token T | --user U:P    bearer token or basic auth for --live
              --test-id ID              test id for --live (default sim-<name>-<seed>)
              --speed X                 --live replay speed (1 = real time)
              --help
            """;

    private SimulateCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command; never calls System.exit. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        SimulateOptions o;
        try {
            o = SimulateOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            err.println("simulate: --help lists the options");
            return USAGE;
        }
        if (o.help) {
            out.print(USAGE_TEXT);
            return OK;
        }
        TwinDomain domain;
        try {
            Path root = o.domains != null ? Path.of(o.domains) : DomainCatalog.defaultRoot();
            domain = TwinDomain.load(root, o.engine);
        } catch (ProfileException | SimDataException e) {
            err.println("simulate: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return USAGE;
        }
        try {
            if (o.layout != null) {
                return layout(o, domain, out, err);
            }
            return single(o, domain, out, err);
        } catch (SimDataException e) {
            err.println("simulate: " + e.getMessage());
            return FAILED;
        } catch (IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return USAGE;
        } catch (LiveStreamer.LiveException e) {
            err.println("simulate: " + e.getMessage());
            return SERVER;
        } catch (IOException e) {
            err.println("simulate: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("simulate: interrupted");
            return FAILED;
        }
    }

    private static int layout(SimulateOptions o, TwinDomain domain, PrintStream out, PrintStream err) throws IOException {
        Path dir = Path.of(o.out);
        prepare(dir, o.force);
        Set<String> holdOut = o.holdOut != null ? o.holdOut : new LinkedHashSet<>(List.of(StandardLayout.DEFAULT_HOLD_OUT));
        List<Scenario> novel = novelTemplates(domain, err);
        long started = System.nanoTime();
        StandardLayout layout = new StandardLayout(domain);
        List<StandardLayout.PlannedRun> plan = layout.plan(new StandardLayout.Options(o.seed, o.runs, o.duration,
                holdOut, novel));
        ObjectNode manifest = new ObjectMapper().createObjectNode();
        manifest.put("generator", "hotfire-simulator");
        manifest.put("layout", "standard");
        manifest.put("engine", domain.profile().id());
        manifest.put("seed", o.seed);
        ArrayNode h = manifest.putArray("holdOut");
        holdOut.forEach(h::add);
        manifest.put("labels", LayoutWriter.LABELS);
        LayoutWriter.Summary s;
        // An offline command has no container executor: it builds its pool with the one shared factory and ends it.
        ExecutorService pool = NamedPools.fixed("simulate", o.threads);
        try {
            s = new LayoutWriter(domain).write(plan, dir, holdOut, manifest, pool);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS); // no run still writing once the command has answered
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "simulate: wrote %d runs (%s) to %s in %.1f s: %s; %d out-of-distribution, %d reach a redline; held out %s%n",
                s.runs(), megabytes(s.bytes()), dir, seconds, s.bySplit(), s.outOfDistribution(), s.withRedline(), holdOut);
        return OK;
    }

    /** Novel-fault scenario files shipped with the domain ({@code twin/scenarios/novel-*.yaml}). */
    private static List<Scenario> novelTemplates(TwinDomain domain, PrintStream err) throws IOException {
        Path dir = domain.folder().resolve(TwinDomain.TWIN_FOLDER).resolve("scenarios");
        List<Scenario> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            err.println("simulate: note: " + dir + " is missing; the layout has no novel-fault runs");
            return out;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "novel-*.{yaml,yml,json}")) {
            ds.forEach(files::add);
        }
        files.sort(Comparator.comparing(Path::toString));
        ScenarioReader reader = new ScenarioReader(domain);
        for (Path f : files) {
            Scenario sc = reader.read(f).scenario();
            if (sc.faults().stream().noneMatch(FaultSpec::novel)) {
                throw new SimDataException(f.toString(), "faults", "a novel-* scenario must hold a fault with its own signature");
            }
            out.add(sc);
        }
        return out;
    }

    private static int single(SimulateOptions o, TwinDomain domain, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        if (o.out == null && o.live == null) {
            throw new IllegalArgumentException("give --out DIR (or --live URL)");
        }
        Scenario sc;
        long seed = o.seed;
        if (o.scenario != null) {
            ScenarioReader.ScenarioFile f = new ScenarioReader(domain).read(Path.of(o.scenario));
            sc = f.scenario();
            if (!o.seedGiven && f.seed().isPresent()) {
                seed = f.seed().get();
            }
            if (o.duration > 0) {
                sc = sc.withDuration(o.duration);
            }
        } else {
            sc = OptionScenario.fromOptions(o, domain);
        }
        sc = CommandChanges.ensureFor(sc, domain);
        EngineTwin twin = domain.twin();
        if (sc.durationS() < twin.minimumDuration()) {
            throw new IllegalArgumentException("--duration must be at least " + twin.minimumDuration() + " s");
        }
        for (FaultSpec f : sc.faults()) {
            if (f.onsetS() >= twin.shutdownTime(sc.durationS())) {
                throw new IllegalArgumentException(f.code() + " onset " + f.onsetS() + " s is after the shutdown command at "
                        + twin.shutdownTime(sc.durationS()) + " s; lengthen --duration");
            }
        }
        int count = o.runs > 0 ? o.runs : 1;
        if (o.live != null && count != 1) {
            throw new IllegalArgumentException("--live streams one run; drop --runs");
        }
        Set<String> heldOut = o.holdOut != null ? o.holdOut : Set.of();
        List<String> knobs = Knobs.derive(sc, domain.config(), heldOut);
        long started = System.nanoTime();
        List<SimulatedRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(twin.simulate(sc, seed + i));
        }
        if (o.out != null) {
            Path dir = Path.of(o.out);
            prepare(dir, o.force);
            CsvRunWriter csv = new CsvRunWriter(domain.profile(), twin.decimals());
            StringBuilder labels = new StringBuilder();
            long bytes = 0;
            for (int i = 0; i < runs.size(); i++) {
                String id = String.format(Locale.ROOT, "%s-%04d", sc.name(), i + 1);
                String rel = "single/" + id + ".csv";
                bytes += csv.write(runs.get(i), dir.resolve(rel));
                labels.append(RunLabel.line(RunLabel.of(runs.get(i), id, rel, "single", domain.profile().id(), knobs))).append('\n');
            }
            Files.writeString(dir.resolve(LayoutWriter.LABELS), labels);
            out.printf(Locale.ROOT, "simulate: wrote %d run(s) (%s) to %s in %.1f s%n", runs.size(), megabytes(bytes), dir,
                    (System.nanoTime() - started) / 1e9);
        }
        if (o.live != null) {
            SimulatedRun run = runs.get(0);
            String testId = o.testId != null ? o.testId : "sim-" + sc.name() + "-" + run.seed();
            ObjectNode meta = new ObjectMapper().createObjectNode();
            meta.put("source", "hotfire-simulator");
            meta.put("scenario", sc.name());
            meta.put("seed", run.seed());
            meta.put("durationS", sc.durationS());
            LiveStreamer streamer = new LiveStreamer(URI.create(o.live), o.token, o.user, o.speed);
            out.printf(Locale.ROOT, "simulate: streaming %s (%.0f s, %d frames) to %s at %sx%n", testId, sc.durationS(),
                    run.frames().size(), o.live, o.speed);
            double[] lastReport = {-1};
            String id = streamer.stream(run, domain.profile(), testId, meta, (rid, frames, t) -> {
                if (t - lastReport[0] >= 5.0) {
                    out.printf(Locale.ROOT, "simulate: run %s t=%.1f s, %d frames sent%n", rid, t, frames);
                    lastReport[0] = t;
                }
            });
            out.printf(Locale.ROOT, "simulate: streamed run %s (%d frames)%n", id, run.frames().size());
            out.println(RunLabel.line(RunLabel.of(run, testId, null, "live", domain.profile().id(), knobs)));
        }
        return OK;
    }

    /** Creates the folder; refuses to mix with an earlier output unless forced. */
    private static void prepare(Path dir, boolean force) throws IOException {
        if (Files.exists(dir.resolve(LayoutWriter.LABELS))) {
            if (!force) {
                throw new IllegalArgumentException(dir.resolve(LayoutWriter.LABELS) + " exists; use --force to replace that output");
            }
            for (String sub : List.of(StandardLayout.TRAIN, StandardLayout.CALIBRATION, StandardLayout.TEST, "single")) {
                deleteTree(dir.resolve(sub));
            }
            Files.deleteIfExists(dir.resolve(LayoutWriter.LABELS));
            Files.deleteIfExists(dir.resolve(LayoutWriter.MANIFEST));
        }
        Files.createDirectories(dir);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
