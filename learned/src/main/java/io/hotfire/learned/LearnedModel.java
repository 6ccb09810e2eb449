package io.hotfire.learned;

import io.hotfire.learned.data.LearnedDataException;
import io.hotfire.domain.Hashing;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.learned.classify.PatternClassifier;
import io.hotfire.learned.feature.FeatureSpec;
import io.hotfire.learned.gate.OodGate;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A trained model file: feature spec, the gate (standardisation, reference windows, conformal
 * calibration scores) and the classifier (standardisation, classes, weights), plus what it was
 * trained on. Its version is {@code learned-<first 12 hex of the file's SHA-256>}, stored with
 * every decision it takes part in. Format: learned/README.md, "The model file" ({@link ModelFile}).
 * The default model of a domain, trained at first use and cached: {@code train.ModelCache}. Immutable.
 */
public final class LearnedModel {

    /** The file format this code writes and reads. */
    public static final String FORMAT = "hotfire-learned-model/1";

    private final String engine;
    private final String profileHash;
    private final FeatureSpec spec;
    private final TrainingSummary training;
    private final OodGate gate;
    private final PatternClassifier classifier;
    private final byte[] bytes;
    private final String version;

    LearnedModel(String engine, String profileHash, FeatureSpec spec, TrainingSummary training, OodGate gate,
                 PatternClassifier classifier, byte[] bytes) {
        this.engine = engine;
        this.profileHash = profileHash;
        this.spec = spec;
        this.training = training;
        this.gate = gate;
        this.classifier = classifier;
        this.bytes = bytes;
        this.version = "learned-" + Hashing.sha256Hex(bytes).substring(0, 12);
    }

    /**
     * Builds a model from trained parts. The result is the model as its file will read back: it is
     * serialised and parsed again, so a saved and re-loaded model scores exactly the same.
     */
    public static LearnedModel assemble(String engine, String profileHash, FeatureSpec spec, TrainingSummary training,
                                        OodGate gate, PatternClassifier classifier) {
        return parse("(trained model)", ModelFile.write(engine, profileHash, spec, training, gate, classifier));
    }

    public static LearnedModel load(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LearnedDataException(file.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
        }
        return parse(file.toString(), b);
    }

    /** Parses a model file's bytes; every problem names the field. */
    public static LearnedModel parse(String fileName, byte[] bytes) {
        return ModelFile.read(fileName, bytes);
    }

    /** Writes the model file (atomically: a reader never sees half a file). */
    public void save(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".learned-", ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    // createTempFile makes the file owner-only; a model file is not a secret.
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: keep its defaults.
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new LearnedDataException(file.toString(), "(file)", "cannot be written: " + e.getMessage(), e);
        }
    }

    /** {@code learned-<sha12>}: the first 12 hex digits of the SHA-256 of the model file. */
    public String version() {
        return version;
    }

    /** Whether this model was trained on exactly this profile (same profile file hash). */
    public boolean trainedOn(EngineProfile profile) {
        return profile.id().equals(engine) && profile.sourceHash().equals(profileHash);
    }

    public String engine() {
        return engine;
    }

    public String profileHash() {
        return profileHash;
    }

    public FeatureSpec spec() {
        return spec;
    }

    public TrainingSummary training() {
        return training;
    }

    public OodGate gate() {
        return gate;
    }

    public PatternClassifier classifier() {
        return classifier;
    }

    /** The model file's bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "LearnedModel[" + version + ", " + engine + "]";
    }
}
