package io.hotfire.app.security;

import java.util.Arrays;
import java.util.Locale;

/** How users sign in; chosen at start-up by {@code hotfire.auth.mode}. */
public enum AuthMode {
    /** Built-in users from configuration, HTTP Basic, bcrypt password hashes: for a stand-alone machine. */
    LOCAL,
    /** Keycloak (or another OpenID Connect provider): bearer tokens for the API, code flow with PKCE for the console. */
    OIDC;

    public static AuthMode parse(String raw) {
        String v = raw == null || raw.isBlank() ? "local" : raw.trim().toLowerCase(Locale.ROOT);
        for (AuthMode m : values()) {
            if (m.label().equals(v)) {
                return m;
            }
        }
        throw new IllegalArgumentException("hotfire.auth.mode must be one of "
                + Arrays.stream(values()).map(AuthMode::label).toList() + ", found '" + raw + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
