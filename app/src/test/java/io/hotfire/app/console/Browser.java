package io.hotfire.app.console;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    /** A fresh browser profile whose HTTP Basic prompt (local mode) is answered with user / user-dev. */
    BrowserContext signedInAs(String user) throws Exception {
        return signedInAs(user, 1440, 960);
    }

    /** The same with a chosen viewport (the console must work at 1600×1000 and at 1024×768). */
    BrowserContext signedInAs(String user, int width, int height) throws Exception {
        Path profile = Files.createDirectories(Path.of("target", "chromium-profiles", user + "-" + UUID.randomUUID()));
        BrowserType.LaunchPersistentContextOptions o = new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(ARGS)
                .setViewportSize(width, height)
                .setHttpCredentials(user, user + "-dev");
        BrowserContext context = playwright.chromium().launchPersistentContext(profile, o);
        context.setDefaultTimeout(30_000);
        return context;
    }

    /** A fresh browser profile with no credentials (oidc mode: the user signs in on Keycloak's page). */
    BrowserContext fresh(String name) throws Exception {
        Path profile = Files.createDirectories(Path.of("target", "chromium-profiles", name + "-" + UUID.randomUUID()));
        BrowserContext context = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(ARGS).setViewportSize(1440, 960));
        context.setDefaultTimeout(30_000);
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
