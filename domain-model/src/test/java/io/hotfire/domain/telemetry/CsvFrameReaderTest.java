package io.hotfire.domain.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.profile.EngineProfile;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFrameReaderTest {

    private static final EngineProfile GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1").profile();
    private static final int PC_A = GG1.indexOf("PC_A");
    private static final int PC_B = GG1.indexOf("PC_B");
    private static final int N_TP = GG1.indexOf("N_TP");

    private final CsvFrameReader reader = new CsvFrameReader(GG1);

    @Test
    void rowsBecomeFramesInProfileSensorOrder_numberedFromFirstSeq() {
        List<Frame> frames = reader.read("t,N_TP,PC_A\n0.00,36000,9.7\n0.02,36010.5,9.71\n", 7);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).seq()).isEqualTo(7);
        assertThat(frames.get(1).seq()).isEqualTo(8);
        assertThat(frames.get(1).t()).isEqualTo(0.02);
        assertThat(frames.get(1).values()).hasSize(GG1.sensors().size());
        assertThat(frames.get(1).values()[N_TP]).isEqualTo(36010.5);
        assertThat(frames.get(1).values()[PC_A]).isEqualTo(9.71);
    }

    @Test
    void aProfileSensorWithoutAColumnReadsNaNInEveryFrame() {
        Frame f = reader.read("t,PC_A\n0,9.7\n", 0).get(0);

        assertThat(f.values()[PC_B]).isNaN();
    }

    @Test
    void emptyAndNaNCellsAreNaN_andOutOfSpanValuesAreKeptAsRead() {
        Frame f = reader.read("t,PC_A,PC_B,N_TP\n0,,nan,99999\n", 0).get(0);

        assertThat(f.values()[PC_A]).isNaN();
        assertThat(f.values()[PC_B]).isNaN();
        assertThat(f.values()[N_TP]).isEqualTo(99999.0);
        assertThat(GG1.requireSensor("N_TP").isDead(f.values()[N_TP])).isTrue();
    }

    @Test
    void aSeqColumnOverridesRowNumbering() {
        CsvFrameReader.Table table = reader.readTable(new StringReader("seq,t,PC_A\n41,0.80,9.7\n+42,0.82,9.7\n"), 0);

        assertThat(table.hasSeqColumn()).isTrue();
        assertThat(table.columns()).containsExactly("seq", "t", "PC_A");
        assertThat(table.frames()).extracting(Frame::seq).containsExactly(41L, 42L);
    }

    @Test
    void bomCrlfLoneCrBlankLinesQuotesAndSpacesAreTolerated() {
        String text = "\uFEFF t , \"PC_A\"\r\n0,9.7\r\r\n0.02, \"9.8\" \n\n0.04,9.9";

        List<Frame> frames = reader.read(text, 0);

        assertThat(frames).extracting(f -> f.values()[PC_A]).containsExactly(9.7, 9.8, 9.9);
    }

    @Test
    void anUnknownColumnIsAnErrorNamingIt() {
        assertThatThrownBy(() -> reader.read("t,PC_A,PC_C\n0,1,2\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.columnName()).isEqualTo("PC_C");
                    assertThat(e.getMessage()).contains("PC_C").contains("gg1");
                });
    }

    @Test
    void aDuplicateColumnIsAnError() {
        assertThatThrownBy(() -> reader.read("t,PC_A,PC_A\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.reason()).contains("duplicate column 'PC_A' (first at column 2)");
                });
    }

    @Test
    void aHeaderWithoutTimeColumnIsAnError() {
        assertThatThrownBy(() -> reader.read("PC_A\n9.7\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.column()).isZero();
                });
    }

    @Test
    void aNonNumericCellIsAnErrorWithLineAndColumn() {
        assertThatThrownBy(() -> reader.read("t,PC_A,PC_B\n0,9.7,9.7\n\n0.02,9.7,abc\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.columnName()).isEqualTo("PC_B");
                    assertThat(e.getMessage()).isEqualTo("line 4, column 3 (PC_B): 'abc' is not a number");
                });
    }

    @Test
    void javaOnlyNumberSpellingsAreNotNumbers() {
        for (String cell : List.of("1d", "0x1p3", "Infinity", "-Infinity", "1e", ".", "1,5", "١")) {
            assertThatThrownBy(() -> reader.read("t,PC_A\n0,\"" + cell + "\"\n", 0))
                    .as(cell)
                    .isInstanceOf(CsvFormatException.class);
        }
    }

    @Test
    void aNumberBeyondDoubleRangeIsAnError() {
        assertThatThrownBy(() -> reader.read("t,PC_A\n0,1e999\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.reason()).contains("beyond the range"));
    }

    @Test
    void anEmptyTimeCellIsAnError() {
        assertThatThrownBy(() -> reader.read("t,PC_A\n,9.7\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(1);
                });
    }

    @Test
    void aNegativeOrFractionalSeqIsAnError() {
        for (String seq : List.of("-1", "1.5", "", "99999999999999999999")) {
            assertThatThrownBy(() -> reader.read("seq,t\n" + seq + ",0\n", 0))
                    .as(seq)
                    .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.columnName()).isEqualTo("seq"));
        }
    }

    @Test
    void aRowWithTooFewOrTooManyCellsIsAnError() {
        assertThatThrownBy(() -> reader.read("t,PC_A,PC_B\n0,1\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(3);
                });
        assertThatThrownBy(() -> reader.read("t,PC_A\n0,1,2\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.column()).isEqualTo(3));
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> reader.read("t,PC_A\n0,\"9.7\n\"\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(2);
                });
    }

    @Test
    void emptyTextIsAnError_butAHeaderAloneIsNoFrames() {
        assertThatThrownBy(() -> reader.read("", 0)).isInstanceOf(CsvFormatException.class);
        assertThatThrownBy(() -> reader.read("\uFEFF\r\n  \n", 0)).isInstanceOf(CsvFormatException.class);
        assertThat(reader.read("t,PC_A\r\n", 0)).isEmpty();
    }

    @Test
    void seqMustBeBelow10To15() {
        assertThat(reader.read("seq,t\n999999999999999,0\n", 0).get(0).seq()).isEqualTo(999_999_999_999_999L);

        assertThatThrownBy(() -> reader.read("seq,t\n1000000000000000,0\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.columnName()).isEqualTo("seq");
                    assertThat(e.reason()).contains("10^15");
                });
    }

    @Test
    void aNegativeTIsRefusedWithItsLine() {
        assertThatThrownBy(() -> reader.read("t,PC_A\n0,9.7\n\n-5,9.7\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.column()).isEqualTo(1);
                    assertThat(e.columnName()).isEqualTo("t");
                    assertThat(e.reason()).contains("negative");
                });
    }

    @Test
    void tMustNotGoBackInSeqOrder_withOrWithoutASeqColumn() {
        assertThatThrownBy(() -> reader.read("t,PC_A\n0.00,9.7\n0.04,9.7\n0.02,9.7\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.columnName()).isEqualTo("t");
                    assertThat(e.reason()).contains("seq 2").contains("must not decrease");
                });
        // Rows out of seq order are fine as long as t follows seq.
        assertThat(reader.read("seq,t\n2,0.04\n1,0.02\n", 0)).hasSize(2);
        assertThatThrownBy(() -> reader.read("t,seq\n0.04,1\n0.02,2\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> assertThat(e.line()).isEqualTo(3));
        // Equal times are allowed (a repeated sample time).
        assertThat(reader.read("t\n1\n1\n", 0)).hasSize(2);
    }

    @Test
    void neighbouringSeqsMayBeAtMostAMillionApart() {
        assertThat(reader.read("seq,t\n0,0\n1000000,1\n", 0)).hasSize(2);

        assertThatThrownBy(() -> reader.read("seq,t\n0,0\n1000001,1\n", 0))
                .isInstanceOfSatisfying(CsvFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.columnName()).isEqualTo("seq");
                    assertThat(e.column()).isEqualTo(1);
                });
    }
}
