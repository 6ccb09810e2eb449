package io.hotfire.app.security;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The actor of the current request (for the audit log), or {@link Actor#SYSTEM} outside one. */
@ApplicationScoped
public class Actors {

    @Inject
    SecurityIdentity identity;

    public Actor current() {
        if (!Arc.container().requestContext().isActive() || identity.isAnonymous()) {
            return Actor.SYSTEM;
        }
        return of(identity);
    }

    public static Actor of(SecurityIdentity identity) {
        Principal p = identity.getPrincipal();
        if (p instanceof JsonWebToken jwt) {
            String name = jwt.getClaim("preferred_username");
            String client = jwt.getClaim("azp");
            String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
            return new Actor(subject, name != null ? name : jwt.getName(), client);
        }
        if ("local".equals(identity.getAttribute(LocalIdentityProvider.SOURCE_ATTRIBUTE))) {
            return new Actor("local:" + p.getName(), p.getName(), "local");
        }
        return new Actor(p.getName(), p.getName(), null);
    }
}
