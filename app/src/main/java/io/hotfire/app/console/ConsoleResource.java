package io.hotfire.app.console;

import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Actors;
import io.hotfire.app.security.AuthMode;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The console's sign-in landing page: in oidc mode the {@code console} OIDC tenant (authorization
 * code flow with PKCE, public client) guards everything under {@code /console}; in local mode the
 * browser asks for a local user's password. The console's pages are added under this path.
 */
@Path("/console")
@Tag(name = "console", description = "Browser console")
public class ConsoleResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    HotfireConfig config;

    @GET
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Console landing page", description = "Shows who is signed in, with which roles, in which auth mode.")
    public String landing() {
        Actor a = Actors.of(identity);
        AuthMode mode = AuthMode.parse(config.auth().mode());
        String roles = identity.getRoles().stream().sorted().map(ConsoleResource::html).collect(Collectors.joining(", "));
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Hotfire console</title></head>
                <body>
                <h1>Hotfire console</h1>
                <p>Signed in as <strong id="user">%s</strong> (%s) with roles <span id="roles">%s</span>.</p>
                <p>Authentication: <span id="mode">%s</span>.</p>
                <p>API: <a href="/q/openapi">OpenAPI document</a>.</p>
                </body></html>
                """.formatted(html(a.display()), html(a.subject()), roles.isEmpty() ? "none" : roles,
                mode == AuthMode.LOCAL ? "local mode (built-in users)" : "OpenID Connect (" + html(config.auth().oidc().url()) + ")");
    }

    static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
