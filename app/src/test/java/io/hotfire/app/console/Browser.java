package io.hotfire.app.console;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium driven by Playwright (never Playwright's own browser download):
 * scripts/ensure-chromium.sh, run by the app build before the tests, installs it when missing.
 * Each context gets a fresh user-data-dir under target/; screenshots go to target/screenshots/.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HOTFIRE_CHROMIUM", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final List<String> ARGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage");

    private final Playwright playwright;

    private Browser(Playwright playwright) {
        this.playwright = playwright;
    }

    static Browser start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                CHROMIUM + " is missing: run scripts/ensure-chromium.sh (the app build runs it unless HOTFIRE_SKIP_CHROMIUM_INSTALL=1)");
        return new Browser(Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))));
    }

    /**
     * A fresh browser profile signed in as user / user-dev through the console's sign-in form (local
     * mode), at the test server's address as the tests use it (127.0.0.1: the session cookie is per host).
     */
    BrowserContext signedInAs(String user) throws Exception {
        return signedInAs(user, 1440, 960);
    }

    /** The same with a chosen viewport (the console must work at 1600×1000 and at 1024×768). */
    BrowserContext signedInAs(String user, int width, int height) throws Exception {
        BrowserContext context = fresh(user, width, height);
        signIn(page(context), user, user + "-dev");
        page(context).waitForURL(u -> u.endsWith("/console") || u.contains("/console#"));
        // Leave the console, so that the test's first navigation loads it afresh (as before the form), rather
        // than changing the hash of a page that is still rendering its first view.
        page(context).navigate("about:blank");
        return context;
    }

    /** Opens /console, which sends a browser without a session to the sign-in form, and submits it. */
    static void signIn(Page page, String user, String password) {
        page.navigate(testUrl("/console"));
        page.waitForURL(u -> u.contains("/console/login.html"));
        page.locator("#j_username").fill(user);
        page.locator("#j_password").fill(password);
        page.locator("#sign-in").click();
    }

    /** The running @QuarkusTest server's address for path, on 127.0.0.1. */
    static String testUrl(String path) {
        URI base = URI.create(io.quarkus.test.common.http.TestHTTPResourceManager.getUri());
        return "http://127.0.0.1:" + base.getPort() + path;
    }

    /** Records every Content-Security-Policy violation the pages of this context report on their console. */
    static List<String> cspViolations(BrowserContext context) {
        List<String> violations = new CopyOnWriteArrayList<>();
        context.onConsoleMessage(m -> {
            if (m.text().contains("Content Security Policy")) {
                violations.add(m.text());
            }
        });
        return violations;
    }

    /** A fresh browser profile with no credentials (oidc mode: the user signs in on Keycloak's page). */
    BrowserContext fresh(String name) throws Exception {
        return fresh(name, 1440, 960);
    }

    BrowserContext fresh(String name, int width, int height) throws Exception {
        Path profile = Files.createDirectories(Path.of("target", "chromium-profiles", name + "-" + UUID.randomUUID()));
        BrowserContext context = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(ARGS).setViewportSize(width, height));
        context.setDefaultTimeout(120_000); // generous: the suite must pass at load average >= 8
        return context;
    }

    static Page page(BrowserContext context) {
        return context.pages().isEmpty() ? context.newPage() : context.pages().get(0);
    }

    static void shoot(Page page, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }

    @Override
    public void close() {
        playwright.close();
    }
}
