package io.hotfire.app.security;

import static io.hotfire.app.support.Api.problem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * local mode's console sign-in: Quarkus form authentication behind LocalAuthMechanism. The session
 * cookie is HttpOnly and SameSite=Strict; API clients keep HTTP Basic.
 */
@QuarkusTest
class LocalFormLoginTest {

    static final String COOKIE = "hotfire-session";

    static RequestSpecification form(String user, String password) {
        return given().redirects().follow(false).header("X-Requested-By", "hotfire-console").contentType(ContentType.URLENC)
                .formParam("j_username", user).formParam("j_password", password);
    }

    /** The Set-Cookie header that sets the session cookie, or null. */
    static String sessionCookieHeader(Response r) {
        return r.headers().getValues("Set-Cookie").stream().filter(h -> h.startsWith(COOKIE + "=")).findFirst().orElse(null);
    }

    static String sessionCookie(String user) {
        Response r = form(user, user + "-dev").post("/j_security_check");
        assertThat(r.statusCode()).isEqualTo(302);
        String header = sessionCookieHeader(r);
        assertThat(header).isNotNull();
        return header.substring(0, header.indexOf(';'));
    }

    @Test
    void aUserSignsInThroughTheForm_getsAnHttpOnlySameSiteStrictSessionCookie_andUsesTheConsoleAndTheApiWithIt() {
        Response r = form("engineer", "engineer-dev").post("/j_security_check");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/console");
        String setCookie = sessionCookieHeader(r);
        assertThat(setCookie).isNotNull();
        assertThat(setCookie.toLowerCase()).contains("httponly").contains("samesite=strict").contains("path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        given().header("Cookie", cookie).get("/console").then().statusCode(200)
                .body(containsString("<strong id=\"user\">engineer</strong>"))
                .body(containsString("id=\"sign-out\""));
        given().header("Cookie", cookie).get("/api/v1/me").then().statusCode(200)
                .body("subject", equalTo("local:engineer")).body("roles[0]", equalTo("engineer"));
        // The session carries the user's roles: no audit log for an engineer.
        given().header("Cookie", cookie).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void aWrongPasswordGoesBackToTheFormWithoutASession() {
        Response r = form("engineer", "not-the-password").post("/j_security_check");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/console/login.html?failed");
        assertThat(sessionCookieHeader(r)).isNull();
    }

    @Test
    void signingOutExpiresTheSessionCookie_andTheConsoleAsksForTheFormAgain() {
        String cookie = sessionCookie("lead");
        Response out = given().header("Cookie", cookie).header("X-Requested-By", "hotfire-console").post("/console/logout");
        assertThat(out.statusCode()).isEqualTo(204);
        String expired = sessionCookieHeader(out);
        assertThat(expired).isNotNull();
        assertThat(expired.toLowerCase()).contains("max-age=0").contains("httponly").contains("samesite=strict");
        // The browser drops the cookie; without it the console sends the browser to the form again.
        given().redirects().follow(false).get("/console").then().statusCode(302).header("Location", endsWith("/console/login.html"));
        // Signing out is state-changing: a foreign page cannot sign a user out either.
        problem(given().header("Cookie", cookie).header("Origin", "https://evil.example").header("X-Requested-By", "x")
                .post("/console/logout").then(), 403);
    }

    @Test
    void theConsolesOwnRequestsWithoutASessionGetANonBasicChallenge_soTheBrowserOpensNoPasswordPrompt() {
        given().header("X-Requested-By", "hotfire-console").get("/api/v1/runs").then().statusCode(401)
                .header("WWW-Authenticate", equalTo(LocalAuthMechanism.SESSION_CHALLENGE));
        given().get("/api/v1/runs").then().statusCode(401).header("WWW-Authenticate", equalTo(LocalAuthMechanism.CHALLENGE));
    }

    @Test
    void aForgedSessionCookieAuthenticatesNobody() {
        given().header("Cookie", COOKIE + "=bm90IGEgcmVhbCBzZXNzaW9uIGF0IGFsbA==").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void theSignInPageIsServedWithoutASession_andRunsOnlyItsOwnScript() {
        String page = given().get("/console/login.html").then().statusCode(200).extract().asString();
        assertThat(page).contains("action=\"/j_security_check\"").contains("src=\"/console/assets/login.js\"");
        assertThat(page).doesNotContain("<script>").doesNotContain("onclick=").doesNotContain("style=");
    }
}
