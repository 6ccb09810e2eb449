package io.hotfire.app.problem;

import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into {@code application/problem+json}; request bodies are parsed by our own code. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    /**
     * An authenticated caller whose roles do not permit the request. (401 stays with Quarkus, which
     * adds the challenge of the active sign-in mechanism.)
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem("forbidden", "Forbidden", 403,
                "your roles do not permit this request; app/README.md lists what each role may do"));
    }

    /** Routing and content negotiation failures: 404, 405, 406, 415 and friends. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(new Problem("internal", "Internal error", status, "the server failed; see its log"));
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Request rejected" : known.getReasonPhrase();
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return respond(new Problem(slug, title, status, e.getMessage() == null ? title : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("request failed", e);
        return respond(new Problem("internal", "Internal error", 500, "the server failed; see its log"));
    }

    static Response respond(Problem p) {
        return Response.status(p.getStatus()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
