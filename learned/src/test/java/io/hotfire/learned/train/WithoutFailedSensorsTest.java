package io.hotfire.learned.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.learned.Synthetic;
import io.hotfire.learned.feature.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calibration of a gate that trims doubted sensors: the labelled failed sensor is left out from its onset. */
class WithoutFailedSensorsTest {

    @Test
    void aCalibrationRunsFailedSensorIsLeftOutFromItsOnsetOnly() {
        List<Feature> f = Synthetic.relMeans(3);
        LabelledRun run = new LabelledRun("cal-1", "cal-1.csv", "calibration", "in", List.of(
                new LabelledRun.Fault("SENSOR_BIAS", "S1", 12.0),
                new LabelledRun.Fault("VALVE_SLOW", null, 5.0)));
        TrainingWindows.RunWindows rw = new TrainingWindows.RunWindows(run, List.of(
                new TrainingWindows.Window(11.9, 0.9, new double[] {1, 2, 3}, new double[0], null),
                new TrainingWindows.Window(12.0, 0.9, new double[] {1, 2, 3}, new double[0], null)));
        List<TrainingWindows.RunWindows> out = TrainingWindows.withoutFailedSensors(List.of(rw), f);
        assertThat(out.get(0).windows().get(0).gate()).containsExactly(1, 2, 3);
        assertThat(out.get(0).windows().get(1).gate()).containsExactly(1, Double.NaN, 3);
        assertThat(rw.windows().get(1).gate()).containsExactly(1, 2, 3);
    }

    @Test
    void aRunWithoutSensorFaultsIsScoredWhole() {
        List<Feature> f = Synthetic.relMeans(2);
        LabelledRun run = new LabelledRun("cal-2", "cal-2.csv", "calibration", "in",
                List.of(new LabelledRun.Fault("VALVE_SLOW", null, 5.0)));
        TrainingWindows.RunWindows rw = new TrainingWindows.RunWindows(run,
                List.of(new TrainingWindows.Window(20.0, 0.9, new double[] {4, 5}, new double[0], "VALVE_SLOW")));
        assertThat(TrainingWindows.withoutFailedSensors(List.of(rw), f).get(0).windows().get(0).gate()).containsExactly(4, 5);
    }
}
