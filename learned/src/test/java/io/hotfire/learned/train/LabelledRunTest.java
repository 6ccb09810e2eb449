package io.hotfire.learned.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.learned.data.LearnedDataException;
import io.hotfire.learned.classify.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledRunTest {

    @TempDir
    Path dir;

    private List<LabelledRun> read(String... lines) throws Exception {
        Files.writeString(dir.resolve("labels.jsonl"), String.join("\n", lines) + "\n");
        return LabelledRun.read(dir);
    }

    @Test
    void theFieldsTrainingNeedsAreReadAndTheRestIgnored() throws Exception {
        List<LabelledRun> runs = read(
                "{\"run\":\"r1\",\"file\":\"train/r1.csv\",\"split\":\"train\",\"faults\":[],\"seed\":5,\"shift\":{\"knobs\":[]}}",
                "",
                "{\"run\":\"r2\",\"file\":\"train/r2.csv\",\"split\":\"calibration\",\"distribution\":\"ood\","
                        + "\"faults\":[{\"code\":\"SENSOR_DRIFT\",\"sensor\":\"PC_A\",\"onset\":12.5,\"ramp\":0}]}");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).inDistribution()).isTrue();
        assertThat(runs.get(0).faults()).isEmpty();
        assertThat(runs.get(1).inDistribution()).isFalse();
        assertThat(runs.get(1).faults().get(0)).isEqualTo(new LabelledRun.Fault("SENSOR_DRIFT", "PC_A", 12.5));
        assertThat(runs.get(1).faults().get(0).sensorFault()).isTrue();
    }

    @Test
    void aWindowIsNominalBeforeTheOnsetAndCarriesTheCodeAfterIt() {
        LabelledRun r = new LabelledRun("r", "f", "train", "in", List.of(new LabelledRun.Fault("LOX_LINE_LEAK", null, 10)));
        assertThat(r.windowClass(9.98)).isEqualTo(Prediction.NOMINAL);
        assertThat(r.windowClass(10.0)).isEqualTo("LOX_LINE_LEAK");
    }

    @Test
    void sensorFaultAndCompoundWindowsAreLeftOutOfTheClassifiersTraining() {
        LabelledRun sensor = new LabelledRun("r", "f", "train", "in", List.of(new LabelledRun.Fault("SENSOR_BIAS", "TIT_A", 10)));
        assertThat(sensor.windowClass(5)).isEqualTo(Prediction.NOMINAL);
        assertThat(sensor.windowClass(11)).isNull();
        LabelledRun compound = new LabelledRun("r", "f", "train", "in", List.of(
                new LabelledRun.Fault("LOX_LINE_LEAK", null, 10), new LabelledRun.Fault("TP_ROTOR_WHIRL", null, 20)));
        assertThat(compound.windowClass(15)).isEqualTo("LOX_LINE_LEAK");
        assertThat(compound.windowClass(21)).isNull();
    }

    @Test
    void aSensorFaultAloneTrainsTheAbstentionClassItMapsToFromItsOnset() {
        java.util.function.Function<String, String> instrument = code -> code.startsWith("SENSOR_") ? "INSTRUMENT" : null;
        LabelledRun sensor = new LabelledRun("r", "f", "train", "in", List.of(new LabelledRun.Fault("SENSOR_DRIFT", "T_WALL", 10)));
        assertThat(sensor.windowClass(9.9, instrument)).isEqualTo(Prediction.NOMINAL);
        assertThat(sensor.windowClass(10.0, instrument)).isEqualTo("INSTRUMENT");
        // An engine fault keeps its code; an engine fault with a failed sensor has no single class and stays out.
        LabelledRun leak = new LabelledRun("r", "f", "train", "in", List.of(new LabelledRun.Fault("LOX_LINE_LEAK", null, 10)));
        assertThat(leak.windowClass(11, instrument)).isEqualTo("LOX_LINE_LEAK");
        LabelledRun mixed = new LabelledRun("r", "f", "train", "in", List.of(
                new LabelledRun.Fault("LOX_LINE_LEAK", null, 10), new LabelledRun.Fault("SENSOR_BIAS", "PC_A", 20)));
        assertThat(mixed.windowClass(15, instrument)).isEqualTo("LOX_LINE_LEAK");
        assertThat(mixed.windowClass(21, instrument)).isNull();
        // Two sensor faults of the same abstention class are still that class; of two classes, left out.
        LabelledRun two = new LabelledRun("r", "f", "train", "in", List.of(
                new LabelledRun.Fault("SENSOR_BIAS", "PC_A", 10), new LabelledRun.Fault("SENSOR_DEAD", "T_WALL", 20)));
        assertThat(two.windowClass(21, instrument)).isEqualTo("INSTRUMENT");
        assertThat(two.windowClass(21, code -> code.equals("SENSOR_BIAS") ? "BIASED" : code.equals("SENSOR_DEAD") ? "DEAD" : null))
                .isNull();
        // A sensor fault no abstention class names is left out, as without the setting.
        assertThat(sensor.windowClass(11, code -> code.equals("SENSOR_BIAS") ? "BIASED" : null)).isNull();
    }

    @Test
    void aBadLineFailsNamingItsNumberAndField() {
        assertThatThrownBy(() -> read("{\"run\":\"r1\",\"split\":\"train\"}"))
                .isInstanceOf(LearnedDataException.class)
                .hasMessageContaining("labels.jsonl:1: file: is required");
        assertThatThrownBy(() -> read("{\"run\":\"r1\",\"file\":\"a.csv\",\"split\":\"train\"}", "{not json"))
                .hasMessageContaining("labels.jsonl:2: (syntax): not valid YAML/JSON");
        assertThatThrownBy(() -> read("{\"run\":\"r1\",\"file\":\"a.csv\",\"split\":\"train\",\"faults\":[{\"code\":\"X\"}]}"))
                .hasMessageContaining("labels.jsonl:1: faults[0].onset: is required");
        assertThatThrownBy(() -> read("{\"run\":\"r1\",\"file\":\"a.csv\",\"split\":\"train\",\"distribution\":\"out\"}"))
                .hasMessageContaining("distribution: must be 'in' or 'ood'");
        assertThatThrownBy(() -> read("{\"run\":\"r1\",\"file\":\"a.csv\",\"split\":\"train\"}",
                "{\"run\":\"r1\",\"file\":\"b.csv\",\"split\":\"train\"}"))
                .hasMessageContaining("labels.jsonl:2: run: duplicate run 'r1'");
        assertThatThrownBy(() -> LabelledRun.read(dir.resolve("nowhere")))
                .hasMessageContaining("labels.jsonl: (file): cannot be read");
    }
}
