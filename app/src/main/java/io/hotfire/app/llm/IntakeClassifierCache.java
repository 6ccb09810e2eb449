package io.hotfire.app.llm;

import io.hotfire.domain.Hashing;
import io.hotfire.llm.intake.ClauseClassifier;
import io.hotfire.llm.intake.OfflineIntake;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Trained offline-intake classifiers kept on disk, so that a restart does not train again (about a
 * minute of CPU on two cores, competing with live ingestion). A file is named by the SHA-256 of
 * everything the training result depends on: the intake code (the llm-bridge jar's bytes), the
 * embedding model, the domain's vocabulary file and its labelled notes. Any change to one of them
 * gives another name, so a stale classifier is never read; when the code is not in a jar (tests,
 * an IDE) nothing is cached. A file that cannot be read is ignored and trained again.
 */
final class IntakeClassifierCache {

    private static final Logger LOG = Logger.getLogger(IntakeClassifierCache.class);

    private final Path folder;

    IntakeClassifierCache(Path folder) {
        this.folder = folder;
    }

    /**
     * The cache key of a domain's classifier, or empty when the intake code's identity is unknown
     * (not loaded from a jar file).
     */
    static Optional<String> key(Path vocabularyFile, List<OfflineIntake.LabelledNote> notes, String embeddingModel) {
        return codeJar().flatMap(code -> key(Hashing.sha256Hex(code), vocabularyFile, notes, embeddingModel));
    }

    /** The cache key for intake code identified by {@code codeHash}; empty when the vocabulary cannot be read. */
    static Optional<String> key(String codeHash, Path vocabularyFile, List<OfflineIntake.LabelledNote> notes, String embeddingModel) {
        try {
            MessageDigest d = Hashing.sha256();
            update(d, "hotfire-intake-classifier-v1");
            update(d, codeHash);
            update(d, embeddingModel);
            update(d, Hashing.sha256Hex(Files.readAllBytes(vocabularyFile)));
            for (OfflineIntake.LabelledNote n : notes) {
                update(d, n.text());
                update(d, String.join(",", new TreeSet<>(n.codes())));
            }
            return Optional.of(Hashing.hex(d));
        } catch (IOException e) {
            LOG.debugf(e, "the vocabulary %s could not be read for the cache key", vocabularyFile);
            return Optional.empty();
        }
    }

    /** The classifier stored under the key, if there is a readable one. */
    Optional<ClauseClassifier> read(String key) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(ClauseClassifier.read(in));
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the cached intake classifier %s could not be read (%s); training it again", file, e.toString());
            return Optional.empty();
        }
    }

    /** Stores the classifier under the key (written aside, then moved into place); a failure is logged, not thrown. */
    void write(String key, ClauseClassifier classifier) {
        Path file = file(key);
        try {
            Files.createDirectories(folder);
            Path tmp = Files.createTempFile(folder, "classifier-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                classifier.write(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("the trained intake classifier could not be cached in %s (%s)", folder, e.getMessage());
        }
    }

    Path file(String key) {
        return folder.resolve("intake-classifier-" + key.substring(0, 24) + ".bin");
    }

    private static void update(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
        d.update((byte) ':');
        d.update(b);
    }

    /** The bytes of the jar the intake code was loaded from, or empty when it was not a jar file. */
    private static Optional<byte[]> codeJar() {
        try {
            var source = OfflineIntake.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".jar")) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(p));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
