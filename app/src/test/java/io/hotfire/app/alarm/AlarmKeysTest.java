package io.hotfire.app.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmKeysTest {

    private static Event event(EventType type, String code, String sensor, Map<String, Object> evidence) {
        return new Event(1.0, type, code, Severity.WARNING, sensor, List.of("X-001"), "m", evidence);
    }

    @Test
    void aLimitAlarmAndItsClearShareTheEvidenceKey() {
        Map<String, Object> ev = Map.of("key", "WARNING:VIB_RMS:HIGH");

        assertThat(AlarmKeys.of(event(EventType.ALARM, "WARNING_HIGH", "VIB_RMS", ev)))
                .contains(new AlarmKeys.Effect("LIMIT:VIB_RMS:HIGH", "WARNING:VIB_RMS:HIGH", true));
        assertThat(AlarmKeys.of(event(EventType.CLEAR, "WARNING_HIGH", "VIB_RMS", ev)))
                .contains(new AlarmKeys.Effect("LIMIT:VIB_RMS:HIGH", "WARNING:VIB_RMS:HIGH", false));
    }

    @Test
    void warningRedlineUnconfirmedAndTheAbortOfOneSensorAndSideAreOneCondition() {
        for (String k : List.of("WARNING:TIT_A:HIGH", "REDLINE:TIT_A:HIGH", "UNCONFIRMED:TIT_A:HIGH")) {
            assertThat(AlarmKeys.of(event(EventType.ALARM, "X", "TIT_A", Map.of("key", k)))).get()
                    .extracting(AlarmKeys.Effect::key).isEqualTo("LIMIT:TIT_A:HIGH");
        }
        AlarmKeys.Effect abort = AlarmKeys.of(event(EventType.ABORT, "REDLINE_HIGH", "TIT_A", Map.of())).orElseThrow();
        assertThat(abort).isEqualTo(new AlarmKeys.Effect("LIMIT:TIT_A:HIGH", "ABORT", true));
        assertThat(abort.latched()).isTrue();
        assertThat(AlarmKeys.of(event(EventType.ALARM, "WARNING_LOW", "TIT_A", Map.of("key", "WARNING:TIT_A:LOW")))).get()
                .extracting(AlarmKeys.Effect::key).as("the other side is another condition").isEqualTo("LIMIT:TIT_A:LOW");
        assertThat(AlarmKeys.of(event(EventType.ALARM, "TRACKING_REDLINE", "MOV_POS", Map.of("key", "TRACKING_REDLINE:MOV")))).get()
                .extracting(AlarmKeys.Effect::key).isEqualTo("TRACKING:MOV_POS");
        assertThat(AlarmKeys.of(event(EventType.ABORT, "TRACKING_REDLINE", "MOV_POS", Map.of()))).get()
                .extracting(AlarmKeys.Effect::key).isEqualTo("TRACKING:MOV_POS");
        assertThat(AlarmKeys.of(event(EventType.ALARM, "PAIR_DISAGREEMENT", "TIT_A", Map.of("key", "PAIR:TIT_A/TIT_B")))).get()
                .extracting(AlarmKeys.Effect::key).isEqualTo("PAIR:TIT_A/TIT_B");
    }

    @Test
    void findingsSensorsAndAbortsAreKeyedByTypeCodeAndSensor_andAKeylessClearEndsTheFinding() {
        assertThat(AlarmKeys.of(event(EventType.FINDING, "GG_FUEL_STARVATION", "TIT_A", Map.of())))
                .contains(new AlarmKeys.Effect("FINDING:GG_FUEL_STARVATION:TIT_A", "FINDING:GG_FUEL_STARVATION:TIT_A", true));
        assertThat(AlarmKeys.of(event(EventType.CLEAR, "GG_FUEL_STARVATION", "TIT_A", Map.of("members", List.of()))))
                .contains(new AlarmKeys.Effect("FINDING:GG_FUEL_STARVATION:TIT_A", "FINDING:GG_FUEL_STARVATION:TIT_A", false));
        assertThat(AlarmKeys.of(event(EventType.SENSOR, "SENSOR_DEAD", "PC_A", Map.of())))
                .contains(new AlarmKeys.Effect("SENSOR:SENSOR_DEAD:PC_A", "SENSOR:SENSOR_DEAD:PC_A", true));
        assertThat(AlarmKeys.of(event(EventType.ABORT, "OTHER_ABORT", "TIT_B", Map.of())))
                .contains(new AlarmKeys.Effect("ABORT:OTHER_ABORT:TIT_B", "ABORT:OTHER_ABORT:TIT_B", true));
        assertThat(AlarmKeys.of(event(EventType.FINDING, "GROUP_A|GROUP_B", null, Map.of())))
                .contains(new AlarmKeys.Effect("FINDING:GROUP_A|GROUP_B:-", "FINDING:GROUP_A|GROUP_B:-", true));
    }

    @Test
    void recommendationsRouteChangesAndAdviceAreNotAlarms() {
        assertThat(AlarmKeys.of(event(EventType.RECOMMENDATION, "HOLD_THROTTLE", null, Map.of()))).isEmpty();
        assertThat(AlarmKeys.of(event(EventType.ROUTE, "OUT_OF_DISTRIBUTION", null, Map.of()))).isEmpty();
        assertThat(AlarmKeys.of(event(EventType.ADVICE, "GG_FUEL_STARVATION", null, Map.of()))).isEmpty();
    }
}
