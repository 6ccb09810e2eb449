package io.hotfire.app.ingest;

import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.hotfire.domain.observation.ObservationFact;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;

/**
 * A run's monitor across a knowledge version change. Ingestion asks for a monitor on the engine's
 * current rules; when the run was last diagnosed by another rule-set version, the new monitor is
 * rebuilt from the run's stored frames (so its windows are those the old one would have had: the
 * change takes effect at the next window, never inside one) and the first new frame's events start
 * with a {@code DIAGNOSIS RULESET_CHANGED} event naming both versions — the run says when it changed
 * (the knowledge versions of io.hotfire.app.knowledge swap the engine's rules; this class only sees them change).
 */
@ApplicationScoped
public class RuleSetSwitch {

    /** The code of the event a run gets when its rule set changed mid-run. */
    public static final String CHANGED = "RULESET_CHANGED";

    @Inject
    Session session;

    /**
     * Whether a monitor made with decision version {@code previous} ({@code <rules>[+<model>]}) ran
     * other rules than the engine has now. A learned model attached later is not a rule change: such
     * a run keeps its monitor, as before knowledge versions existed.
     */
    public static boolean rulesChanged(String previous, DiagnosisEngine engine) {
        if (previous == null) {
            return false;
        }
        int plus = previous.indexOf('+');
        return !(plus < 0 ? previous : previous.substring(0, plus)).equals(engine.ruleSetVersion());
    }

    /** The rule-set version of the run's newest stored event, or null (call inside the ingest transaction). */
    public String lastVersion(UUID runId) {
        List<String> v = session.createSelectionQuery(
                        "select e.ruleSetVersion from EventEntity e where e.runId = :run order by e.id desc", String.class)
                .setParameter("run", runId).setMaxResults(1).getResultList();
        return v.isEmpty() ? null : v.get(0);
    }

    /**
     * A new monitor of the run on {@code engine}; if {@code previousVersion} is another rule-set
     * version, the first frame after {@code lastSeq} also yields the change event.
     */
    public RunMonitor open(DiagnosisEngine engine, String engineId, UUID runId, String previousVersion, Long lastSeq) {
        RunMonitor m = engine.open(runId.toString());
        if (!rulesChanged(previousVersion, engine) || lastSeq == null) {
            return m;
        }
        return new Noting(m, engineId, previousVersion, lastSeq);
    }

    /** Passes everything through; the first frame after {@code after} also gets the change event. */
    private static final class Noting implements RunMonitor {
        private final RunMonitor delegate;
        private final String engineId;
        private final String previous;
        private final long after;
        private boolean noted;

        Noting(RunMonitor delegate, String engineId, String previous, long after) {
            this.delegate = delegate;
            this.engineId = engineId;
            this.previous = previous;
            this.after = after;
        }

        @Override
        public List<Event> accept(Frame frame) {
            List<Event> events = delegate.accept(frame);
            if (noted || frame.seq() <= after) {
                return events;
            }
            noted = true;
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("from", previous);
            ev.put("to", delegate.ruleSetVersion());
            ev.put("engine", engineId);
            ev.put("fromSeq", frame.seq());
            List<Event> out = new ArrayList<>(events.size() + 1);
            out.add(new Event(frame.t(), EventType.DIAGNOSIS, CHANGED, Severity.WATCH, null, List.of(),
                    "rule set changed from " + previous + " to " + delegate.ruleSetVersion()
                            + " from frame " + frame.seq()
                            + " on; the windows from here on are judged by the new rules", ev));
            out.addAll(events);
            return out;
        }

        @Override
        public void observations(List<ObservationFact> accepted) {
            delegate.observations(accepted);
        }

        @Override
        public String ruleSetVersion() {
            return delegate.ruleSetVersion();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
