package io.hotfire.app.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Which audit records to list or export; null fields do not filter.
 *
 * @param from   recorded at or after
 * @param to     recorded before
 * @param actor  actor subject or name, exactly
 * @param action action name exactly, or a prefix ending in {@code *} ({@code alarm.*}, {@code event.*})
 * @param runId  records about that run
 * @param route  records about that reasoning route
 * @param target target exactly ({@code alarm/12})
 */
public record AuditFilter(Instant from, Instant to, String actor, String action, UUID runId, String route, String target) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null);
}
