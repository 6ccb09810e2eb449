package io.hotfire.app.support;

import io.hotfire.app.security.Roles;
import java.util.List;
import java.util.Set;

/**
 * Every API endpoint with the roles that may call it and the status a permitted call returns: the
 * authorization table of app/README.md, as data for the tests. Paths name the ids they need in
 * braces: {run} (a run with alarms), {emptyRun} (a run whose frames are the ones posted here),
 * {alarm} (a non-latching alarm), {ackable} (an alarm that can be acknowledged), {shelved} (a shelved alarm),
 * {observation} (an observation of a note on {run}), {domain} (gg1), {version} (a knowledge version that does not exist: 999). A query string is part of the call, not of the endpoint.
 */
public final class Endpoints {

    /** Any Hotfire role. */
    public static final Set<String> READERS = Set.of(Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.INGEST, Roles.ADMIN);
    /** Any authenticated identity, with or without a Hotfire role. */
    public static final Set<String> AUTHENTICATED = Set.of("*");
    static final Set<String> INGESTERS = Set.of(Roles.INGEST, Roles.ENGINEER);
    static final Set<String> OPERATORS = Set.of(Roles.ENGINEER, Roles.LEAD);
    static final Set<String> SUPERVISORS = Set.of(Roles.LEAD, Roles.ADMIN);
    static final Set<String> AUDITORS = Set.of(Roles.AUDITOR);
    /** Everyone who reads the diagnosis, except the telemetry sources. */
    static final Set<String> ANALYSTS = Set.of(Roles.ENGINEER, Roles.LEAD, Roles.AUDITOR, Roles.ADMIN);

    /**
     * A state-changing call without a JSON or CSV body carries this header (any value), as every
     * client must: the server refuses it otherwise (cross-site request forgery; CrossSiteRequestTest).
     */
    public static final String CSRF_HEADER = "X-Requested-By";

    public static final String ONE_FRAME = "{\"frames\":[{\"seq\":0,\"t\":0.0,\"values\":{\"PC_A\":9.7}}]}";
    public static final String TWO_ROWS = "seq,t,PC_A\n0,0.0,9.7\n1,0.02,9.71\n";
    /** A note from which the offline intake takes an observation. */
    public static final String NOTE = "{\"text\":\"Loud whine from the turbopump at T+9.\",\"runTime\":9.0}";

    /**
     * @param body        request body, or null
     * @param contentType its media type, or null
     * @param roles       roles that may call it ({@link #AUTHENTICATED}: any signed-in identity)
     * @param success     status of a permitted call
     */
    public record Endpoint(String method, String path, String contentType, String body, Set<String> roles, int success) {

        public boolean permits(Set<String> identityRoles) {
            return roles.contains("*") || identityRoles.stream().anyMatch(roles::contains);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static final List<Endpoint> ALL = List.of(
            new Endpoint("GET", "/api/v1/me", null, null, AUTHENTICATED, 200),
            new Endpoint("POST", "/api/v1/runs", "application/json", "{\"engine\":\"gg1\",\"testId\":\"AUTHZ\",\"unit\":\"AUTHZ-UNIT\"}", INGESTERS, 201),
            new Endpoint("GET", "/api/v1/runs", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}", null, null, READERS, 200),
            new Endpoint("POST", "/api/v1/runs/{emptyRun}/frames", "application/json", ONE_FRAME, INGESTERS, 200),
            new Endpoint("POST", "/api/v1/runs/{emptyRun}/csv", "text/csv", TWO_ROWS, INGESTERS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/frames", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/events", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/alarms", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/why-not?code=TP_ROTOR_WHIRL&t=1.1", null, null, ANALYSTS, 200),
            new Endpoint("GET", "/api/v1/rules", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/alarms", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/alarms/notifications", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/alarms/counts", null, null, READERS, 200),
            new Endpoint("POST", "/api/v1/alarms/ack", "application/json", "{\"ids\":[1]}", OPERATORS, 200),
            new Endpoint("GET", "/api/v1/alarms/{alarm}", null, null, READERS, 200),
            new Endpoint("POST", "/api/v1/alarms/{ackable}/ack", "application/json", "{\"comment\":\"seen\"}", OPERATORS, 200),
            new Endpoint("POST", "/api/v1/alarms/{alarm}/shelve", "application/json", "{\"duration\":\"5m\",\"reason\":\"matrix\"}", OPERATORS, 200),
            new Endpoint("POST", "/api/v1/alarms/{shelved}/unshelve", null, null, SUPERVISORS, 200),
            new Endpoint("POST", "/api/v1/alarms/{alarm}/assign", "application/json", "{\"assignee\":\"lead\"}", OPERATORS, 200),
            new Endpoint("POST", "/api/v1/alarms/{alarm}/comment", "application/json", "{\"text\":\"matrix comment\"}", OPERATORS, 200),
            new Endpoint("POST", "/api/v1/alarms/{alarm}/tags", "application/json", "{\"tags\":[\"matrix\"]}", OPERATORS, 200),
            new Endpoint("POST", "/api/v1/runs/{run}/notes", "application/json", NOTE, OPERATORS, 201),
            new Endpoint("GET", "/api/v1/runs/{run}/notes", null, null, ANALYSTS, 200),
            new Endpoint("POST", "/api/v1/runs/{run}/observations/{observation}/accept", "application/json",
                    "{\"comment\":\"matrix\"}", OPERATORS, 200),
            new Endpoint("POST", "/api/v1/runs/{run}/observations/{observation}/reject", "application/json",
                    "{\"comment\":\"matrix\"}", OPERATORS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/explanation", null, null, ANALYSTS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/hypotheses", null, null, ANALYSTS, 200),
            new Endpoint("GET", "/api/v1/audit", null, null, AUDITORS, 200),
            new Endpoint("GET", "/api/v1/audit/verify", null, null, AUDITORS, 200),
            new Endpoint("GET", "/api/v1/audit/export.csv", null, null, AUDITORS, 200),
            new Endpoint("GET", "/api/v1/audit/export.jsonl", null, null, AUDITORS, 200),
            // The engineer console (io.hotfire.app.console)
            new Endpoint("GET", "/api/v1/runs/{run}/stream?seconds=0", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/profile", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/rules/firings", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/runs/outcomes", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/engines", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/feeds", null, null, READERS, 200),
            new Endpoint("POST", "/api/v1/feeds/simulation", "application/json", "{\"engine\":\"gg1\",\"duration\":20,\"speed\":100}", INGESTERS, 201),
            new Endpoint("POST", "/api/v1/feeds/replay?engine=gg1&speed=100", "text/csv", TWO_ROWS, INGESTERS, 201),
            new Endpoint("POST", "/api/v1/feeds/{run}/stop", null, null, INGESTERS, 200),
            // Engine units (io.hotfire.app.unit); {unit} = AUTHZ-UNIT, named by the run POSTed above, {indicator} = CAGE_LINE_100, {sensor} = PC_A.
            new Endpoint("POST", "/api/v1/runs/{run}/end", null, null, INGESTERS, 200),
            new Endpoint("GET", "/api/v1/units", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/units/{unit}", null, null, READERS, 200),
            new Endpoint("GET", "/api/v1/units/{unit}/charts/{indicator}.png", null, null, READERS, 200),
            // Quick-look reports (io.hotfire.app.report)
            new Endpoint("GET", "/api/v1/runs/{run}/report", null, null, ANALYSTS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/report.pdf", null, null, ANALYSTS, 200),
            new Endpoint("GET", "/api/v1/runs/{run}/report/charts/{sensor}.png", null, null, ANALYSTS, 200),
            new Endpoint("POST", "/api/v1/units/{unit}/maintenance", "application/json", "{\"note\":\"matrix\"}", OPERATORS, 200),
            // Governed knowledge changes (io.hotfire.app.knowledge); {domain} = gg1, {version} = 999 (none), the
            // proposal id is {run} (no proposal has it): a permitted change is refused for its content (400/404), not its role.
            new Endpoint("GET", "/api/v1/domains/{domain}/proposals", null, null, ANALYSTS, 200),
            new Endpoint("POST", "/api/v1/domains/{domain}/proposals", "application/json",
                    "{\"reason\":\"matrix\",\"files\":{\"profile.yaml\":\"id: [\"}}", SUPERVISORS, 400),
            new Endpoint("GET", "/api/v1/domains/{domain}/proposals/{run}", null, null, ANALYSTS, 404),
            new Endpoint("POST", "/api/v1/domains/{domain}/proposals/{run}/shadow", "application/json", "{}", SUPERVISORS, 404),
            new Endpoint("POST", "/api/v1/domains/{domain}/proposals/{run}/approve", "application/json", "{\"comment\":\"matrix\"}",
                    SUPERVISORS, 404),
            new Endpoint("POST", "/api/v1/domains/{domain}/proposals/{run}/reject", "application/json", "{\"comment\":\"matrix\"}",
                    SUPERVISORS, 404),
            new Endpoint("GET", "/api/v1/domains/{domain}/versions", null, null, ANALYSTS, 200),
            new Endpoint("POST", "/api/v1/domains/{domain}/versions/{version}/rollback", "application/json", "{\"reason\":\"matrix\"}",
                    SUPERVISORS, 404),
            new Endpoint("GET", "/api/v1/domains/{domain}/monitor-events", null, null, ANALYSTS, 200),
            // The editable files' text of the active version (KnowledgeFilesResource): the console's diff and propose form.
            new Endpoint("GET", "/api/v1/domains/{domain}/files", null, null, ANALYSTS, 200),
            // No monitor-only version runs while the matrix runs: 404 for the permitted roles.
            new Endpoint("POST", "/api/v1/domains/{domain}/monitor/stop", "application/json", "{\"comment\":\"matrix\"}", SUPERVISORS, 404));

    private Endpoints() {
    }
}
