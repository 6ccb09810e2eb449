package io.hotfire.learned.train;

import io.hotfire.domain.Hashing;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.learned.data.LearnedDataException;
import io.hotfire.learned.LearnedModel;
import io.hotfire.learned.feature.FeatureSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The default model of a domain, built from labelled data at first use and cached: the model is
 * looked up in a cache folder under a key of the file format, the profile, the feature spec and the
 * generator's data; only on a miss is it trained. The result is never committed anywhere: delete the
 * cache to rebuild.
 */
public final class ModelCache {

    private ModelCache() {
    }

    /**
     * The default model of a domain: the one cached in {@code cacheDir} under {@link #cacheFile}, else
     * one trained on the folder {@code labelledFolder} gives (e.g. one the digital twin has just written),
     * then cached. An unreadable cache entry (an older format, a broken write) is trained anew.
     *
     * @param labelledFolder called at most once, on a cache miss; returns a folder with {@code labels.jsonl}
     */
    public static LearnedModel defaultFor(DomainCatalog.Domain domain, Path cacheDir, Supplier<Path> labelledFolder) {
        Path file = cacheFile(domain, cacheDir);
        synchronized (ModelCache.class) {
            if (Files.isRegularFile(file)) {
                try {
                    LearnedModel m = LearnedModel.load(file);
                    if (m.profileHash().equals(domain.profile().sourceHash())) {
                        return m;
                    }
                } catch (LearnedDataException e) {
                    // An unreadable cache entry (an older format, a broken write) is rebuilt below.
                }
            }
            Path folder = labelledFolder.get();
            FeatureSpec spec = FeatureSpec.forDomain(domain);
            LearnedModel m = Trainer.train(domain.profile(), spec, folder, Trainer.holdOutFromManifest(folder)).model();
            m.save(file);
            return m;
        }
    }

    /**
     * Where {@link #defaultFor} keeps a domain's model: {@code cacheDir/<engine>-<key>.json}; the key
     * covers the file format, the profile, the feature spec and the generator's data in the domain's
     * {@code twin/} folder (twin, faults, engine family), so a change to any of them trains anew.
     */
    public static Path cacheFile(DomainCatalog.Domain domain, Path cacheDir) {
        String key = Hashing.sha256Hex(LearnedModel.FORMAT + "\n" + domain.profile().sourceHash() + "\n"
                + Hashing.sha256Hex(FeatureSpec.sourceBytes(domain)) + "\n" + twinDigest(domain.folder().resolve("twin")))
                .substring(0, 12);
        return cacheDir.resolve(domain.profile().id() + "-" + key + ".json");
    }

    /** SHA-256 over the names and bytes of the {@code *.yaml} files directly in {@code twinDir} ("" if none). */
    static String twinDigest(Path twinDir) {
        if (!Files.isDirectory(twinDir)) {
            return "";
        }
        try (var files = Files.list(twinDir)) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList()) {
                all.write((f.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                all.write(Files.readAllBytes(f));
            }
            return Hashing.sha256Hex(all.toByteArray());
        } catch (IOException e) {
            throw new LearnedDataException(twinDir.toString(), "(folder)", "cannot be read: " + e.getMessage(), e);
        }
    }
}
