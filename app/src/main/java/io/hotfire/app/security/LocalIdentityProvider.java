package io.hotfire.app.security;

import io.hotfire.app.config.HotfireConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Checks local-mode user names and passwords ({@link LocalUsers}); refuses everyone in oidc mode. */
@ApplicationScoped
public class LocalIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    /** Identity attribute marking a local-mode sign-in (read by {@link Actors}). */
    public static final String SOURCE_ATTRIBUTE = "hotfire.auth.source";

    @Inject
    LocalUsers users;

    @Inject
    HotfireConfig config;

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        if (AuthMode.parse(config.auth().mode()) != AuthMode.LOCAL) {
            return Uni.createFrom().failure(new AuthenticationFailedException("local users are disabled in oidc mode"));
        }
        return context.runBlocking(() -> {
            String password = new String(request.getPassword().getPassword());
            LocalUsers.User user = users.authenticate(request.getUsername(), password)
                    .orElseThrow(() -> new AuthenticationFailedException("unknown user or wrong password"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(user.name()))
                    .addRoles(user.roles())
                    .addAttribute(SOURCE_ATTRIBUTE, "local")
                    .build();
        });
    }
}
