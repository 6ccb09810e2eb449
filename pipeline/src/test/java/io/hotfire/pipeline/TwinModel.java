package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.learned.LearnedModel;
import io.hotfire.pipeline.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A learned model trained on a small twin layout (40 runs, seed 5), once per test JVM. */
final class TwinModel {

    private static LearnedModel model;

    private TwinModel() {
    }

    static synchronized LearnedModel small() {
        if (model == null) {
            try {
                Path dir = Files.createTempDirectory("hotfire-twin-model");
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
                PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
                Path layout = dir.resolve("layout");
                assertThat(Cli.run(List.of("simulate", "--out", layout.toString(), "--layout", "standard", "--runs", "40",
                        "--seed", "5"), quiet, errs)).as(err.toString(StandardCharsets.UTF_8)).isZero();
                Path file = dir.resolve("model.json");
                assertThat(Cli.run(List.of("train", layout.toString(), "--out", file.toString()), quiet, errs))
                        .as(err.toString(StandardCharsets.UTF_8)).isZero();
                model = LearnedModel.load(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }
}
