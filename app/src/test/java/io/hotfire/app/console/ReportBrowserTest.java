package io.hotfire.app.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.hotfire.app.support.Scenarios;
import io.hotfire.app.support.Telemetry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In real headless Chromium: an engineer opens an engine unit's page (runs, life, indicator charts
 * drawn by the server) and from it a run's quick-look report. Screenshots: target/screenshots/engine.png, report.png.
 */
@QuarkusTest
class ReportBrowserTest {

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

    static RequestSpecification engineer() {
        return given().auth().preemptive().basic("engineer", "engineer-dev");
    }

    static String endedRun(String unit, String testId, Telemetry t, int rows) {
        String id = engineer().contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"" + testId + "\",\"unit\":\"" + unit + "\",\"stand\":\"A-1\"}")
                .post("/api/v1/runs").then().statusCode(201).extract().path("id");
        engineer().contentType("text/csv").body(t.csv(0, rows)).post("/api/v1/runs/{id}/csv", id).then().statusCode(200);
        engineer().header("X-Requested-By", "hotfire").post("/api/v1/runs/{id}/end", id).then().statusCode(200);
        return id;
    }

    @Test
    void anEngineerOpensAnEnginePage_andFromItARunsQuickLookReport() throws Exception {
        String unit = "SN-B" + UUID.randomUUID().toString().substring(0, 5);
        endedRun(unit, "HF-B1", Telemetry.nominal().seed(1), 700);
        endedRun(unit, "HF-B2", Telemetry.nominal().seed(2), 700);
        String hot = endedRun(unit, "HF-B3", Scenarios.HOT_TURBINE, 700);

        try (BrowserContext ctx = browser.signedInAs("engineer")) {
            Page page = Browser.page(ctx);
            page.navigate("http://127.0.0.1:" + root.getPort() + "/console#/engine/" + unit);
            page.locator("#unit-runs").waitFor();
            page.waitForCondition(() -> page.locator("#unit-charts img[data-loaded=true]").count() == 3);
            assertThat(page.locator("#unit-runs tbody tr").count()).isEqualTo(3);
            assertThat(page.locator("#unit-life").textContent()).contains("turbopump").contains("starts");
            Browser.shoot(page, "engine");

            page.locator("#unit-runs a.report-link").nth(2).click();
            page.locator("#report-timeline").waitFor();
            assertThat(page.url()).endsWith("#/report/" + hot);
            page.waitForCondition(() -> page.locator("#report-charts img[data-loaded=true]").count() >= 4);
            assertThat(page.locator("#report-status").textContent()).startsWith("Run ended");
            assertThat(page.locator("#report-timeline").textContent()).contains("ABORT");
            assertThat(page.locator("#report-explanation").textContent()).contains("Template text generated from the rule trace");
            assertThat(page.locator("#report-audit-hash").textContent()).matches("[0-9a-f]{64}");
            page.locator("#report-charts figure").nth(2).scrollIntoViewIfNeeded();
            Browser.shoot(page, "report");
        }
    }
}
