package io.hotfire.app.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /} leads to the engineer console: a newcomer who opens the server's address after
 * {@code ./hotfire} lands on the console (which signs them in), not on a 404 problem document.
 */
@Path("/")
public class RootResource {

    @GET
    @PermitAll
    @Operation(hidden = true) // not part of the API: a convenience for people typing the address
    public Response root() {
        return Response.seeOther(URI.create("/console")).build();
    }
}
