package io.hotfire.app.alarm;

import io.hotfire.app.audit.AuditActions;
import io.hotfire.app.audit.AuditCheckpoints;
import io.hotfire.app.audit.AuditEntry;
import io.hotfire.app.audit.AuditLog;
import io.hotfire.app.security.Actor;
import io.hotfire.domain.event.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.hibernate.Session;

/**
 * Alarms of the server itself rather than of a run (run id null, source {@code SYSTEM}): today a broken
 * audit chain. Raised once: while an alarm of the same key is not CLEARED (a latching CRITICAL one stays
 * until acknowledged, and then ACKNOWLEDGED), the same condition raises nothing new.
 */
@ApplicationScoped
public class SystemAlarms {

    public static final String SOURCE = "SYSTEM";
    public static final String AUDIT_CHAIN_BROKEN = "AUDIT_CHAIN_BROKEN";

    @Inject
    Session session;

    @Inject
    AuditLog audit;

    void onChainBroken(@Observes AuditCheckpoints.ChainBroken broken) {
        raise(AUDIT_CHAIN_BROKEN, "Audit chain broken: " + broken.detail());
    }

    /** Raises a CRITICAL latching system alarm with this code unless one is open; in its own transaction. */
    public void raise(String code, String message) {
        QuarkusTransaction.requiringNew().run(() -> {
            Long open = session.createSelectionQuery(
                            "select count(a) from AlarmEntity a where a.runId is null and a.alarmKey = :key and a.state <> :cleared", Long.class)
                    .setParameter("key", code)
                    .setParameter("cleared", AlarmState.CLEARED)
                    .getSingleResult();
            if (open > 0) {
                return;
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            AlarmEntity a = new AlarmEntity();
            a.alarmKey = code;
            a.source = SOURCE;
            a.code = code;
            a.message = message.length() <= 2000 ? message : message.substring(0, 1999) + "…";
            a.severity = Severity.CRITICAL;
            a.notifiedSeverity = Severity.CRITICAL;
            a.latching = true;
            a.state = AlarmState.UNACKNOWLEDGED;
            a.conditionActive = true;
            a.occurrences = 1;
            a.createdAt = now;
            a.updatedAt = now;
            a.tags = "[]";
            // One member, the condition itself (the alarm list folds conditions by their members, V10).
            a.members = "{\"" + code + "\":\"" + Severity.CRITICAL.name() + "\"}";
            a.firstOut = false;
            session.persist(a);
            session.flush();
            AlarmNotificationEntity n = new AlarmNotificationEntity();
            n.alarmId = a.id;
            n.reason = AlarmLifecycle.Notice.RAISED;
            n.severity = a.severity;
            n.createdAt = now;
            session.persist(n);
            audit.append(Actor.SYSTEM, new AuditEntry(AuditActions.AUDIT_BROKEN, "alarm/" + a.id, null, null,
                    message.length() <= 900 ? message : message.substring(0, 899) + "…", Map.of("alarmId", a.id, "code", code, "detail", message)));
        });
    }
}
