package io.hotfire.domain.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.DataFileException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataNodeTest {

    private static final String YAML = """
            id: gg1
            rate: 50
            sensors:
              - id: P_CC
                limits:
                  redHigh: high
              - id: T_WALL
            flags: {a: 1}
            """;

    private static DataNode root() {
        return DataNode.parse("profile.yaml", YAML.getBytes(StandardCharsets.UTF_8), DataNode.PLAIN);
    }

    @Test
    void aWrongValueIsNamedByFileLineAndField() {
        DataNode redHigh = root().list("sensors").get(0).get("limits");
        assertThatThrownBy(() -> redHigh.number("redHigh"))
                .isInstanceOf(DataFileException.class)
                .hasMessage("profile.yaml:6: sensors[0].limits.redHigh: must be a number, got \"high\"")
                .satisfies(e -> assertThat(((DataFileException) e).line()).isEqualTo(6));
    }

    @Test
    void aMissingFieldIsNamedAtTheLineOfItsMapping() {
        DataNode second = root().list("sensors").get(1);
        assertThatThrownBy(() -> second.text("unit")).hasMessage("profile.yaml:7: sensors[1].unit: is required");
    }

    @Test
    void anUnknownFieldIsNamedAtItsOwnLine() {
        assertThatThrownBy(() -> root().allowOnly("id", "rate", "sensors"))
                .hasMessage("profile.yaml:8: flags: unknown field; expected one of [id, rate, sensors]");
    }

    @Test
    void readsTypedValues() {
        DataNode r = root();
        assertThat(r.text("id")).isEqualTo("gg1");
        assertThat(r.integer("rate", 0)).isEqualTo(50);
        assertThat(r.number("missing", 2.5)).isEqualTo(2.5);
        assertThat(r.list("sensors")).extracting(n -> n.text("id")).containsExactly("P_CC", "T_WALL");
        assertThat(r.get("flags").fieldNames()).containsExactly("a");
        assertThatThrownBy(() -> r.bool("rate", false)).hasMessage("profile.yaml:2: rate: must be true or false, got 50");
    }

    @Test
    void aSyntaxErrorNamesItsLine() {
        assertThatThrownBy(() -> DataNode.parse("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n".getBytes(StandardCharsets.UTF_8), DataNode.PLAIN))
                .isInstanceOf(DataFileException.class)
                .hasMessageStartingWith("bad.yaml:")
                .hasMessageContaining(": (syntax): not valid YAML/JSON: ")
                .satisfies(e -> assertThat(((DataFileException) e).line()).isGreaterThan(1));
    }

    @Test
    void aPathWrittenAsInMessagesFindsItsLine() {
        assertThatThrownBy(() -> { throw root().errorAt("sensors[1].id", "duplicate"); })
                .hasMessage("profile.yaml:7: sensors[1].id: duplicate");
    }

    @Test
    void eachKindOfFileRaisesItsOwnException() {
        class Mine extends DataFileException {
            Mine(String file, int line, String field, String message) {
                super(file, line, field, message, null);
            }
        }
        DataNode r = DataNode.parse("x.yaml", "a: 1\n".getBytes(StandardCharsets.UTF_8), Mine::new);
        assertThatThrownBy(() -> r.text("a")).isInstanceOf(Mine.class).hasMessage("x.yaml:1: a: must be text, got 1");
    }

    @Test
    void aLineOfAJsonLinesFileIsNamedByItsNumberInTheFile() {
        DataNode n = DataNode.parseLine("labels.jsonl", 7, "{\"run\": \"r1\"}", DataNode.PLAIN);
        assertThatThrownBy(() -> n.text("file")).hasMessage("labels.jsonl:7: file: is required");
        assertThatThrownBy(() -> DataNode.parseLine("labels.jsonl", 3, "{not json", DataNode.PLAIN))
                .hasMessageStartingWith("labels.jsonl:3: (syntax): not valid YAML/JSON");
    }
}
