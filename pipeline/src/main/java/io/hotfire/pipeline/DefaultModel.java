package io.hotfire.pipeline;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.train.ModelCache;
import io.hotfire.sim.cli.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The default learned model of a domain with a digital twin: built from the twin's standard layout
 * (fixed seed) on first use and cached by profile hash — never committed as a binary.
 */
public final class DefaultModel {

    /** Seed of the twin layout the default model is trained on. */
    public static final long SEED = 42;

    private DefaultModel() {
    }

    /** {@code $HOTFIRE_CACHE_DIR}, else {@code ~/.cache/hotfire}. */
    public static Path cacheDir() {
        String env = System.getenv("HOTFIRE_CACHE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "hotfire");
    }

    /** Whether the domain can have a default model: it has a digital twin and a {@code learned.yaml}. */
    public static boolean available(DomainCatalog.Domain domain) {
        return java.nio.file.Files.isRegularFile(domain.folder().resolve(io.hotfire.learned.feature.FeatureSpec.FILE_NAME))
                && java.nio.file.Files.isRegularFile(domain.folder().resolve(io.hotfire.sim.twin.TwinDomain.TWIN_FOLDER).resolve("twin.yaml"));
    }

    public static LearnedModel forDomain(DomainCatalog.Domain domain, Path cacheDir) {
        return ModelCache.defaultFor(domain, cacheDir.resolve("models"), () -> {
            Path layout = cacheDir.resolve("twin-layout-" + domain.profile().id() + "-" + domain.profile().sourceHash().substring(0, 12));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = SimulateCommand.run(List.of("--out", layout.toString(), "--layout", "standard", "--seed",
                            Long.toString(SEED), "--engine", domain.profile().id(), "--domains",
                            domain.folder().getParent().toString(), "--force"),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("cannot build the default model's training runs: "
                        + err.toString(StandardCharsets.UTF_8));
            }
            return layout;
        });
    }
}
