package io.hotfire.app.report;

import io.hotfire.app.alarm.AlarmView;
import io.hotfire.app.event.EventView;
import io.hotfire.app.note.NoteView;
import io.hotfire.app.run.RunView;
import io.hotfire.app.unit.UnitViews;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The quick-look report of one run: what a test engineer reviews after a hot fire.
 *
 * @param run          the run
 * @param unit         the unit's serial, or "unit unknown"
 * @param inProgress   true while the run has not been ended: the report says so
 * @param status       one sentence on the run's state
 * @param channels     key channels charted against expected value, band and limits
 * @param timeline     FINDING, ABORT and RECOMMENDATION events in run-time order, with rules and evidence
 * @param alarms       the run's alarms with who acknowledged, shelved, assigned and commented, and when
 * @param notes        engineers' notes with their observations (accepted ones are evidence)
 * @param explanation  the explanation, labelled with where its words come from (never the rules' words)
 * @param end          the run's end (life used, indicators), or null while in progress
 * @param versions     rule-set, trend-rule, units and model versions
 * @param audit        the run's last audit record: seq, hash, time — check the document against the chain
 */
public record ReportView(RunView run, String unit, boolean inProgress, String status, List<Channel> channels,
        List<EventView> timeline, List<AlarmView> alarms, List<NoteView> notes, Explanation explanation,
        UnitViews.RunEndView end, Map<String, Object> versions, Audit audit, Instant generatedAt) {

    /** A charted channel; {@code chart} is the PNG's URL. */
    public record Channel(String sensor, String description, String unit, Double min, Double max, Double mean,
            Double expectedAtLevel, String chart) {
    }

    /** The explanation and the label that says whose words it is. */
    public record Explanation(String label, String source, String model, String text, String recommendation, String rulesText) {
    }

    public record Audit(Long seq, String hash, Instant recordedAt, String action) {
    }
}
