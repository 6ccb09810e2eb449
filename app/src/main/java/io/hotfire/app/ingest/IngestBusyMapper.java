package io.hotfire.app.ingest;

import io.hotfire.app.problem.Problem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@link IngestBusyException} as 503 problem+json with Retry-After. */
public class IngestBusyMapper {

    @ServerExceptionMapper
    public Response busy(IngestBusyException e) {
        Problem p = new Problem("ingest-busy", "Ingestion busy", 503, e.getMessage())
                .with("retryAfterSeconds", e.retryAfterSeconds());
        return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).entity(p).build();
    }
}
