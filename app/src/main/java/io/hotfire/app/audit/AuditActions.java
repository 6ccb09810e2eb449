package io.hotfire.app.audit;

import io.hotfire.domain.event.EventType;
import java.util.Locale;

/** The action names the server records (others may add theirs through {@link AuditLog#append}). */
public final class AuditActions {

    /** Configuration at start-up, secrets masked. */
    public static final String SYSTEM_START = "system.start";
    /** A rule set loaded at start-up: engine, version (hash over profile and DRL), rule ids. */
    public static final String RULESET_LOAD = "ruleset.load";
    /** A learned model (OOD gate + pattern model) attached to an engine, or why none could be. */
    public static final String MODEL_LOAD = "model.load";
    public static final String RUN_CREATE = "run.create";
    /** One telemetry batch: frames parsed, stored and resent, seq range, checksums of body and frames. */
    public static final String INGEST_BATCH = "ingest.batch";
    /** A run ended: its life usage, indicators and trend findings fixed. */
    public static final String RUN_END = "run.end";
    /** Maintenance recorded on an engine unit. */
    public static final String UNIT_MAINTENANCE = "unit.maintenance";
    /** Prefix of one record per diagnosis event: {@code event.finding}, {@code event.abort}, ... */
    public static final String EVENT_PREFIX = "event.";
    public static final String ALARM_ACK = "alarm.ack";
    public static final String ALARM_SHELVE = "alarm.shelve";
    public static final String ALARM_UNSHELVE = "alarm.unshelve";
    public static final String ALARM_ASSIGN = "alarm.assign";
    public static final String ALARM_COMMENT = "alarm.comment";
    public static final String ALARM_TAGS = "alarm.tags";
    public static final String AUDIT_VERIFY = "audit.verify";
    public static final String AUDIT_EXPORT = "audit.export";
    /** The audit chain no longer matches its checkpoints (AuditCheckpoints): a system alarm is raised. */
    public static final String AUDIT_BROKEN = "audit.broken";

    private AuditActions() {
    }

    /** {@code event.finding}, {@code event.route}, ... */
    public static String event(EventType type) {
        return EVENT_PREFIX + type.name().toLowerCase(Locale.ROOT);
    }
}
