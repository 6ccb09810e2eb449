package io.hotfire.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.problem.Problem;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Closes cross-site request forgery on every state-changing request (POST, PUT, PATCH, DELETE),
 * before authentication (so a forged request costs no password check):
 *
 * <ol>
 *   <li>Where the browser names the page that sent it ({@code Origin}, else {@code Referer}), that
 *       origin must be the server's own or one of {@code hotfire.security.allowed-origins}: 403
 *       {@code cross-origin-request}. Clients that send neither (curl, the simulator, the load
 *       harness) are not browsers acting for someone else and pass this step.</li>
 *   <li>The request must be one a foreign page cannot send without a CORS preflight (which this
 *       server never grants): a JSON body ({@code application/json} or {@code application/*+json}),
 *       a CSV body ({@code text/csv}), or the header {@code X-Requested-By} with any value. A form
 *       or {@code text/plain} body without that header is 415 {@code csrf-content-type}; no body
 *       type and no header is 403 {@code csrf-header-missing}.</li>
 * </ol>
 *
 * <p>Why not Quarkus' own: {@code quarkus-rest-csrf} protects server-rendered forms with a token
 * field, which neither the fetch-based console nor Basic API clients have; Quarkus' CORS filter
 * refuses a foreign Origin with a bare 403 but neither reads Referer nor content types. The
 * custom-header plus origin check is OWASP's defence for such APIs. CORS stays off: no foreign
 * page may read an answer either.
 */
@ApplicationScoped
public class CrossSiteRequestFilter {

    /** The custom header a non-browser client or the console may send instead of a JSON/CSV body type. */
    public static final String HEADER = "X-Requested-By";
    /** Runs after CORS (off) and before authentication. */
    static final int PRIORITY = SecurityHandlerPriorities.AUTHENTICATION + 50;
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    @Inject
    SecurityConfig config;

    @Inject
    ObjectMapper json;

    private Set<String> allowed;

    void register(@Observes Filters filters) {
        allowed = config.allowedOrigins().orElse(java.util.List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(CrossSiteRequestFilter::origin)
                .collect(Collectors.toUnmodifiableSet());
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (SAFE.contains(request.method())) {
            context.next();
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String source = "Origin";
        if (origin == null) {
            String referer = request.getHeader(HttpHeaders.REFERER);
            if (referer != null) {
                origin = origin(referer);
                source = "Referer";
            }
        }
        if (origin != null && !origin.equals(self(request)) && !allowed.contains(origin)) {
            refuse(context, new Problem("cross-origin-request", "Cross-origin request refused", 403,
                    "a page of " + origin + " may not send " + request.method().name() + " requests here (" + source
                            + " is not this server's origin " + self(request) + " nor in hotfire.security.allowed-origins)")
                    .with("origin", origin));
            return;
        }
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            context.next();
            return;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (base.equals("application/json") || (base.startsWith("application/") && base.endsWith("+json")) || base.equals("text/csv")) {
            context.next();
            return;
        }
        if (base.isEmpty()) {
            refuse(context, new Problem("csrf-header-missing", "Request without body type or X-Requested-By header", 403,
                    request.method().name() + " needs a JSON (application/json) or CSV (text/csv) body, or the header "
                            + HEADER + " (any value), so that no other web page can send it")
                    .with("field", HEADER));
        } else {
            refuse(context, new Problem("csrf-content-type", "Body type refused for a state-changing request", 415,
                    "Content-Type " + base + " is refused: send application/json (text/csv where CSV is taken), or add the header "
                            + HEADER + " (any value), so that no other web page can send it")
                    .with("field", "Content-Type"));
        }
    }

    private void refuse(RoutingContext context, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (Exception e) {
            body = "{\"status\":" + problem.getStatus() + "}";
        }
        context.response().setStatusCode(problem.getStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }

    /** This server's origin as the browser sees it (scheme and Host; forwarded ones behind a proxy with proxy-address-forwarding). */
    static String self(HttpServerRequest request) {
        String host = request.authority() != null ? request.authority().toString() : request.getHeader(HttpHeaders.HOST);
        return origin(request.scheme() + "://" + host);
    }

    /** scheme://host[:port] of a URL, lower case, default ports dropped; "null" stays "null" (never same-origin). */
    static String origin(String url) {
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return "null";
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean dflt = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (dflt ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "null";
        }
    }
}
