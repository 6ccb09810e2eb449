package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hybrid verdict's code fits the event store's code column however many sensors the rules disqualified. */
class VerdictCodeTest {

    @Test
    void aShortVerdict_isItsMembersJoined() {
        assertThat(Verdict.code(List.of("TP_BEARING_WEAR", "SENSOR_BIAS@P_F_INJ"))).isEqualTo("TP_BEARING_WEAR+SENSOR_BIAS@P_F_INJ");
    }

    @Test
    void aVerdictOfManyDeadSensors_namesThoseThatFit_andHowManyMore() {
        List<String> members = new ArrayList<>();
        for (String s : List.of("GGV_CMD", "GGV_POS", "MDOT_F", "MDOT_OX", "N_TP", "PC_A", "PC_B", "P_F_IN", "P_OX_IN", "T_WALL",
                "T_COOL_OUT", "TIT_A", "TIT_B", "VIB_RMS", "VIB_1N", "VIB_CAGE", "VIB_SUB", "P_F_INJ", "P_OX_INJ", "P_GG")) {
            members.add("SENSOR_DEAD@" + s);
        }
        String code = Verdict.code(members);
        assertThat(String.join("+", members)).hasSizeGreaterThan(Verdict.MAX_CODE);
        assertThat(code).hasSizeLessThanOrEqualTo(Verdict.MAX_CODE).startsWith("SENSOR_DEAD@GGV_CMD+").matches(".*\\+\\d+ more$");
        int shown = code.split("\\+").length - 1;
        assertThat(code).endsWith("+" + (members.size() - shown) + " more");
    }
}
