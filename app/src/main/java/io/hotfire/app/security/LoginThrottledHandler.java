package io.hotfire.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.problem.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Answers a sign-in refused by the {@link LoginThrottle} with 429 problem+json and Retry-After,
 * instead of the plain 401 challenge every other authentication failure gets (Quarkus hands
 * failures of proactive authentication to the router's failure handlers).
 */
@ApplicationScoped
public class LoginThrottledHandler {

    @Inject
    ObjectMapper json;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    void handle(RoutingContext context) {
        LoginThrottledException throttled = find(context.failure());
        if (throttled == null || context.response().headWritten()) {
            context.next();
            return;
        }
        Problem p = new Problem("sign-in-throttled", "Too many failed sign-ins", 429, throttled.getMessage())
                .with("retryAfterSeconds", throttled.retryAfterSeconds());
        String body;
        try {
            body = json.writeValueAsString(p);
        } catch (Exception e) {
            body = "{\"status\":429}";
        }
        context.response().headers().remove(HttpHeaders.LOCATION); // the form mechanism's error-page redirect, if it set one
        context.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()))
                .end(body);
    }

    private static LoginThrottledException find(Throwable t) {
        for (int i = 0; t != null && i < 8; i++, t = t.getCause()) {
            if (t instanceof LoginThrottledException e) {
                return e;
            }
        }
        return null;
    }
}
