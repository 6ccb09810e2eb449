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

        assertThat(AlarmKeys.of(event(EventType.ALARM, "WARNING_HIGH", "VIB_RMS", ev))).contains(new AlarmKeys.Effect("WARNING:VIB_RMS:HIGH", true));
        assertThat(AlarmKeys.of(event(EventType.CLEAR, "WARNING_HIGH", "VIB_RMS", ev))).contains(new AlarmKeys.Effect("WARNING:VIB_RMS:HIGH", false));
    }

    @Test
    void findingsSensorsAndAbortsAreKeyedByTypeCodeAndSensor_andAKeylessClearEndsTheFinding() {
        assertThat(AlarmKeys.of(event(EventType.FINDING, "GG_FUEL_STARVATION", "TIT_A", Map.of())))
                .contains(new AlarmKeys.Effect("FINDING:GG_FUEL_STARVATION:TIT_A", true));
        assertThat(AlarmKeys.of(event(EventType.CLEAR, "GG_FUEL_STARVATION", "TIT_A", Map.of("members", List.of()))))
                .contains(new AlarmKeys.Effect("FINDING:GG_FUEL_STARVATION:TIT_A", false));
        assertThat(AlarmKeys.of(event(EventType.SENSOR, "SENSOR_DEAD", "PC_A", Map.of())))
                .contains(new AlarmKeys.Effect("SENSOR:SENSOR_DEAD:PC_A", true));
        assertThat(AlarmKeys.of(event(EventType.ABORT, "REDLINE_HIGH", "TIT_B", Map.of())))
                .contains(new AlarmKeys.Effect("ABORT:REDLINE_HIGH:TIT_B", true));
        assertThat(AlarmKeys.of(event(EventType.FINDING, "GROUP_A|GROUP_B", null, Map.of())))
                .contains(new AlarmKeys.Effect("FINDING:GROUP_A|GROUP_B:-", true));
    }

    @Test
    void recommendationsRouteChangesAndAdviceAreNotAlarms() {
        assertThat(AlarmKeys.of(event(EventType.RECOMMENDATION, "HOLD_THROTTLE", null, Map.of()))).isEmpty();
        assertThat(AlarmKeys.of(event(EventType.ROUTE, "OUT_OF_DISTRIBUTION", null, Map.of()))).isEmpty();
        assertThat(AlarmKeys.of(event(EventType.ADVICE, "GG_FUEL_STARVATION", null, Map.of()))).isEmpty();
    }
}
