package io.hotfire.sim.layout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.sim.io.CsvRunWriter;
import io.hotfire.sim.io.RunLabel;
import io.hotfire.sim.scenario.Knobs;
import io.hotfire.sim.twin.EngineTwin;
import io.hotfire.sim.twin.SimulatedRun;
import io.hotfire.sim.twin.TwinDomain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Simulates planned runs and writes them as one CSV per run under {@code <out>/<split>/}, plus
 * {@code labels.jsonl} (one label per run, in plan order) and {@code manifest.json} at the root.
 * Runs are independent, so they are simulated in parallel on the caller's executor (this class
 * builds no pool); the bytes do not depend on it.
 */
public final class LayoutWriter {

    public static final String LABELS = "labels.jsonl";
    public static final String MANIFEST = "manifest.json";

    /** What was written. */
    public record Summary(int runs, long bytes, Map<String, Integer> bySplit, int outOfDistribution, int withRedline) {
    }

    private final TwinDomain domain;
    private final EngineTwin twin;
    private final CsvRunWriter csv;

    public LayoutWriter(TwinDomain domain) {
        this.domain = domain;
        this.twin = domain.twin();
        this.csv = new CsvRunWriter(domain.profile(), twin.decimals());
    }

    public Summary write(List<StandardLayout.PlannedRun> plan, Path out, Set<String> heldOut, ObjectNode manifest,
            ExecutorService pool) throws IOException {
        Files.createDirectories(out);
        List<ObjectNode> labels = new ArrayList<>(plan.size());
        long[] sizes = new long[plan.size()];
        List<Future<ObjectNode>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < plan.size(); i++) {
                int idx = i;
                StandardLayout.PlannedRun p = plan.get(i);
                futures.add(pool.submit(() -> {
                    SimulatedRun run = twin.simulate(p.scenario(), p.seed());
                    String rel = p.split() + "/" + p.runId() + ".csv";
                    sizes[idx] = csv.write(run, out.resolve(rel));
                    List<String> knobs = Knobs.derive(p.scenario(), domain.config(), heldOut);
                    return RunLabel.of(run, p.runId(), rel, p.split(), domain.profile().id(), knobs);
                }));
            }
            for (Future<ObjectNode> f : futures) {
                labels.add(f.get());
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            futures.forEach(f -> f.cancel(true)); // after a failure, the runs not yet simulated are not needed
        }
        StringBuilder sb = new StringBuilder();
        Map<String, Integer> bySplit = new LinkedHashMap<>();
        int ood = 0;
        int red = 0;
        for (ObjectNode l : labels) {
            sb.append(RunLabel.line(l)).append('\n');
            bySplit.merge(l.get("split").asText(), 1, Integer::sum);
            ood += "ood".equals(l.get("distribution").asText()) ? 1 : 0;
            red += l.get("redlineReached").asBoolean() ? 1 : 0;
        }
        Path labelFile = out.resolve(LABELS);
        Files.writeString(labelFile, sb, StandardCharsets.UTF_8);
        long bytes = Files.size(labelFile);
        for (long s : sizes) {
            bytes += s;
        }
        if (manifest != null) {
            ObjectNode m = manifest.deepCopy();
            m.put("runs", plan.size());
            ObjectNode splits = m.putObject("splits");
            bySplit.forEach(splits::put);
            m.put("outOfDistribution", ood);
            m.put("withRedline", red);
            m.put("profileHash", domain.profile().sourceHash());
            try {
                String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
                Files.writeString(out.resolve(MANIFEST), json + "\n", StandardCharsets.UTF_8);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Summary(plan.size(), bytes, bySplit, ood, red);
    }
}
