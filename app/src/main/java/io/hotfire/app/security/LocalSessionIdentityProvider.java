package io.hotfire.app.security;

import io.hotfire.app.config.HotfireConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Local mode's console session: the encrypted session cookie of the sign-in form names a user whose
 * password was checked when the session began; this turns the name back into that user's current
 * roles (a user removed from the configuration loses the session at once). Refuses everyone in oidc mode.
 */
@ApplicationScoped
public class LocalSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Inject
    LocalUsers users;

    @Inject
    HotfireConfig config;

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        if (AuthMode.parse(config.auth().mode()) != AuthMode.LOCAL) {
            return Uni.createFrom().failure(new AuthenticationFailedException("local sessions are disabled in oidc mode"));
        }
        return users.user(request.getPrincipal())
                .map(u -> Uni.createFrom().item(LocalIdentityProvider.identity(u)))
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("the session's user no longer exists")));
    }
}
