package io.hotfire.app.llm;

import io.hotfire.domain.profile.SensorSpec;
import io.hotfire.llm.vocabulary.Vocabulary;
import io.hotfire.llm.vocabulary.VocabularyLoader;
import io.hotfire.pipeline.DiagnosisEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The words an engine domain gives notes and LLM text: its sensor ids, its fault codes, its observation vocabulary. */
final class DomainWords {

    private DomainWords() {
    }

    /** The profile's sensor ids, sorted. */
    static Set<String> sensors(DiagnosisEngine engine) {
        return engine.profile().sensors().stream().map(SensorSpec::id).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The fault codes the domain's rules can conclude, sorted. */
    static Set<String> faultCodes(DiagnosisEngine engine) {
        return engine.rules().stream().flatMap(r -> r.faultCodes().stream()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The domain folder's {@code vocabulary.yaml}, checked against the rules' codes and the sensors; empty without one. */
    static Optional<Vocabulary> vocabulary(DiagnosisEngine engine, Path domainFolder) {
        if (!Files.exists(domainFolder.resolve(VocabularyLoader.FILE_NAME))) {
            return Optional.empty();
        }
        return Optional.of(new VocabularyLoader(faultCodes(engine), sensors(engine)).loadFromDomain(domainFolder));
    }
}
