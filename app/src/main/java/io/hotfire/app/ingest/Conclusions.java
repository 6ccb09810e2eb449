package io.hotfire.app.ingest;

import io.hotfire.app.alarm.AlarmTracker;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.event.EventEntity;
import io.hotfire.app.event.EventStore;
import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.telemetry.Frame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Stores what the diagnoses of a batch, or of a group commit's batches, concluded: their events,
 * then the runs' alarms that follow them, all the batches at once (a group's in a fixed handful of
 * statements, not some per event, alarm and notice), in the caller's transaction.
 */
@ApplicationScoped
class Conclusions {

    @Inject
    EventStore events;

    @Inject
    AlarmTracker alarms;

    /** A batch's events as stored, and the audit entries of what its alarms did on their own. */
    record Stored(List<EventEntity> rows, List<AuditLog.Attributed> lifecycle) {
    }

    /** What a run's monitor concluded from a batch's new frames, and how long that took. */
    record Diagnosed(List<Event> events, long nanos) {
    }

    /**
     * Runs a batch's new frames through the run's monitor: CPU only, no database and no transaction
     * (it may run on a diagnosis thread; everything transactional happens on the caller's).
     */
    static Diagnosed diagnose(RunMonitor monitor, List<Frame> fresh) {
        List<Event> concluded = new ArrayList<>();
        long start = System.nanoTime();
        for (Frame f : fresh) {
            concluded.addAll(monitor.accept(f));
        }
        return new Diagnosed(concluded, System.nanoTime() - start);
    }

    /** @return each batch's outcome, in the order given */
    List<Stored> store(List<EventStore.Appending> batches) {
        List<Stored> out = new ArrayList<>(batches.size());
        if (batches.stream().allMatch(b -> b.events().isEmpty())) {
            // Most batches conclude nothing: no event to write, no alarm to follow.
            batches.forEach(b -> out.add(new Stored(List.of(), List.of())));
            return out;
        }
        List<List<EventEntity>> rows = events.appendAll(batches);
        List<AlarmTracker.Applying> applying = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            applying.add(new AlarmTracker.Applying(batches.get(i).runId(), batches.get(i).events(), rows.get(i)));
        }
        List<List<AuditLog.Attributed>> lifecycle = alarms.applyAll(applying);
        for (int i = 0; i < batches.size(); i++) {
            out.add(new Stored(rows.get(i), lifecycle.get(i)));
        }
        return out;
    }
}
