package io.hotfire.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The out-of-distribution entry counter counts entries, not every ROUTE event while out (plain JUnit, no server). */
class OpsMetricsTest {

    static Event route(double t, boolean ood, String decidedBy) {
        return new Event(t, EventType.ROUTE, ood ? "OUT_OF_DISTRIBUTION" : "IN_DISTRIBUTION", Severity.WATCH, null, List.of(),
                "route", Map.of("decidedBy", decidedBy));
    }

    @Test
    void aRouteRestatedByWhatDecidedItIsNoNewEntryButALaterReturnOutIs() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        OpsMetrics metrics = new OpsMetrics(registry);
        UUID run = UUID.randomUUID();
        metrics.committed(run, "csv", 5, 28, List.of(route(3.6, false, "gate")), 1000);
        metrics.committed(run, "csv", 5, 28, List.of(route(12.6, true, "envelope"), route(13.0, true, "gate+envelope")), 1000);
        assertThat(registry.counter("hotfire.ood.entries").count()).isEqualTo(1.0);
        metrics.committed(run, "csv", 5, 28, List.of(route(20.5, false, "gate"), route(25.0, true, "gate")), 1000);
        assertThat(registry.counter("hotfire.ood.entries").count()).isEqualTo(2.0);
    }
}
