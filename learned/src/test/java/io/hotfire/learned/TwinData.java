package io.hotfire.learned;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.learned.feature.FeatureSpec;
import io.hotfire.learned.train.Trainer;
import io.hotfire.sim.cli.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Labelled folders written by the GG-1 twin for tests, generated once per JVM under the test
 * temp dir (target/tmp) and shared between test classes.
 */
public final class TwinData {

    private static final Map<String, Path> FOLDERS = new HashMap<>();
    private static LearnedModel small;

    private TwinData() {
    }

    public static Path domainsDir() {
        return DomainCatalog.defaultRoot();
    }

    public static DomainCatalog.Domain gg1() {
        return DomainCatalog.load(domainsDir()).require("gg1");
    }

    /** A model trained on a small standard layout (about 60 runs, seed 42), trained once per JVM. */
    public static synchronized LearnedModel smallModel() {
        if (small == null) {
            Path dir = layout(42, 20);
            DomainCatalog.Domain d = gg1();
            small = Trainer.train(d.profile(), FeatureSpec.forDomain(d), dir, Trainer.holdOutFromManifest(dir)).model();
        }
        return small;
    }

    /** The standard layout at a seed, about {@code runs} runs in all (0 = the full ~160). */
    public static synchronized Path layout(long seed, int runs) {
        String key = seed + "-" + runs;
        Path p = FOLDERS.get(key);
        if (p != null) {
            return p;
        }
        try {
            Path base = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            p = Files.createTempDirectory(base, "twin-" + key + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> args = new ArrayList<>(List.of("--out", p.toString(), "--layout", "standard", "--seed",
                Long.toString(seed), "--domains", domainsDir().toString(), "--force"));
        if (runs > 0) {
            args.addAll(List.of("--runs", Integer.toString(runs)));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = SimulateCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        FOLDERS.put(key, p);
        return p;
    }
}
