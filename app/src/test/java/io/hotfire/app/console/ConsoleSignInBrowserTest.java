package io.hotfire.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * local mode's sign-in form, the session cookie and sign-out in real headless Chromium, with the
 * console's Content-Security-Policy enforced: no page may report a violation.
 */
@QuarkusTest
class ConsoleSignInBrowserTest {

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
    void aWrongPasswordStaysOnTheForm_theRightOneOpensTheConsole_noPageBreaksTheCsp_andSigningOutEndsTheSession() throws Exception {
        try (BrowserContext context = browser.fresh("sign-in")) {
            List<String> violations = Browser.cspViolations(context);
            Page page = Browser.page(context);

            Browser.signIn(page, "lead", "not-the-password");
            page.locator("#login-message", new Page.LocatorOptions().setHasText("wrong password")).waitFor();
            assertThat(page.url()).contains("/console/login.html");
            assertThat(context.cookies().stream().map(c -> c.name)).doesNotContain("hotfire-session");

            page.locator("#j_username").fill("lead");
            page.locator("#j_password").fill("lead-dev");
            page.locator("#sign-in").click();
            page.waitForURL(u -> u.endsWith("/console"));
            assertThat(page.locator("#user").textContent()).isEqualTo("lead");
            Cookie session = context.cookies().stream().filter(c -> c.name.equals("hotfire-session")).findFirst().orElseThrow();
            assertThat(session.httpOnly).isTrue();
            assertThat(session.sameSite).hasToString("STRICT");
            // The page's scripts cannot read the session cookie.
            assertThat((String) page.evaluate("() => document.cookie")).doesNotContain("hotfire-session");

            // The pages draw with the console's own scripts and styles only (uPlot included, on the live view).
            for (Map.Entry<String, String> view : Map.of("#/runs", "#runs", "#/alarms", "#all-alarms", "#/rules", "#rules tbody tr").entrySet()) {
                page.navigate(Browser.testUrl("/console" + view.getKey()));
                page.locator(view.getValue()).first().waitFor();
            }
            Browser.shoot(page, "signed-in");

            page.locator("#sign-out").click();
            page.waitForURL(u -> u.contains("/console/login.html"));
            page.locator("#login-message", new Page.LocatorOptions().setHasText("Signed out")).waitFor();
            assertThat(context.cookies().stream().map(c -> c.name)).doesNotContain("hotfire-session");
            page.navigate(Browser.testUrl("/console"));
            page.waitForURL(u -> u.contains("/console/login.html"));
            assertThat(violations).as("Content-Security-Policy violations").isEmpty();
        }
    }
}
