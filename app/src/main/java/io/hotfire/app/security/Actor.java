package io.hotfire.app.security;

/**
 * Who did something, as the audit log records it.
 *
 * @param subject stable id: the token's {@code sub} (Keycloak user or service account id),
 *                {@code local:<name>} in local mode, {@code system:<part>} for the server itself
 * @param name    for people: {@code preferred_username}, the local user name, or the server part
 * @param client  the OAuth client the token was issued to ({@code azp}), {@code local} in local
 *                mode, {@code hotfire} for the server itself; null when unknown
 */
public record Actor(String subject, String name, String client) {

    /** The server at start-up (configuration, rule sets). */
    public static final Actor SYSTEM = new Actor("system:hotfire", "hotfire", "hotfire");
    /** The rule engine: the diagnosis events of a batch. */
    public static final Actor DIAGNOSIS = new Actor("system:diagnosis", "diagnosis", "hotfire");
    /** The alarm lifecycle acting on its own (a shelf ended by an escalation). */
    public static final Actor ALARMS = new Actor("system:alarms", "alarms", "hotfire");

    /** The name people see: user name, else subject. */
    public String display() {
        return name == null || name.isBlank() ? subject : name;
    }
}
