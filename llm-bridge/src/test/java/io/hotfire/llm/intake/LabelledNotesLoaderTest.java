package io.hotfire.llm.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.llm.support.Gg1;
import io.hotfire.llm.vocabulary.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The domain's labelled notes as training data: the shipped folder reads, bad files name file, field and value. */
class LabelledNotesLoaderTest {

    private static final Vocabulary VOCABULARY = Gg1.vocabulary();

    @Test
    void theShippedGg1Notes_loadWithTheirCodes() {
        List<OfflineIntake.LabelledNote> notes = LabelledNotesLoader.loadFromDomain(Gg1.folder(), VOCABULARY);

        assertThat(notes).hasSizeGreaterThanOrEqualTo(370);
        assertThat(notes).anySatisfy(n -> assertThat(n.codes()).isEmpty());
        assertThat(notes).allSatisfy(n -> assertThat(n.codes()).allMatch(VOCABULARY::contains));
    }

    @Test
    void aDomainWithoutTheFolder_hasNoTrainingNotes(@TempDir Path dir) {
        assertThat(LabelledNotesLoader.loadFromDomain(dir, VOCABULARY)).isEmpty();
    }

    @Test
    void aCodeOutsideTheVocabulary_isNamedWithItsFileAndField(@TempDir Path dir) throws IOException {
        Path f = write(dir, "a.yaml", "notes:\n  - id: A1\n    text: \"frost\"\n    expected:\n      - {code: FROST_ON_LINE, present: true}\n"
                + "  - id: A2\n    text: \"ice\"\n    expected:\n      - {code: ICE_GIANT, present: true}\n");

        assertThatThrownBy(() -> LabelledNotesLoader.load(f, VOCABULARY)).isInstanceOf(LabelledNotesException.class)
                .hasMessageContaining("a.yaml").hasMessageContaining("notes[1].expected[0].code").hasMessageContaining("ICE_GIANT");
    }

    @Test
    void aRepeatedId_aMissingText_andANonBooleanPresent_areRefused(@TempDir Path dir) throws IOException {
        write(dir, "intake/a.yaml", "notes:\n  - id: A1\n    text: \"frost\"\n    expected: []\n");
        write(dir, "intake/b.yaml", "notes:\n  - id: A1\n    text: \"smoke\"\n    expected: []\n");
        assertThatThrownBy(() -> LabelledNotesLoader.loadFromDomain(dir, VOCABULARY)).hasMessageContaining("b.yaml")
                .hasMessageContaining("notes[0].id").hasMessageContaining("a.yaml");

        Path noText = write(dir, "c.yaml", "notes:\n  - id: C1\n    expected: []\n");
        assertThatThrownBy(() -> LabelledNotesLoader.load(noText, VOCABULARY)).hasMessageContaining("notes[0].text");
        Path maybe = write(dir, "d.yaml", "notes:\n  - id: D1\n    text: \"frost\"\n    expected:\n      - {code: FROST_ON_LINE, present: maybe}\n");
        assertThatThrownBy(() -> LabelledNotesLoader.load(maybe, VOCABULARY)).hasMessageContaining("notes[0].expected[0].present");
    }

    @Test
    void asWritten_aNoteKeepsItsIdRunTimeAndSigns_andALeftOutFileIsCheckedButNotReturned(@TempDir Path dir) throws IOException {
        write(dir, "intake/a.yaml", "notes:\n  - id: A1\n    text: \"frost, no leak\"\n    runTime: 12.5\n    expected:\n"
                + "      - {code: FROST_ON_LINE, present: true}\n      - {code: VISIBLE_LEAK, present: false}\n");
        write(dir, "intake/b.yaml", "notes:\n  - id: B1\n    text: \"good run\"\n    expected: []\n");

        List<LabelledNotesLoader.Labelled> all = LabelledNotesLoader.loadLabelledFromDomain(dir, VOCABULARY, f -> false);
        List<LabelledNotesLoader.Labelled> withoutA = LabelledNotesLoader.loadLabelledFromDomain(dir, VOCABULARY,
                f -> f.getFileName().toString().equals("a.yaml"));

        assertThat(all).extracting(LabelledNotesLoader.Labelled::id).containsExactly("A1", "B1");
        LabelledNotesLoader.Labelled a = all.get(0);
        assertThat(a.runTime()).contains(12.5);
        assertThat(a.expected()).containsExactly(new LabelledNotesLoader.Label("FROST_ON_LINE", true),
                new LabelledNotesLoader.Label("VISIBLE_LEAK", false));
        assertThat(a.training().codes()).containsExactlyInAnyOrder("FROST_ON_LINE", "VISIBLE_LEAK");
        assertThat(all.get(1).runTime()).isEmpty();
        assertThat(withoutA).extracting(LabelledNotesLoader.Labelled::id).containsExactly("B1");

        write(dir, "intake/a.yaml", "notes:\n  - id: A1\n    text: \"frost\"\n    runTime: soon\n    expected: []\n");
        assertThatThrownBy(() -> LabelledNotesLoader.loadLabelledFromDomain(dir, VOCABULARY, f -> f.getFileName().toString().equals("a.yaml")))
                .hasMessageContaining("a.yaml").hasMessageContaining("notes[0].runTime");
    }

    private static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text);
    }
}
