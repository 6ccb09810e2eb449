package io.hotfire.app.console;

import io.hotfire.app.config.HotfireConfig;
import io.hotfire.app.problem.ProblemException;
import io.hotfire.app.security.Actor;
import io.hotfire.app.security.Actors;
import io.hotfire.app.security.AuthMode;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import io.hotfire.app.security.LocalAuthMechanism;
import io.quarkus.vertx.http.runtime.FormAuthConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The engineer console (module web-ui): this serves its page with the signed-in identity filled in;
 * the scripts and styles are static under {@code /console/assets}. In oidc mode the {@code console}
 * OIDC tenant (authorization code flow with PKCE, public client) guards everything under
 * {@code /console} and the page takes its API bearer token from {@code /console/token}; in local
 * mode a console page without a session sends the browser to the sign-in form ({@code /console/login.html},
 * Quarkus form authentication) whose session cookie then goes with every API call; {@code POST
 * /console/logout} ends it.
 */
@Path("/console")
@Tag(name = "console", description = "Browser console")
public class ConsoleResource {

    static final String SHELL = "META-INF/hotfire-console/shell.html";

    @Inject
    SecurityIdentity identity;

    @Inject
    HotfireConfig config;

    @Inject
    LocalAuthMechanism localAuth;

    private String shell;

    @PostConstruct
    void load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SHELL)) {
            if (in == null) {
                throw new IllegalStateException(SHELL + " is missing: the web-ui module is not on the class path");
            }
            shell = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Authenticated
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Console", description = "The engineer console; shows who is signed in, with which roles, in which auth mode.")
    public Response landing() {
        Actor a = Actors.of(identity);
        AuthMode mode = AuthMode.parse(config.auth().mode());
        String roles = identity.getRoles().stream().sorted().map(ConsoleResource::html).collect(Collectors.joining(", "));
        Map<String, String> values = Map.of(
                "user", html(a.display()),
                "subject", html(a.subject()),
                "roles", roles.isEmpty() ? "none" : roles,
                "authMode", mode.label(),
                "modeText", mode == AuthMode.LOCAL ? "local mode (built-in users)" : "OpenID Connect (" + html(config.auth().oidc().url()) + ")");
        String page = shell;
        for (Map.Entry<String, String> e : values.entrySet()) {
            page = page.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).cacheControl(noStore).build();
    }

    /**
     * oidc mode: the session's access token (audience hotfire-api), for the page's API calls. Not an
     * API endpoint (a browser session cookie, not a bearer token, reaches it), so not in the OpenAPI document.
     */
    @GET
    @Path("/token")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response token() {
        AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
        if (token == null) {
            throw ProblemException.notFound("console session token", "(local mode: the console session is a cookie, there is no token)");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(Map.of("accessToken", token.getToken())).cacheControl(noStore).build();
    }

    /**
     * local mode: signs the console out by expiring its session cookie (Quarkus form authentication
     * keeps no server-side session). A state-changing request like any other, so the cross-site
     * checks apply (the console sends it with fetch and X-Requested-By). Not part of the API.
     */
    @POST
    @Path("/logout")
    @PermitAll
    @Operation(hidden = true)
    public Response logout() {
        if (AuthMode.parse(config.auth().mode()) != AuthMode.LOCAL) {
            throw ProblemException.notFound("console session", "(oidc mode signs out at the identity provider)");
        }
        FormAuthConfig form = localAuth.formConfig();
        NewCookie expired = new NewCookie.Builder(form.cookieName())
                .value("")
                .path(form.cookiePath().orElse("/"))
                .maxAge(0)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return Response.noContent().cookie(expired).build();
    }

    static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
