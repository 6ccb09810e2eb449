package io.hotfire.learned;

import io.hotfire.learned.data.LearnedDataException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.feature.WindowBuilder;
import io.hotfire.domain.feature.WindowSnapshot;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.learned.classify.Prediction;
import io.hotfire.learned.gate.GateScore;
import io.hotfire.learned.train.ModelCache;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnedModelTest {

    @TempDir
    Path dir;

    private static List<WindowSnapshot> windows(EngineProfile p, Path csv) throws Exception {
        List<Frame> frames;
        try (Reader in = Files.newBufferedReader(csv)) {
            frames = new CsvFrameReader(p).read(in, 0);
        }
        WindowBuilder wb = new WindowBuilder(p);
        List<WindowSnapshot> out = new ArrayList<>();
        for (Frame f : frames) {
            WindowSnapshot w = wb.add(f);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    @Test
    void aSavedModelLoadsBackToTheSameBytesVersionAndScores() throws Exception {
        LearnedModel m = TwinData.smallModel();
        assertThat(m.version()).matches("learned-[0-9a-f]{12}");
        Path file = dir.resolve("model.json");
        m.save(file);
        LearnedModel back = LearnedModel.load(file);
        assertThat(back.version()).isEqualTo(m.version());
        assertThat(back.toBytes()).isEqualTo(Files.readAllBytes(file));
        back.save(dir.resolve("again.json"));
        assertThat(Files.readAllBytes(dir.resolve("again.json"))).isEqualTo(Files.readAllBytes(file));
        assertThat(back.spec()).isEqualTo(m.spec());
        assertThat(back.training()).isEqualTo(m.training());

        EngineProfile p = TwinData.gg1().profile();
        Path csv = TwinData.layout(42, 20).resolve("test").resolve("test-0001.csv");
        for (WindowSnapshot w : windows(p, csv).subList(200, 230)) {
            GateScore a = m.gate().score(w);
            GateScore b = back.gate().score(w);
            assertThat(b.score()).isEqualTo(a.score());
            assertThat(b.pValue()).isEqualTo(a.pValue());
            Prediction pa = m.classifier().predict(w);
            assertThat(back.classifier().predict(w).ranked()).isEqualTo(pa.ranked());
        }
    }

    @Test
    void theModelKnowsItsProfileAndTheHeldOutCodeIsNotAClass() {
        LearnedModel m = TwinData.smallModel();
        EngineProfile p = TwinData.gg1().profile();
        assertThat(m.trainedOn(p)).isTrue();
        assertThat(m.engine()).isEqualTo("gg1");
        assertThat(m.training().holdOut()).containsExactly("OX_INJECTOR_BLOCKAGE");
        assertThat(m.classifier().classes()).contains(Prediction.NOMINAL, "LOX_PUMP_CAVITATION")
                .doesNotContain("OX_INJECTOR_BLOCKAGE").noneMatch(c -> c.startsWith("SENSOR_"));
    }

    @Test
    void anyChangeToTheFileChangesTheVersionAndAHandEditedThresholdIsRefused() throws Exception {
        LearnedModel m = TwinData.smallModel();
        String text = new String(m.toBytes(), StandardCharsets.UTF_8);
        String reordered = text.replace("\"engine\":\"gg1\"", "\"engine\": \"gg1\"");
        assertThat(LearnedModel.parse("m", reordered.getBytes(StandardCharsets.UTF_8)).version()).isNotEqualTo(m.version());
        String threshold = "\"threshold\":" + m.gate().threshold() + ",";
        assertThat(text).contains(threshold);
        String edited = text.replace(threshold, "\"threshold\":" + (m.gate().threshold() * 2) + ",");
        assertThatThrownBy(() -> LearnedModel.parse("m.json", edited.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(LearnedDataException.class).hasMessageContaining("m.json:1: gate.threshold");
        String format = text.replace(LearnedModel.FORMAT, "hotfire-learned-model/0");
        assertThatThrownBy(() -> LearnedModel.parse("m.json", format.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("format: is 'hotfire-learned-model/0'");
        assertThatThrownBy(() -> LearnedModel.parse("m.json", "{".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("(syntax)");
        assertThatThrownBy(() -> LearnedModel.load(dir.resolve("missing.json"))).hasMessageContaining("cannot be read");
    }

    @Test
    void theDefaultModelIsBuiltOnceFromTheSuppliedFolderThenTakenFromTheCache() throws Exception {
        DomainCatalog.Domain d = TwinData.gg1();
        Path cache = dir.resolve("cache");
        Path file = ModelCache.cacheFile(d, cache);
        assertThat(file.getFileName().toString()).matches("gg1-[0-9a-f]{12}\\.json");
        // An unreadable entry (an older format, a broken write) is rebuilt, not trusted.
        Files.createDirectories(cache);
        Files.writeString(file, "{\"format\":\"old\"}");
        AtomicInteger calls = new AtomicInteger();
        LearnedModel first = ModelCache.defaultFor(d, cache, () -> {
            calls.incrementAndGet();
            return TwinData.layout(42, 20);
        });
        assertThat(calls).hasValue(1);
        // Training is deterministic: the same folder gives the same version as any other training of it.
        assertThat(first.version()).isEqualTo(TwinData.smallModel().version());
        assertThat(LearnedModel.load(file).version()).isEqualTo(first.version());
        LearnedModel second = ModelCache.defaultFor(d, cache, () -> {
            throw new AssertionError("the cached model must be used");
        });
        assertThat(second.version()).isEqualTo(first.version());
    }
}
