package io.hotfire.app.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.app.support.KeycloakProfile;
import io.hotfire.app.support.KeycloakServer;
import io.hotfire.app.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Signing in through the real Keycloak: the console's code flow with PKCE, and who a token says the caller is. */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakSignInTest {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    @TestHTTPResource("/console")
    URL console;

    @Test
    void theConsoleSignsABrowserInWithTheCodeFlowAndPkce() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new BrowserCookies()).followRedirects(HttpClient.Redirect.NEVER).build();
        // 127.0.0.1: the realm accepts any port on the loopback address as a redirect (RFC 8252).
        URI start = URI.create("http://127.0.0.1:" + console.getPort() + "/console");

        HttpResponse<String> challenge = browser.send(HttpRequest.newBuilder(start).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).isEqualTo(302);
        String authorize = challenge.headers().firstValue("Location").orElseThrow();
        assertThat(authorize).startsWith(KeycloakServer.realmUrl() + "/protocol/openid-connect/auth")
                .contains("client_id=hotfire-console").contains("code_challenge=").contains("code_challenge_method=S256")
                .contains("response_type=code");

        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(authorize)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loginPage.statusCode()).isEqualTo(200);
        Matcher action = FORM_ACTION.matcher(loginPage.body());
        assertThat(action.find()).as("Keycloak's login form").isTrue();

        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=engineer&password=" + URLEncoder.encode("engineer-dev", StandardCharsets.UTF_8)
                        + "&credentialId="))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        String callback = loggedIn.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(start.toString()).contains("code=");

        HttpResponse<String> exchanged = browser.send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> page = exchanged.statusCode() == 302
                ? browser.send(HttpRequest.newBuilder(start.resolve(exchanged.headers().firstValue("Location").orElseThrow())).build(),
                        HttpResponse.BodyHandlers.ofString())
                : exchanged;
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("<strong id=\"user\">engineer</strong>").contains("<span id=\"roles\">engineer</span>")
                .contains("OpenID Connect");
    }

    /**
     * A browser's cookie jar, as far as this flow needs: per host, by name. Java's CookieManager
     * withholds cookies marked Secure from http URLs, which Keycloak sets and browsers send to
     * loopback addresses anyway.
     */
    static final class BrowserCookies extends CookieHandler {
        private final Map<String, Map<String, String>> jar = new HashMap<>();

        @Override
        public synchronized Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            Map<String, String> cookies = jar.getOrDefault(uri.getHost(), Map.of());
            if (cookies.isEmpty()) {
                return Map.of();
            }
            return Map.of("Cookie", List.of(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "))));
        }

        @Override
        public synchronized void put(URI uri, Map<String, List<String>> responseHeaders) {
            for (Map.Entry<String, List<String>> h : responseHeaders.entrySet()) {
                if (h.getKey() == null || !h.getKey().equalsIgnoreCase("Set-Cookie")) {
                    continue;
                }
                for (String header : h.getValue()) {
                    String pair = header.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    String name = pair.substring(0, eq).trim();
                    String value = pair.substring(eq + 1).trim();
                    Map<String, String> cookies = jar.computeIfAbsent(uri.getHost(), k -> new LinkedHashMap<>());
                    if (value.isEmpty() || header.toLowerCase(Locale.ROOT).contains("max-age=0")) {
                        cookies.remove(name);
                    } else {
                        cookies.put(name, value);
                    }
                }
            }
        }
    }

    @Test
    void aBrowserWithoutASessionIsSentToKeycloak_notGivenA401() {
        given().redirects().follow(false).get("/console").then().statusCode(302);
    }

    @Test
    void aUsersTokenNamesTheUserAndTheClient_theServiceAccountsNamesTheIngestClient() {
        String engineer = Tokens.user("engineer");
        given().auth().oauth2(engineer).get("/api/v1/me").then().statusCode(200)
                .body("subject", equalTo(Tokens.claims(engineer).get("sub").asText()))
                .body("name", equalTo("engineer"))
                .body("client", equalTo("hotfire-cli"))
                .body("roles", equalTo(List.of("engineer")))
                .body("authMode", equalTo("oidc"));
        given().auth().oauth2(Tokens.ingestClient()).get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("service-account-hotfire-ingest"))
                .body("client", equalTo("hotfire-ingest"))
                .body("roles", equalTo(List.of("ingest")));
        given().auth().oauth2(Tokens.user("visitor")).get("/api/v1/me").then().statusCode(200).body("roles", equalTo(List.of()));
    }
}
