package io.hotfire.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.hotfire.app.support.KeycloakProfile;
import io.hotfire.app.support.KeycloakServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * oidc mode in a real browser: Chromium is sent to the real Keycloak's login page, signs in as the
 * engineer, comes back to the console, and the page's API calls and live stream work with the
 * session's bearer token.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class ConsoleKeycloakBrowserTest {

    @TestHTTPResource("/")
    URL root;

    static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anEngineerSignsInOnKeycloak_andTheConsoleUsesTheSessionsToken() throws Exception {
        // 127.0.0.1: the realm accepts any loopback port as a redirect (RFC 8252).
        String console = "http://127.0.0.1:" + root.getPort() + "/console";
        try (BrowserContext context = browser.fresh("keycloak-engineer")) {
            Page page = Browser.page(context);
            page.navigate(console);
            page.waitForURL(u -> u.startsWith(KeycloakServer.realmUrl()));
            page.locator("#username").fill("engineer");
            page.locator("#password").fill("engineer-dev");
            Browser.shoot(page, "keycloak-login");
            page.locator("#password").press("Enter");
            page.waitForURL(u -> u.startsWith(console));
            assertThat(page.locator("#user").textContent()).isEqualTo("engineer");
            assertThat(page.locator("#mode").textContent()).contains("OpenID Connect");
            page.locator("#simulate-form").waitFor();
            assertThat(page.locator("nav a[data-nav=audit]").count()).as("an engineer sees no audit page").isZero();

            page.locator("#sim-duration").fill("12");
            page.locator("#sim-speed").fill("4");
            page.locator("#sim-test").fill("HF-KEYCLOAK");
            page.getByText("Start simulation").click();
            page.waitForURL(u -> u.contains("#/run/"));
            page.locator("#live-status.on").waitFor();
            page.waitForFunction("() => window.__hotfire.drawn.length > 0 && window.__hotfire.drawn[window.__hotfire.drawn.length - 1][0] >= 400");
            Browser.shoot(page, "keycloak-live-run");
        }
    }
}
