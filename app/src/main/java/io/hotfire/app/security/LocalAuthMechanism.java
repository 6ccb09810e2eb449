package io.hotfire.app.security;

import io.hotfire.app.config.HotfireConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.FormAuthConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.FormAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Local mode's sign-in: HTTP Basic for API clients, and for the console Quarkus' own form
 * authentication ({@link FormAuthenticationMechanism}, configured by {@code quarkus.http.auth.form.*}:
 * login page, {@code POST /j_security_check}, an encrypted HttpOnly SameSite=Strict session cookie).
 *
 * <p>Quarkus' Basic and form mechanisms are fixed at build time ({@code quarkus.http.auth.basic} and
 * {@code quarkus.http.auth.form.enabled} stay false), so one jar could not run oidc mode without them
 * answering too. This mechanism holds a form mechanism built from the same runtime configuration and
 * stands aside completely in oidc mode: it neither reads credentials nor sends a challenge there.
 *
 * <p>Challenges: a browser asking for a console page is sent to the login page; an API client gets
 * 401 with a Basic challenge, except the console's own requests ({@link #CONSOLE_HEADER}), which get
 * a non-Basic challenge so that an expired session never opens the browser's Basic password prompt.
 */
@ApplicationScoped
public class LocalAuthMechanism implements HttpAuthenticationMechanism {

    static final String CHALLENGE = "Basic realm=\"hotfire (local mode)\", charset=\"UTF-8\"";
    /** The console's requests carry {@code X-Requested-By: hotfire-console} (web-ui api.js). */
    static final String CONSOLE_HEADER = "hotfire-console";
    static final String SESSION_CHALLENGE = "Session realm=\"hotfire (local mode)\"";
    private static final String PREFIX = "basic ";

    @Inject
    HotfireConfig config;

    @Inject
    SecurityConfig security;

    private boolean active;
    private FormAuthenticationMechanism form;
    private FormAuthConfig formConfig;

    @PostConstruct
    void init() {
        active = AuthMode.parse(config.auth().mode()) == AuthMode.LOCAL;
        if (active) {
            formConfig = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(VertxHttpConfig.class).auth().form();
            form = new FormAuthenticationMechanism(formConfig, Optional.of(security.sessionSecret().orElseGet(LocalAuthMechanism::randomSecret)));
        }
    }

    /** The session cookie's name and path (for signing out). */
    public FormAuthConfig formConfig() {
        return formConfig;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!active) {
            return Uni.createFrom().nullItem();
        }
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            // No Basic credentials: the sign-in form's POST or the console's session cookie, if any.
            return form.authenticate(context, identityProviderManager);
        }
        String plain;
        try {
            plain = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed Basic credentials"));
        }
        int colon = plain.indexOf(':');
        if (colon < 0) {
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed Basic credentials"));
        }
        UsernamePasswordAuthenticationRequest request = new UsernamePasswordAuthenticationRequest(
                plain.substring(0, colon), new PasswordCredential(plain.substring(colon + 1).toCharArray()));
        HttpSecurityUtils.setRoutingContextAttribute(request, context);
        return identityProviderManager.authenticate(request);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!active) {
            return Uni.createFrom().nullItem();
        }
        String path = context.normalizedPath();
        if (context.request().getHeader(HttpHeaders.AUTHORIZATION) == null && (path.equals("/console") || path.startsWith("/console/"))) {
            return form.getChallenge(context);
        }
        if (CONSOLE_HEADER.equals(context.request().getHeader(CrossSiteRequestFilter.HEADER))) {
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", SESSION_CHALLENGE));
        }
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(UsernamePasswordAuthenticationRequest.class, TrustedAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        if (active && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return form.getCredentialTransport(context);
        }
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "basic"));
    }

    private static String randomSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
