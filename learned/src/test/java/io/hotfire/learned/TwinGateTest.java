package io.hotfire.learned;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.learned.train.TrainCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The GG-1 model trained the way {@code ./hotfire train} trains it, on the twin's standard layout
 * (seed 42), judged on that layout's test split: in-distribution runs, every shift knob and the
 * held-out fault.
 */
class TwinGateTest {

    private static LearnedModel model;
    private static TwinFigures.Figures figures;
    private static String printed;

    @BeforeAll
    static void trainAndEvaluate() throws Exception {
        Path dir = TwinData.layout(42, 0);
        Path file = dir.resolve("learned-model.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = TrainCommand.run(List.of(dir.toString(), "--domains", TwinData.domainsDir().toString(), "--out", file.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        model = LearnedModel.load(file);
        EngineProfile p = TwinData.gg1().profile();
        figures = TwinFigures.evaluate(model, p, dir, "test");
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        TwinFigures.print(figures, model, new PrintStream(shown, true, StandardCharsets.UTF_8), true);
        printed = out.toString(StandardCharsets.UTF_8) + shown.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFalseOodRateOnInDistributionTestWindowsLiesWithinHalfAndTwiceAlpha() {
        double alpha = model.gate().alpha();
        assertThat(figures.inWindows()).isGreaterThan(10000);
        assertThat(figures.falseOodWindow()).as(printed).isBetween(alpha / 2, 2 * alpha);
        assertThat(figures.falseOodPersisted()).as(printed).isLessThanOrEqualTo(figures.falseOodWindow());
    }

    @Test
    void everyShiftedOperatingConditionAndTheHeldOutFaultIsFlaggedWithinTwoSeconds() {
        for (String knob : List.of("deep-throttle", "uprate", "densified-lox", "chilled-rp1", "engine-unit",
                "fault-under-shift", "held-out-fault")) {
            int[] c = figures.byKnob().get(knob);
            assertThat(c).as(knob + "\n" + printed).isNotNull();
            assertThat(c[0]).as(knob + "\n" + printed).isEqualTo(c[1]);
        }
        assertThat(figures.flaggedWithin2s()).as(printed).isGreaterThanOrEqualTo(figures.shiftedRuns() * 8 / 10);
    }

    @Test
    void theClassifierDoesWellInDistributionAndDegradesOutOfIt() {
        assertThat(figures.accuracyIn()).as(printed).isGreaterThan(0.9);
        assertThat(figures.accuracyOod()).as(printed).isLessThan(figures.accuracyIn() - 0.1);
        assertThat(figures.accuracyByKnob().get("held-out-fault")[0]).as(printed).isLessThan(0.5);
        assertThat(figures.accuracyByKnob().get("novel-fault")[0]).as(printed).isLessThan(0.5);
        assertThat(model.classifier().classes()).doesNotContain("OX_INJECTOR_BLOCKAGE");
    }
}
