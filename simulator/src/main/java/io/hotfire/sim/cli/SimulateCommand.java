package io.hotfire.sim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.ProfileException;
import io.hotfire.sim.datafile.SimDataException;
import io.hotfire.sim.fault.CatalogFault;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.fault.SensorFaultKind;
import io.hotfire.sim.io.CsvRunWriter;
import io.hotfire.sim.io.RunLabel;
import io.hotfire.sim.layout.LayoutWriter;
import io.hotfire.sim.layout.StandardLayout;
import io.hotfire.sim.live.LiveStreamer;
import io.hotfire.sim.scenario.CommandChanges;
import io.hotfire.sim.scenario.Conditions;
import io.hotfire.sim.scenario.Knobs;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ScenarioReader;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.scenario.ThrottleStep;
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
import java.util.Optional;
import java.util.Set;
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
        Options o;
        try {
            o = Options.parse(args);
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

    private static int layout(Options o, TwinDomain domain, PrintStream out, PrintStream err) throws IOException {
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
        LayoutWriter.Summary s = new LayoutWriter(domain).write(plan, dir, holdOut, manifest, o.threads);
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

    private static int single(Options o, TwinDomain domain, PrintStream out, PrintStream err)
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
            sc = fromOptions(o, domain);
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

    private static Scenario fromOptions(Options o, TwinDomain domain) {
        double rate = domain.config().sequence().throttleRatePerS();
        double duration = o.duration > 0 ? o.duration : 40.0;
        ThrottleProfile throttle = o.throttle != null ? parseThrottle(o.throttle, rate) : ThrottleProfile.constant(100, rate);
        double max = domain.profile().sensors().get(domain.config().roles().throttle()).span().high();
        for (double p : new double[] {throttle.minPercent(), throttle.maxPercent()}) {
            if (p < 1 || p > max) {
                throw new IllegalArgumentException("--throttle levels must lie in 1.." + max + " %, got " + p);
            }
        }
        double shutdown = domain.twin().shutdownTime(duration);
        for (ThrottleStep s : throttle.steps()) {
            if (s.atS() < domain.config().sequence().startS() || s.atS() >= shutdown) {
                throw new IllegalArgumentException("--throttle step at " + s.atS() + " s is outside mainstage ("
                        + domain.config().sequence().startS() + ".." + shutdown + " s)");
            }
        }
        List<FaultSpec> faults = new ArrayList<>();
        double defaultOnset = Math.min(15.0, Math.max(domain.config().sequence().startS(), shutdown / 2));
        for (String f : o.faults) {
            faults.add(parseFault(f, domain, defaultOnset));
        }
        for (String f : o.sensorFaults) {
            faults.add(parseSensorFault(f, domain, defaultOnset));
        }
        double[] unit = o.unitOffset != null ? parseUnit(o.unitOffset) : new double[3];
        Conditions c = new Conditions(o.loxInlet, o.fuelInlet, unit[0], unit[1], unit[2],
                o.noiseScale == null ? 1.0 : o.noiseScale, java.util.Map.of());
        String name = faults.isEmpty() ? "nominal" : faults.get(0).code().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Scenario(name, duration, throttle, List.of(), c, faults);
    }

    /** {@code 85} or {@code 85,95@15,75@25}. */
    static ThrottleProfile parseThrottle(String s, double rate) {
        String[] parts = s.split(",");
        double initial = number(parts[0], "--throttle level");
        List<ThrottleStep> steps = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] lt = parts[i].split("@");
            if (lt.length != 2) {
                throw new IllegalArgumentException("--throttle step '" + parts[i] + "' must be LEVEL@TIME");
            }
            steps.add(new ThrottleStep(number(lt[1], "--throttle step time"), number(lt[0], "--throttle step level")));
        }
        return new ThrottleProfile(initial, steps, rate);
    }

    /** {@code CODE[:VALVE][@ONSET[:RAMP[:SEVERITY]]]}. */
    static FaultSpec parseFault(String s, TwinDomain domain, double defaultOnset) {
        String[] at = s.split("@", 2);
        String[] cv = at[0].split(":", 2);
        String code = cv[0].trim().toUpperCase(Locale.ROOT);
        if (code.startsWith("SENSOR_")) {
            throw new IllegalArgumentException("--fault " + s + ": sensor faults go in --sensor-fault KIND:SENSOR@ONSET");
        }
        CatalogFault cf = domain.catalog().fault(code).orElseThrow(() -> new IllegalArgumentException(
                "--fault " + s + ": unknown fault code '" + code + "'; known: " + domain.catalog().codes()
                        + " (a novel fault needs a --scenario file)"));
        String valve = null;
        if (cf.signature().valve() != null) {
            List<String> valves = cf.signature().valves();
            valve = cv.length > 1 ? cv[1].trim().toUpperCase(Locale.ROOT) : valves.get(valves.size() - 1);
            if (!valves.contains(valve)) {
                throw new IllegalArgumentException("--fault " + s + ": " + code + " applies to " + valves + ", got '" + valve + "'");
            }
        } else if (cv.length > 1) {
            throw new IllegalArgumentException("--fault " + s + ": " + code + " takes no valve");
        }
        double[] orS = timing(at.length > 1 ? at[1] : null, "--fault " + s, defaultOnset, cf.rampS());
        return FaultSpec.component(code, valve, orS[0], orS[1], orS[2], cf.signature(), false);
    }

    /** {@code KIND:SENSOR[@ONSET[:RAMP[:SEVERITY]]]}. */
    static FaultSpec parseSensorFault(String s, TwinDomain domain, double defaultOnset) {
        String[] at = s.split("@", 2);
        String[] ks = at[0].split(":", 2);
        if (ks.length != 2) {
            throw new IllegalArgumentException("--sensor-fault " + s + ": must be KIND:SENSOR@ONSET, e.g. DRIFT:PC_A@20");
        }
        SensorFaultKind kind = SensorFaultKind.parse(ks[0]).orElseThrow(() -> new IllegalArgumentException(
                "--sensor-fault " + s + ": unknown kind '" + ks[0] + "'; known: " + Arrays.toString(SensorFaultKind.values())));
        String sensor = ks[1].trim();
        if (domain.profile().indexOf(sensor) < 0) {
            throw new IllegalArgumentException("--sensor-fault " + s + ": profile " + domain.profile().id()
                    + " has no sensor '" + sensor + "'");
        }
        double[] orS = timing(at.length > 1 ? at[1] : null, "--sensor-fault " + s, defaultOnset, 0.0);
        return FaultSpec.sensor(kind, sensor, orS[0], orS[1], orS[2]);
    }

    private static double[] timing(String spec, String what, double defaultOnset, double defaultRamp) {
        double onset = defaultOnset;
        double ramp = defaultRamp;
        double severity = 1.0;
        if (spec != null) {
            String[] p = spec.split(":");
            if (p.length > 3) {
                throw new IllegalArgumentException(what + ": expected @ONSET[:RAMP[:SEVERITY]]");
            }
            onset = number(p[0], what + " onset");
            if (p.length > 1) {
                ramp = number(p[1], what + " ramp");
            }
            if (p.length > 2) {
                severity = number(p[2], what + " severity");
            }
        }
        if (onset < 0) {
            throw new IllegalArgumentException(what + ": onset must be ≥ 0, got " + onset);
        }
        if (ramp < 0) {
            throw new IllegalArgumentException(what + ": ramp must be ≥ 0, got " + ramp);
        }
        if (severity < 0 || severity > 1) {
            throw new IllegalArgumentException(what + ": severity must lie in 0..1, got " + severity);
        }
        return new double[] {onset, ramp, severity};
    }

    private static double[] parseUnit(String s) {
        String[] p = s.split(",");
        if (p.length != 3) {
            throw new IllegalArgumentException("--unit-offset must be PC,SPEED,THRUST fractions, e.g. 0.03,-0.02,0.01");
        }
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = number(p[i], "--unit-offset");
            if (Math.abs(out[i]) > 0.2) {
                throw new IllegalArgumentException("--unit-offset values are fractions within ±0.2, got " + out[i]);
            }
        }
        return out;
    }

    static double number(String s, String what) {
        try {
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + s + "'");
        }
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

    /** Parsed command line. */
    static final class Options {
        boolean help;
        String out;
        String layout;
        int runs;
        long seed = 42;
        boolean seedGiven;
        double duration;
        String throttle;
        final List<String> faults = new ArrayList<>();
        final List<String> sensorFaults = new ArrayList<>();
        String scenario;
        Double loxInlet;
        Double fuelInlet;
        String unitOffset;
        Double noiseScale;
        Set<String> holdOut;
        String engine = "gg1";
        String domains;
        int threads = 2;
        boolean force;
        String live;
        String token;
        String user;
        String testId;
        double speed = 1.0;

        /** The options that take a value (every case of {@link #set}). */
        private static final java.util.Set<String> WITH_VALUE = java.util.Set.of("--out", "--layout", "--runs", "--seed",
                "--duration", "--throttle", "--fault", "--sensor-fault", "--scenario", "--lox-inlet", "--fuel-inlet",
                "--unit-offset", "--noise-scale", "--hold-out", "--engine", "--domains", "--threads", "--live", "--token",
                "--user", "--test-id", "--speed");

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 0) {
                    value = a.substring(eq + 1);
                    a = a.substring(0, eq);
                }
                switch (a) {
                    case "--help", "-h" -> o.help = true;
                    case "--force" -> o.force = true;
                    default -> {
                        if (!a.startsWith("--")) {
                            throw new IllegalArgumentException("unexpected argument '" + a + "'");
                        }
                        if (!WITH_VALUE.contains(a)) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (value == null) {
                            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                                throw new IllegalArgumentException(a + " needs a value");
                            }
                            value = args.get(++i);
                        }
                        o.set(a, value);
                    }
                }
            }
            o.check();
            return o;
        }

        private void set(String name, String v) {
            switch (name) {
                case "--out" -> out = v;
                case "--layout" -> {
                    if (!"standard".equals(v)) {
                        throw new IllegalArgumentException("--layout knows only 'standard', got '" + v + "'");
                    }
                    layout = v;
                }
                case "--runs" -> runs = positiveInt(name, v);
                case "--seed" -> {
                    try {
                        seed = Long.parseLong(v.trim());
                        seedGiven = true;
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed must be a whole number, got '" + v + "'");
                    }
                }
                case "--duration" -> {
                    duration = number(v, "--duration");
                    if (duration <= 0) {
                        throw new IllegalArgumentException("--duration must be > 0, got " + v);
                    }
                }
                case "--throttle" -> throttle = v;
                case "--fault" -> faults.add(v);
                case "--sensor-fault" -> sensorFaults.add(v);
                case "--scenario" -> scenario = v;
                case "--lox-inlet" -> loxInlet = number(v, "--lox-inlet");
                case "--fuel-inlet" -> fuelInlet = number(v, "--fuel-inlet");
                case "--unit-offset" -> unitOffset = v;
                case "--noise-scale" -> {
                    noiseScale = number(v, "--noise-scale");
                    if (!(noiseScale > 0) || noiseScale > 10) {
                        throw new IllegalArgumentException("--noise-scale must lie in (0, 10], got " + v);
                    }
                }
                case "--hold-out" -> {
                    holdOut = new LinkedHashSet<>();
                    if (!"none".equalsIgnoreCase(v.trim())) {
                        for (String c : v.split(",")) {
                            if (!c.isBlank()) {
                                holdOut.add(c.trim().toUpperCase(Locale.ROOT));
                            }
                        }
                    }
                }
                case "--engine" -> engine = v;
                case "--domains" -> domains = v;
                case "--threads" -> threads = positiveInt(name, v);
                case "--live" -> live = v;
                case "--token" -> token = v;
                case "--user" -> user = v;
                case "--test-id" -> testId = v;
                case "--speed" -> {
                    speed = number(v, "--speed");
                    if (speed <= 0) {
                        throw new IllegalArgumentException("--speed must be > 0, got " + v);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }

        private void check() {
            if (help) {
                return;
            }
            if (layout != null) {
                Optional<String> clash = Stream.of(
                        throttle != null ? "--throttle" : null, !faults.isEmpty() ? "--fault" : null,
                        !sensorFaults.isEmpty() ? "--sensor-fault" : null, scenario != null ? "--scenario" : null,
                        live != null ? "--live" : null, loxInlet != null ? "--lox-inlet" : null,
                        fuelInlet != null ? "--fuel-inlet" : null, unitOffset != null ? "--unit-offset" : null,
                        noiseScale != null ? "--noise-scale" : null)
                        .filter(x -> x != null).findFirst();
                if (clash.isPresent()) {
                    throw new IllegalArgumentException("--layout builds its own runs; drop " + clash.get());
                }
                if (out == null) {
                    throw new IllegalArgumentException("--layout needs --out DIR");
                }
            }
            if (scenario != null) {
                Optional<String> clash = Stream.of(
                        throttle != null ? "--throttle" : null, !faults.isEmpty() ? "--fault" : null,
                        !sensorFaults.isEmpty() ? "--sensor-fault" : null, loxInlet != null ? "--lox-inlet" : null,
                        fuelInlet != null ? "--fuel-inlet" : null, unitOffset != null ? "--unit-offset" : null,
                        noiseScale != null ? "--noise-scale" : null)
                        .filter(x -> x != null).findFirst();
                if (clash.isPresent()) {
                    throw new IllegalArgumentException("--scenario defines the run; drop " + clash.get() + " (put it in the file)");
                }
            }
            if ((token != null || user != null || testId != null) && live == null) {
                throw new IllegalArgumentException("--token, --user and --test-id only go with --live");
            }
            if (token != null && user != null) {
                throw new IllegalArgumentException("give --token or --user, not both");
            }
            if (user != null && !user.contains(":")) {
                throw new IllegalArgumentException("--user must be USER:PASSWORD");
            }
            if (live != null) {
                URI u;
                try {
                    u = URI.create(live);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--live must be a URL, got '" + live + "'");
                }
                if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                    throw new IllegalArgumentException("--live must be an http(s) URL, got '" + live + "'");
                }
            }
        }

        private static int positiveInt(String name, String v) {
            try {
                int n = Integer.parseInt(v.trim());
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number > 0, got '" + v + "'");
            }
        }
    }
}
