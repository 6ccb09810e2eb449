package io.hotfire.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.app.support.KeycloakServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's brute-force detection in the shipped realm (keycloak/hotfire-realm.json), against the
 * real test Keycloak: a throw-away user (created and deleted through the admin API, so the realm's
 * own users are never locked) is locked out temporarily after five wrong passwords, and then even
 * the right password is refused. No Quarkus application is needed.
 */
class RealmBruteForceKeycloakTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedRealmLocksAUserOutForAWhile_neverForGood() throws Exception {
        JsonNode realm = JSON.readTree(Files.readString(Path.of(System.getProperty("test.keycloak.realm", "../keycloak/hotfire-realm.json"))));
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean(true)).as("a guesser must not lock the real user out for good").isFalse();
        assertThat(realm.path("failureFactor").asInt()).isBetween(1, 10);
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isBetween(60, 900);
    }

    @Test
    void fiveWrongPasswordsLockAUserOut_andThenEvenTheRightPasswordIsRefused() throws Exception {
        String realmUrl = KeycloakServer.realmUrl();
        String base = realmUrl.substring(0, realmUrl.indexOf("/realms/"));
        HttpResponse<String> adminLogin = form(base + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", KeycloakServer.ADMIN_USER, "password", KeycloakServer.ADMIN_PASSWORD));
        assumeTrue(adminLogin.statusCode() == 200, "no test admin in this Keycloak's master realm: delete target/keycloak/*/data and run again");
        String admin = "Bearer " + JSON.readTree(adminLogin.body()).path("access_token").asText();

        String name = "probe-" + UUID.randomUUID();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/hotfire/users"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name + "\",\"enabled\":true,\"firstName\":\"Probe\",\"lastName\":\"Probe\","
                        + "\"email\":\"" + name + "@example.org\",\"emailVerified\":true,"
                        + "\"credentials\":[{\"type\":\"password\",\"value\":\"probe-dev\",\"temporary\":false}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        try {
            assertThat(password(realmUrl, name, "probe-dev").statusCode()).as("the user signs in before any failure").isEqualTo(200);
            // More than a second apart: two failures within quickLoginCheckMilliSeconds lock at once (checked below).
            for (int i = 0; i < 4; i++) {
                assertThat(password(realmUrl, name, "guess-" + i).statusCode()).isIn(400, 401);
                Thread.sleep(1_100);
            }
            assertThat(lockout(base, admin, id).path("disabled").asBoolean()).as("four failures are allowed").isFalse();
            assertThat(password(realmUrl, name, "guess-4").statusCode()).isIn(400, 401);
            HttpResponse<String> locked = password(realmUrl, name, "probe-dev");
            assertThat(locked.statusCode()).as("the right password while locked out").isIn(400, 401);
            assertThat(locked.body()).contains("invalid_grant");
            JsonNode s = lockout(base, admin, id);
            assertThat(s.path("disabled").asBoolean()).as(s.toString()).isTrue();
            assertThat(s.path("numFailures").asInt()).as(s.toString()).isEqualTo(5);
        } finally {
            HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/hotfire/users/" + id)).header("Authorization", admin).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    /** The admin API's brute-force status of a user: disabled (locked out) and numFailures. */
    static JsonNode lockout(String base, String admin, String id) throws Exception {
        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/hotfire/attack-detection/brute-force/users/" + id))
                .header("Authorization", admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        return JSON.readTree(status.body());
    }

    static HttpResponse<String> password(String realmUrl, String user, String password) throws Exception {
        return form(realmUrl + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "hotfire-cli", "username", user, "password", password));
    }

    static HttpResponse<String> form(String url, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
