package io.hotfire.bench.load;

import static io.hotfire.bench.load.LoadBenchmark.WORK;
import static io.hotfire.bench.load.LoadBenchmark.clean;
import static io.hotfire.bench.load.LoadBenchmark.json;
import static io.hotfire.bench.load.LoadBenchmark.median;
import static io.hotfire.bench.load.LoadBenchmark.pgEnv;
import static io.hotfire.bench.load.LoadBenchmark.started;

import io.hotfire.domain.telemetry.Frame;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Phase {@code shadow-latency} of the {@link LoadBenchmark}: does a knowledge shadow over a large archive
 * slow live ingestion? (issue #18: "a shadow over thousands of runs does not slow live ingestion beyond
 * its latency target; it yields to live work"). It archives {@code archiveRuns} short twin runs (1 000,
 * {@code archiveSeconds} 8 s each, one 400-frame JSON batch per run, 4 clients), a lead proposes a
 * tighter TIT_A warning (980 → 915 K), and then it measures the live phase's latency (20 live 50 Hz runs,
 * one frame per request, {@code seconds} each) alternately without a shadow (A) and with the proposal's
 * shadow over every archived run running (B), {@code trials} times each, in the order A B, B A, A B, ...
 * ({@code shadowOrder=ab}: always A first). Before each B the shadow is started (POST .../shadow); after
 * each B it is let finish before the next phase, so no A has a shadow.
 */
final class ShadowPhase {

    static final String UNIT = "SHADOW-ARCHIVE";
    static final String TITA_LIMITS = "limits: {warnHigh: 980, redHigh: 1050}, estimate: TIT_EST, estimateTolerance: 0.05}\n  - {id: TIT_B";

    private ShadowPhase() {
    }

    static void shadowLatency(String jdbc) throws Exception {
        int archiveRuns = Integer.getInteger("archiveRuns", 1000);
        int archiveSeconds = Integer.getInteger("archiveSeconds", 8);
        int liveRuns = Integer.getInteger("liveRuns", 20);
        int seconds = Integer.getInteger("seconds", 60);
        int trials = LoadBenchmark.TRIALS;
        Server s = Server.start(clean(WORK.resolve("shadow-latency")), pgEnv(jdbc));
        LatencyPhases.warmUp(s);

        // The archive: short twin runs of one unit, each one 400-frame batch (the direct, non-grouped ingest path).
        List<Frame> frames = LoadBenchmark.run.subList(0, Math.min(LoadBenchmark.run.size(), archiveSeconds * 50));
        byte[] body = json(frames).getBytes(StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            clients.add(started(() -> {
                for (int i; (i = next.getAndIncrement()) < archiveRuns; ) {
                    String run = ServerHttp.stringMember(ServerHttp.as("ingest", s.port, "/api/v1/runs",
                            "{\"engine\":\"gg1\",\"testId\":\"ARCHIVE-" + i + "\",\"unit\":\"" + UNIT + "\"}", 201), "id");
                    ServerHttp.post(s.port, "/api/v1/runs/" + run + "/frames", body);
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        double archiveSecs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "SHADOW vs LIVE: archived %d runs x %d frames (%d frames) in %.1f s (%.0f frames/s over HTTP, 4 clients)%n",
                archiveRuns, frames.size(), (long) archiveRuns * frames.size(), archiveSecs, archiveRuns * frames.size() / archiveSecs);

        // The proposal (no shadow yet): a tighter TIT_A warning, as in KnowledgeChangeApiTest.
        String profile = Files.readString(LoadBenchmark.DOMAINS.resolve("gg1").resolve("profile.yaml"));
        if (!profile.contains(TITA_LIMITS)) {
            throw new IllegalStateException("gg1 profile.yaml no longer has the TIT_A limits this phase tightens");
        }
        String tighter = profile.replace(TITA_LIMITS, TITA_LIMITS.replace("warnHigh: 980", "warnHigh: 915"));
        String id = ServerHttp.stringMember(ServerHttp.as("lead", s.port, "/api/v1/domains/gg1/proposals",
                "{\"reason\":\"benchmark: a tighter TIT_A warning shadowed on the whole archive\",\"files\":{\"profile.yaml\":"
                        + ServerHttp.quote(tighter) + "}}", 201), "id");
        String path = "/api/v1/domains/gg1/proposals/" + id;
        Function<String, String> get = p -> ServerHttp.as("auditor", s.port, p, null, 200);

        List<LatencyPhases.Live> without = new ArrayList<>();
        List<LatencyPhases.Live> with = new ArrayList<>();
        boolean alternate = !"ab".equals(System.getProperty("shadowOrder", "abba"));
        for (int trial = 0; trial < trials; trial++) {
            // ABBAAB...: trial 1 runs the shadow first, so neither side always follows the other (warm-up, drifting load).
            boolean shadowFirst = alternate && trial % 2 == 1;
            for (int side = 0; side < 2; side++) {
                if ((side == 0) != shadowFirst) {
                    String load = load();
                    LatencyPhases.Live a = LatencyPhases.live(s, liveRuns, seconds);
                    without.add(a);
                    print("A no shadow  ", trial, load, a, "");
                    continue;
                }
                String load = load();
                ServerHttp.as("lead", s.port, path + "/shadow", "{\"unit\":\"" + UNIT + "\",\"limit\":" + archiveRuns + "}", 202);
                double yields0 = yieldSeconds(s.port)[0];
                LatencyPhases.Live b = LatencyPhases.live(s, liveRuns, seconds);
                String p = get.apply(path);
                int doneDuringLive = ServerHttp.intMember(p, "done");
                double[] y = yieldSeconds(s.port);
                with.add(b);
                long d0 = System.nanoTime();
                while (!"SHADOWED".equals(ServerHttp.stringMember(p = get.apply(path), "status"))) {
                    if (!"SHADOWING".equals(ServerHttp.stringMember(p, "status"))) {
                        throw new IllegalStateException("shadow ended " + ServerHttp.stringMember(p, "status") + ": " + p);
                    }
                    Thread.sleep(500);
                }
                print("B with shadow", trial, load, b, String.format(Locale.ROOT,
                        "; shadow: %d of %d runs done when the live runs ended (%.0f waits for live work), the rest in %.1f s after them",
                        doneDuringLive, archiveRuns, y[0] - yields0, (System.nanoTime() - d0) / 1e9));
            }
        }
        double[] ratio = {
            median(with.stream().map(LatencyPhases.Live::p50).toList()) / median(without.stream().map(LatencyPhases.Live::p50).toList()),
            median(with.stream().map(LatencyPhases.Live::p90).toList()) / median(without.stream().map(LatencyPhases.Live::p90).toList()),
            median(with.stream().map(LatencyPhases.Live::p99).toList()) / median(without.stream().map(LatencyPhases.Live::p99).toList())};
        System.out.printf(Locale.ROOT, "SHADOW vs LIVE, medians of %d trials, frame that concluded an event -> response:%n", trials);
        System.out.printf(Locale.ROOT, "  without shadow: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                median(without.stream().map(LatencyPhases.Live::p50).toList()), median(without.stream().map(LatencyPhases.Live::p90).toList()),
                median(without.stream().map(LatencyPhases.Live::p99).toList()));
        System.out.printf(Locale.ROOT, "  with shadow:    p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                median(with.stream().map(LatencyPhases.Live::p50).toList()), median(with.stream().map(LatencyPhases.Live::p90).toList()),
                median(with.stream().map(LatencyPhases.Live::p99).toList()));
        System.out.printf(Locale.ROOT, "  ratio with / without (of the medians): p50 %.2f, p90 %.2f, p99 %.2f%n", ratio[0], ratio[1], ratio[2]);
        s.close();
    }

    static void print(String what, int trial, String load, LatencyPhases.Live l, String more) {
        System.out.printf(Locale.ROOT, "  %s trial %d (load %s): %d frames, %d concluded events: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " every frame p99 %.1f ms; senders behind p50 %.1f ms%s%n",
                what, trial, load, l.frames(), l.withEvents(), l.p50(), l.p90(), l.p99(), l.max(), l.allP99(), l.lateP50(), more);
    }

    /** The 1/5/15-minute load averages now. */
    static String load() throws java.io.IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /** The shadow's waits for live work so far: count and seconds (/q/metrics). */
    static double[] yieldSeconds(int port) {
        String m = ServerHttp.as("auditor", port, "/q/metrics", null, 200);
        return new double[] {member(m, "hotfire_knowledge_shadow_yield_seconds_count"), member(m, "hotfire_knowledge_shadow_yield_seconds_sum")};
    }

    private static double member(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
