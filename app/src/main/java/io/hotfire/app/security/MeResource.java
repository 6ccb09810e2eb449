package io.hotfire.app.security;

import io.hotfire.app.config.HotfireConfig;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "security", description = "Who is signed in")
public class MeResource {

    /**
     * The signed-in actor as the audit log records it.
     *
     * @param authMode {@code local} or {@code oidc}
     * @param roles    the Hotfire roles of the identity, sorted
     */
    public record Me(String subject, String name, String client, List<String> roles, String authMode) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    HotfireConfig config;

    @GET
    @Authenticated
    @Operation(summary = "The signed-in user", description = "Subject, name, OAuth client and roles; any authenticated user.")
    public Me me() {
        Actor a = Actors.of(identity);
        return new Me(a.subject(), a.name(), a.client(), identity.getRoles().stream().sorted().toList(),
                AuthMode.parse(config.auth().mode()).label());
    }
}
