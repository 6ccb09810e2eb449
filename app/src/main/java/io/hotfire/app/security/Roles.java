package io.hotfire.app.security;

/**
 * The realm roles Hotfire knows (the same names in Keycloak and in local mode). Who may do what is
 * declared on each endpoint with {@code @RolesAllowed}; app/README.md has the table.
 */
public final class Roles {

    /** Test engineer: ingests telemetry; acknowledges, shelves, assigns, comments on and tags alarms. */
    public static final String ENGINEER = "engineer";
    /** Test lead: the engineer's alarm actions, plus un-shelving and rule/profile changes. */
    public static final String LEAD = "lead";
    /** Reads, verifies and exports the audit log. */
    public static final String AUDITOR = "auditor";
    /** A telemetry source (the hotfire-ingest service account): creates runs and posts frames. */
    public static final String INGEST = "ingest";
    /** Administers Hotfire: un-shelving and rule/profile changes. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
