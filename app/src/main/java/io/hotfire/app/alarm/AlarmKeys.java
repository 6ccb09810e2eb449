package io.hotfire.app.alarm;

import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which alarm a diagnosis event raises or clears: one alarm per <em>condition</em> (ISA-18.2), so an
 * escalation of the same condition updates its alarm instead of adding one.
 *
 * <p>The condition of a limit alarm is its sensor and side: the core rules' evidence keys
 * {@code WARNING:s:side}, {@code REDLINE:s:side} and {@code UNCONFIRMED:s:side} are all
 * {@code LIMIT:s:side}, and an ABORT on a redline of that sensor ({@code REDLINE_side}) escalates the
 * same alarm (a latched member: the abort latches in the rules too). Tracking alarms
 * ({@code TRACKING*:check}) fold by the position sensor they name, as does the tracking-redline
 * abort. Each contributing key stays a <em>member</em> of the condition, so the condition clears only
 * when its last non-latched member clears, and its severity is the highest of its members.
 * Findings and sensor disqualifications are conditions of their own ({@code TYPE:code:sensor});
 * a CLEAR without a key ends a finding (the rules clear findings by code). RECOMMENDATION, ROUTE,
 * ADVICE and DIAGNOSIS events are not alarms (advice of the learned parts or the LLM never raises one).
 * A DIAGNOSIS_FAULT (the rule session failed and was rebuilt) raises an alarm: nobody may take a
 * silent gap in the diagnosis for a quiet engine.
 */
public final class AlarmKeys {

    /** The member key of an abort folded into a limit condition: latched, never cleared by the rules. */
    public static final String ABORT_MEMBER = "ABORT";

    private static final Pattern LIMIT = Pattern.compile("(?:WARNING|REDLINE|UNCONFIRMED):(.+):(HIGH|LOW)");
    private static final Pattern TRACKING = Pattern.compile("TRACKING(?:_REDLINE|_UNCONFIRMED)?:.+");
    private static final Pattern REDLINE_CODE = Pattern.compile("REDLINE_(HIGH|LOW)");

    /**
     * What an event does to which alarm.
     *
     * @param key    the condition (the alarm within its run)
     * @param member the event's own key within the condition
     * @param raises true for a raise or escalation, false for a clear
     */
    public record Effect(String key, String member, boolean raises) {

        /** Whether the member latches (an abort): it keeps the condition's severity but not the condition active. */
        public boolean latched() {
            return ABORT_MEMBER.equals(member);
        }
    }

    private AlarmKeys() {
    }

    public static Optional<Effect> of(Event e) {
        Object evidenceKey = e.evidence().get("key");
        String sensor = e.sensor() == null ? "-" : e.sensor();
        return switch (e.type()) {
            case ALARM, CLEAR -> {
                boolean raises = e.type() == EventType.ALARM;
                if (evidenceKey == null) {
                    String k = raises ? key(EventType.ALARM, e.code(), sensor) : key(EventType.FINDING, e.code(), sensor);
                    yield Optional.of(new Effect(k, k, raises));
                }
                String member = evidenceKey.toString();
                yield Optional.of(new Effect(condition(member, sensor), member, raises));
            }
            case ABORT -> {
                Matcher m = REDLINE_CODE.matcher(e.code());
                if (m.matches() && e.sensor() != null) {
                    yield Optional.of(new Effect("LIMIT:" + sensor + ":" + m.group(1), ABORT_MEMBER, true));
                }
                if ("TRACKING_REDLINE".equals(e.code()) && e.sensor() != null) {
                    yield Optional.of(new Effect("TRACKING:" + sensor, ABORT_MEMBER, true));
                }
                String k = key(e.type(), e.code(), sensor);
                yield Optional.of(new Effect(k, k, true));
            }
            case SENSOR, FINDING, DIAGNOSIS_FAULT -> {
                String k = key(e.type(), e.code(), sensor);
                yield Optional.of(new Effect(k, k, true));
            }
            case RECOMMENDATION, ROUTE, ADVICE, DIAGNOSIS -> Optional.empty();
        };
    }

    /** The condition an evidence key belongs to. */
    static String condition(String evidenceKey, String sensor) {
        Matcher m = LIMIT.matcher(evidenceKey);
        if (m.matches()) {
            return "LIMIT:" + m.group(1) + ":" + m.group(2);
        }
        if (TRACKING.matcher(evidenceKey).matches()) {
            return "TRACKING:" + sensor;
        }
        return evidenceKey;
    }

    static String key(EventType type, String code, String sensor) {
        return type.name() + ":" + code + ":" + sensor;
    }
}
