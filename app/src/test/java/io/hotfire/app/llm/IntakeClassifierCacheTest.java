package io.hotfire.app.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.llm.intake.ClauseClassifier;
import io.hotfire.llm.intake.OfflineIntake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trained intake classifier's disk cache: keyed by all it depends on, read back the same, a bad file ignored. */
class IntakeClassifierCacheTest {

    @TempDir
    Path dir;

    private static final List<OfflineIntake.LabelledNote> NOTES = List.of(
            new OfflineIntake.LabelledNote("pump whine at start", Set.of("WHINE")),
            new OfflineIntake.LabelledNote("drip at the flange", Set.of("LEAK")));

    @Test
    void theKeyChangesWithTheCodeTheVocabularyTheNotesAndTheModel_andOnlyWithThem() throws Exception {
        Path vocabulary = Files.writeString(dir.resolve("vocabulary.yaml"), "codes: []\n");
        String key = IntakeClassifierCache.key("code-a", vocabulary, NOTES, "model").orElseThrow();
        assertThat(IntakeClassifierCache.key("code-a", vocabulary, NOTES, "model")).contains(key);
        assertThat(IntakeClassifierCache.key("code-b", vocabulary, NOTES, "model")).get().isNotEqualTo(key);
        assertThat(IntakeClassifierCache.key("code-a", vocabulary, NOTES.subList(0, 1), "model")).get().isNotEqualTo(key);
        assertThat(IntakeClassifierCache.key("code-a", vocabulary,
                List.of(NOTES.get(0), new OfflineIntake.LabelledNote("drip at the flange", Set.of("LEAK", "FROST_ON_LINE"))), "model"))
                .get().isNotEqualTo(key);
        assertThat(IntakeClassifierCache.key("code-a", vocabulary, NOTES, "other model")).get().isNotEqualTo(key);
        Files.writeString(vocabulary, "codes: [] # changed\n");
        assertThat(IntakeClassifierCache.key("code-a", vocabulary, NOTES, "model")).get().isNotEqualTo(key);
        assertThat(IntakeClassifierCache.key("code-a", dir.resolve("missing.yaml"), NOTES, "model")).isEmpty();
    }

    @Test
    void aWrittenClassifierIsReadBack_anUnreadableFileIsIgnored() throws Exception {
        IntakeClassifierCache cache = new IntakeClassifierCache(dir.resolve("intake"));
        String key = "ab".repeat(32);
        assertThat(cache.read(key)).isEmpty();
        ClauseClassifier trained = ClauseClassifier.train(List.of(
                new ClauseClassifier.Example("pump whine at start", Set.of("WHINE")),
                new ClauseClassifier.Example("drip at the flange", Set.of("LEAK")),
                new ClauseClassifier.Example("crew briefed", Set.of())));
        cache.write(key, trained);
        ClauseClassifier read = cache.read(key).orElseThrow();
        assertThat(read.probabilities("whine from the pump", null)).isEqualTo(trained.probabilities("whine from the pump", null));

        Files.write(cache.file(key), new byte[] {1, 2, 3});
        assertThat(cache.read(key)).isEmpty();
    }
}
