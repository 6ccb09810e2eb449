package io.hotfire.app.security;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns {@code hotfire.auth.*} into Quarkus OIDC settings at start-up, so one jar runs either auth mode.
 *
 * <p>Both mechanisms are built in: Quarkus OIDC with two tenants (the default one takes bearer
 * tokens on the API; {@code console} runs the authorization code flow with PKCE under
 * {@code /console}) and {@link LocalAuthMechanism} (HTTP Basic and the console sign-in form) for local mode. In {@code local} mode both
 * OIDC tenants are disabled, so a bearer token authenticates nobody; in {@code oidc} mode the local
 * mechanism stands aside, so local passwords authenticate nobody. Like
 * {@code io.hotfire.app.config.DatabaseSelection}, this source sits above application.properties
 * and below system properties and environment variables.
 */
public final class AuthSelection implements ConfigSourceFactory {

    public static final String MODE = "hotfire.auth.mode";
    static final String DEFAULT_URL = "http://127.0.0.1:8180/realms/hotfire";
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        AuthMode mode = AuthMode.parse(value(context, MODE));
        boolean oidc = mode == AuthMode.OIDC;
        String url = orDefault(value(context, "hotfire.auth.oidc.url"), DEFAULT_URL);
        Map<String, String> props = new HashMap<>();
        props.put("quarkus.oidc.tenant-enabled", Boolean.toString(oidc));
        props.put("quarkus.oidc.console.tenant-enabled", Boolean.toString(oidc));
        props.put("quarkus.oidc.auth-server-url", url);
        props.put("quarkus.oidc.console.auth-server-url", url);
        props.put("quarkus.oidc.token.audience", orDefault(value(context, "hotfire.auth.oidc.audience"), "hotfire-api"));
        props.put("quarkus.oidc.console.client-id", orDefault(value(context, "hotfire.auth.oidc.console-client-id"), "hotfire-console"));
        // The console is a public client: the PKCE verifier in the state cookie and the tokens in the
        // session cookie are encrypted with this secret. Without one configured, a random secret per
        // process (sessions then end with the process).
        String secret = orDefault(value(context, "hotfire.auth.oidc.session-secret"), randomSecret());
        props.put("quarkus.oidc.console.authentication.state-secret", secret);
        props.put("quarkus.oidc.console.token-state-manager.encryption-secret", secret);
        return List.of(new PropertiesConfigSource(props, "hotfire auth selection (" + MODE + "=" + mode.label() + ")", ORDINAL));
    }

    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String orDefault(String v, String dflt) {
        return v == null ? dflt : v;
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? null : v.getValue();
    }
}
