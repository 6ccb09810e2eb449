package io.hotfire.app.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.domain.DataFileException;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.pipeline.AdviceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * The learned settings of a proposal ({@code learned.yaml}): its {@code advice:} section — when a
 * learned answer is advised (probability, windows, leaveOneSensorOut, withoutUnitOffsets, concurrentFaults, evidence) — applies to
 * the router when the version becomes active; every other section (the gate's and the classifier's
 * features and fitting) is what the learned model was trained with, so a change there would need a
 * new model and is refused, naming the section.
 */
final class LearnedSettingsCheck {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ADVICE = "advice";

    private LearnedSettingsCheck() {
    }

    /** Refuses a learned.yaml that does not parse, has a bad advice section or changes anything but advice (400). */
    static void check(Path shipped, DomainCatalog.Domain proposed) {
        JsonNode now = read(shipped);
        JsonNode next = read(proposed.folder().resolve(KnowledgeCompiler.LEARNED));
        try {
            AdviceSettings.forDomain(proposed);
        } catch (IllegalArgumentException e) {
            if (e.getCause() instanceof DataFileException d) { // file:line: advice.x: what is wrong
                ProblemException p = ProblemException.badRequest("invalid-file", "Invalid domain file",
                                KnowledgeCompiler.LEARNED + d.getMessage().substring(d.file().length()))
                        .with("file", KnowledgeCompiler.LEARNED).with("field", ADVICE);
                throw d.line() > 0 ? p.with("line", d.line()) : p;
            }
            String message = e.getMessage() == null ? "advice: invalid" : e.getMessage();
            int at = message.indexOf(": advice");
            throw ProblemException.badRequest("invalid-file", "Invalid domain file",
                            KnowledgeCompiler.LEARNED + (at < 0 ? ": " + message : message.substring(at)))
                    .with("file", KnowledgeCompiler.LEARNED).with("field", ADVICE);
        }
        Set<String> keys = new TreeSet<>();
        now.fieldNames().forEachRemaining(keys::add);
        next.fieldNames().forEachRemaining(keys::add);
        keys.remove(ADVICE);
        for (String k : keys) {
            if (!now.path(k).equals(next.path(k))) {
                throw ProblemException.badRequest("learned-model-settings-changed", "Learned model settings changed",
                                KnowledgeCompiler.LEARNED + ": " + k + ": only advice: may change through a proposal; '" + k
                                        + "' is what the learned model was trained with: changing it needs a new model"
                                        + " (trained from the twin) and a restart")
                        .with("file", KnowledgeCompiler.LEARNED).with("field", k);
            }
        }
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return YAML.createObjectNode();
        }
        JsonNode n;
        try {
            n = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw ProblemException.badRequest("invalid-file", "Invalid domain file",
                    KnowledgeCompiler.LEARNED + ": not valid YAML (" + e.getMessage() + ")").with("file", KnowledgeCompiler.LEARNED);
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            return YAML.createObjectNode();
        }
        if (!(n instanceof ObjectNode)) {
            throw ProblemException.badRequest("invalid-file", "Invalid domain file", KnowledgeCompiler.LEARNED + ": must be a mapping")
                    .with("file", KnowledgeCompiler.LEARNED);
        }
        return n;
    }
}
