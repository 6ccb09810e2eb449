package io.hotfire.app.security;

import io.hotfire.app.config.HotfireConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Checks local-mode user names and passwords ({@link LocalUsers}) for HTTP Basic and the console's
 * sign-in form alike; refuses everyone in oidc mode. Before any password is checked, the
 * {@link LoginThrottle} may refuse the attempt ({@link LoginThrottledException}): a throttled guess
 * costs no bcrypt.
 */
@ApplicationScoped
public class LocalIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Identity attribute marking a local-mode sign-in (read by {@link Actors}). */
    public static final String SOURCE_ATTRIBUTE = "hotfire.auth.source";

    @Inject
    LocalUsers users;

    @Inject
    HotfireConfig config;

    @Inject
    SecurityConfig security;

    @Inject
    LoginThrottle throttle;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        if (AuthMode.parse(config.auth().mode()) != AuthMode.LOCAL) {
            return Uni.createFrom().failure(new AuthenticationFailedException("local users are disabled in oidc mode"));
        }
        String name = request.getUsername();
        String address = clientAddress(HttpSecurityUtils.getRoutingContextAttribute(request));
        boolean throttled = security.throttle().enabled();
        if (throttled) {
            Duration wait = throttle.waitBefore(name, address);
            if (!wait.isZero()) {
                LoginThrottledException refused = new LoginThrottledException(wait);
                return Uni.createFrom().failure(new AuthenticationFailedException(refused.getMessage(), refused));
            }
        }
        return context.runBlocking(() -> {
            String password = new String(request.getPassword().getPassword());
            LocalUsers.User user = users.authenticate(name, password).orElse(null);
            if (user == null) {
                if (throttled) {
                    throttle.failed(name, address);
                }
                throw new AuthenticationFailedException("unknown user or wrong password");
            }
            if (throttled) {
                throttle.succeeded(name, address);
            }
            return identity(user);
        });
    }

    static SecurityIdentity identity(LocalUsers.User user) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(user.name()))
                .addRoles(user.roles())
                .addAttribute(SOURCE_ATTRIBUTE, "local")
                .build();
    }

    /** The peer's address (the client's, when quarkus.http.proxy.proxy-address-forwarding is on behind a proxy). */
    static String clientAddress(RoutingContext context) {
        if (context == null || context.request().remoteAddress() == null) {
            return "unknown";
        }
        String host = context.request().remoteAddress().hostAddress();
        return host == null ? "unknown" : host;
    }
}
