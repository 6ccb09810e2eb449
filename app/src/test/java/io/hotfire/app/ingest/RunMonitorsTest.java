package io.hotfire.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.telemetry.Frame;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunMonitorsTest {

    private final RunMonitors monitors = new RunMonitors(2);

    @Test
    void aTakenMonitorIsNoLongerHeld() {
        UUID run = UUID.randomUUID();
        FakeMonitor m = new FakeMonitor();
        monitors.putBack(run, new RunMonitors.Held(m, 4L));

        RunMonitors.Held held = monitors.take(run);

        assertThat(held.monitor()).isSameAs(m);
        assertThat(held.lastSeq()).isEqualTo(4L);
        assertThat(monitors.take(run)).isNull();
        assertThat(m.closed).isFalse();
    }

    @Test
    void beyondTheBoundTheLeastRecentlyFedMonitorIsClosedAndDropped() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        FakeMonitor ma = new FakeMonitor();
        FakeMonitor mb = new FakeMonitor();
        monitors.putBack(a, new RunMonitors.Held(ma, 1L));
        monitors.putBack(b, new RunMonitors.Held(mb, 1L));
        monitors.putBack(a, monitors.take(a));

        monitors.putBack(c, new RunMonitors.Held(new FakeMonitor(), 1L));

        assertThat(monitors.size()).isEqualTo(2);
        assertThat(mb.closed).isTrue();
        assertThat(ma.closed).isFalse();
        assertThat(monitors.take(b)).isNull();
    }

    @Test
    void closingAllClosesEveryHeldMonitor() {
        FakeMonitor m = new FakeMonitor();
        monitors.putBack(UUID.randomUUID(), new RunMonitors.Held(m, null));

        monitors.closeAll();

        assertThat(m.closed).isTrue();
        assertThat(monitors.size()).isZero();
    }

    private static final class FakeMonitor implements RunMonitor {
        boolean closed;

        @Override
        public List<Event> accept(Frame frame) {
            return List.of();
        }

        @Override
        public String ruleSetVersion() {
            return "test";
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
