package io.hotfire.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Access tokens from the test Keycloak: the password grant (public client hotfire-cli) for the
 * realm's development users and the client credentials grant for the confidential hotfire-ingest
 * client. Cached until shortly before they expire.
 */
public final class Tokens {

    public static final String INGEST_CLIENT = "hotfire-ingest";
    public static final String INGEST_CLIENT_SECRET = "hotfire-ingest-dev-secret";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant refreshAfter) {
    }

    private Tokens() {
    }

    /** A development user's token (password {@code <user>-dev}). */
    public static String user(String username) {
        return cached("user:" + username, () -> form(Map.of("grant_type", "password", "client_id", "hotfire-cli",
                "username", username, "password", username + "-dev")));
    }

    /** The hotfire-ingest service account's token. */
    public static String ingestClient() {
        return cached("client:" + INGEST_CLIENT, () -> form(Map.of("grant_type", "client_credentials", "client_id", INGEST_CLIENT,
                "client_secret", INGEST_CLIENT_SECRET)));
    }

    /** The raw token endpoint response to a form (for tests of refused grants). */
    public static HttpResponse<String> request(Map<String, String> form) {
        try {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest r = HttpRequest.newBuilder(URI.create(KeycloakServer.realmUrl() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("token request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The claims of a JWT (no signature check: for assertions on what Keycloak issued). */
    public static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException("not a JWT: " + jwt, e);
        }
    }

    private static String cached(String key, Supplier<JsonNode> fetch) {
        Cached c = CACHE.get(key);
        if (c != null && Instant.now().isBefore(c.refreshAfter())) {
            return c.token();
        }
        JsonNode r = fetch.get();
        String token = r.get("access_token").asText();
        CACHE.put(key, new Cached(token, Instant.now().plusSeconds(Math.max(0, r.get("expires_in").asLong() - 60))));
        return token;
    }

    private static JsonNode form(Map<String, String> form) {
        HttpResponse<String> r = request(new LinkedHashMap<>(form));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("token request " + form.get("grant_type") + " refused: " + r.statusCode() + " " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("token response is not JSON: " + r.body(), e);
        }
    }
}
