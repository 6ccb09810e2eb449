package io.hotfire.app.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.hotfire.app.support.Telemetry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The engineer console in real headless Chromium (local mode): sign in, start a simulated live run
 * of the digital twin with a fault, see the fault appear, acknowledge its alarm, submit a note, and
 * find both actions on the audit page; screenshots of each main page go to target/screenshots/.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    @TestHTTPResource("/")
    URL root;

    static Browser browser;
    static String faultRun;

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

    String url(String path) {
        return "http://127.0.0.1:" + root.getPort() + path;
    }

    @Test
    @Order(1)
    void anEngineerStartsASimulatedRun_seesTheFaultAppear_andAcknowledgesItsAlarm_theAuditorFindsIt() throws Exception {
        try (BrowserContext engineer = browser.signedInAs("engineer")) {
            Page page = Browser.page(engineer);
            page.navigate(url("/console"));
            assertThat(page.locator("#user").textContent()).isEqualTo("engineer");
            page.locator("#runs").waitFor();
            assertThat(page.locator("nav a[data-nav=audit]").count()).as("an engineer sees no audit page").isZero();

            page.locator("#sim-fault").selectOption("COMBUSTION_INSTABILITY");
            page.locator("#sim-onset").fill("6");
            page.locator("#sim-duration").fill("20");
            page.locator("#sim-speed").fill("2");
            page.locator("#sim-test").fill("HF-BROWSER-1");
            page.getByText("Start simulation").click();

            page.waitForURL(u -> u.contains("#/run/"));
            faultRun = page.url().replaceAll(".*#/run/", "").replaceAll("\\?.*", "");
            page.locator("#live-status.on").waitFor();
            page.locator("#charts .chart canvas").first().waitFor();
            // The fault appears live: a finding in the diagnosis panel and an unacknowledged alarm.
            Locator finding = page.locator("#findings article.finding[data-code=COMBUSTION_INSTABILITY], #findings article.finding");
            finding.first().waitFor(new Locator.WaitForOptions().setTimeout(60_000));
            Locator ack = page.locator("#run-alarms li.alarm button.ack:visible").first();
            ack.waitFor(new Locator.WaitForOptions().setTimeout(120_000));
            page.waitForTimeout(1500);
            Browser.shoot(page, "live-run-instability");
            assertThat(unlabelledControls(page)).as("controls without an accessible name").isEmpty();
            String alarmId = ack.locator("xpath=ancestor::li").getAttribute("data-alarm");
            ack.focus();
            page.keyboard().press("Enter");
            page.locator("#run-alarms li.alarm[data-alarm='" + alarmId + "'][data-state=ACKNOWLEDGED], "
                    + "#run-alarms li.alarm[data-alarm='" + alarmId + "'][data-state=CLEARED]").waitFor();
            assertThat(page.locator("#run-alarms li.alarm[data-alarm='" + alarmId + "']").textContent()).contains("acknowledged by engineer");

            page.navigate(url("/console#/alarms"));
            page.locator("#all-alarms li.alarm").first().waitFor();
            page.locator("#notifications li").first().waitFor();
            Browser.shoot(page, "alarms");
            // Comment on and shelve the (non-latching) warning alarm, from the keyboard.
            Locator warning = page.locator("#all-alarms li.alarm", new Page.LocatorOptions().setHasText("WARNING_HIGH")).first();
            String warningId = warning.getAttribute("data-alarm");
            warning.locator("summary").click();
            warning.getByLabel("Comment on", new Locator.GetByLabelOptions()).fill("PC_OSC warning seen, watching");
            warning.getByText("Comment", new Locator.GetByTextOptions().setExact(true)).press("Enter");
            page.locator("#toast", new Page.LocatorOptions().setHasText("Commented")).waitFor();
            assertThat(page.locator("#toast").textContent()).contains("WARNING_HIGH").contains("HF-BROWSER-1");
            warning.getByLabel("Reason for shelving", new Locator.GetByLabelOptions()).fill("chattering while we watch PC_OSC");
            page.locator("#all-alarms li.alarm[data-alarm='" + warningId + "'] button", new Page.LocatorOptions().setHasText("Shelve")).click();
            page.locator("#all-alarms li.alarm[data-alarm='" + warningId + "'] .pill", new Page.LocatorOptions().setHasText("shelved")).waitFor();
            page.navigate(url("/console#/rules?q=" + "COMBUSTION"));
            page.locator("#rules tbody tr").first().waitFor();
            Browser.shoot(page, "rules");
            assertThat(page.locator("#rules tbody tr").count()).isPositive();
            page.navigate(url("/console#/runs"));
            page.locator("#runs a", new Page.LocatorOptions().setHasText("HF-BROWSER-1")).waitFor();
            page.locator("#run-search").fill("HF-BROWSER");
            Browser.shoot(page, "runs");
            assertThat(page.locator("#runs tbody tr").count()).isEqualTo(1);
            assertThat(unlabelledControls(page)).as("controls without an accessible name").isEmpty();
            // Last (the probe compilation is the slowest request): why did another fault not fire? The answer
            // names each rule in its sentence with the evidence it saw, never the rule source.
            page.navigate(url("/console#/run/" + faultRun));
            // Why did another fault not fire? The drill-down names each rule's first unmet condition.
            page.locator("#whynot-code option[value=TP_ROTOR_WHIRL]").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
            page.locator("#whynot-code").selectOption("TP_ROTOR_WHIRL");
            page.locator("#whynot-t").fill("8");
            page.locator("#whynot-t").press("Enter");
            page.locator("#whynot-out li, #whynot-out p.error").first().waitFor(new Locator.WaitForOptions().setTimeout(120_000));
            assertThat(page.locator("#whynot-out").textContent()).contains("did not fire").contains("“").doesNotContain("Deviation(");
        }

        try (BrowserContext auditor = browser.signedInAs("auditor")) {
            Page page = Browser.page(auditor);
            // The auditor reads but does not operate: no start forms, no alarm actions.
            page.navigate(url("/console#/runs"));
            page.locator("#runs tbody tr").first().waitFor();
            assertThat(page.locator("#simulate-form, #replay-form").count()).isZero();
            page.navigate(url("/console#/run/" + faultRun));
            page.locator("#run-alarms li.alarm").first().waitFor();
            assertThat(page.locator("#run-alarms button.ack, #run-alarms input, #run-alarms select").count()).isZero();
            assertThat(page.locator("#note-form").count()).isZero();
            page.navigate(url("/console#/audit?action=alarm.ack&run=" + faultRun));
            Locator row = page.locator("#audit tbody tr[data-action='alarm.ack']");
            row.first().waitFor();
            assertThat(row.first().textContent()).contains("engineer");
            page.locator("#verify").click();
            page.locator("#verify-status.ok").waitFor();
            assertThat(page.locator("#verify-status").textContent()).startsWith("chain intact");
            Browser.shoot(page, "audit");
            page.locator("#audit-action").fill("event.*");
            page.locator("#audit-filter button[type=submit]").click();
            page.locator("#audit tbody tr[data-action='event.finding']").first().waitFor();
            // From an audit record of a finding back to the run and its finding.
            page.locator("#audit tbody tr[data-action='event.finding'] a").first().click();
            page.locator("#findings article.finding.focused").waitFor();
        }
    }

    @Test
    @Order(4)
    void anEngineerSubmitsANote_andTheAuditorFindsIt() throws Exception {
        String run = faultRun != null ? faultRun : given().auth().preemptive().basic("engineer", "engineer-dev").contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-NOTE\"}").post("/api/v1/runs").then().statusCode(201).extract().path("id");
        try (BrowserContext engineer = browser.signedInAs("engineer")) {
            Page page = Browser.page(engineer);
            page.navigate(url("/console#/run/" + run));
            page.locator("#note-text").fill("Loud whine from the turbopump at 12 s, then the chamber sounded rough.");
            page.locator("#note-time").fill("12");
            page.locator("#note-form button[type=submit]").click();
            page.locator("#notes article.note").first().waitFor();
            page.locator("#notes article.note").first().scrollIntoViewIfNeeded();
            Browser.shoot(page, "intake");
            // The offline intake codes the whine (GG-1 vocabulary); its quote is highlighted in the note.
            assertThat(page.locator("#notes li[data-status=PROPOSED]").allTextContents()).anyMatch(t -> t.contains("AUDIBLE_WHINE_TURBOPUMP"));
            assertThat(page.locator("#notes article.note mark").allTextContents()).anyMatch(t -> t.contains("whine from the turbopump"));
            Locator accept = page.locator("#notes li[data-status=PROPOSED] button", new Page.LocatorOptions().setHasText("Accept"));
            accept.first().click();
            page.locator("#notes li[data-status=ACCEPTED]").first().waitFor();
        }
        try (BrowserContext auditor = browser.signedInAs("auditor")) {
            Page page = Browser.page(auditor);
            page.navigate(url("/console#/audit?action=note.add&run=" + run));
            page.locator("#audit tbody tr[data-action='note.add']").first().waitFor();
            assertThat(page.locator("#audit tbody tr[data-action='note.add']").first().textContent()).contains("engineer");
            page.navigate(url("/console#/audit?action=observation.*&run=" + run));
            page.locator("#audit tbody tr[data-action='observation.accept']").first().waitFor();
        }
    }

    @Test
    @Order(2)
    void anEngineerReplaysACsvAtTenTimesRealTime() throws Exception {
        java.nio.file.Path csv = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "console-test")).resolve("hot-turbine.csv");
        java.nio.file.Files.writeString(csv, io.hotfire.app.support.Scenarios.HOT_TURBINE.csv(0, 600));
        try (BrowserContext engineer = browser.signedInAs("engineer")) {
            Page page = Browser.page(engineer);
            page.navigate(url("/console#/runs"));
            page.locator("#replay-file").setInputFiles(csv);
            page.locator("#replay-speed").fill("10");
            page.locator("#replay-test").fill("HF-REPLAY");
            page.getByText("Start replay").click();
            page.waitForURL(u -> u.contains("#/run/"));
            page.locator("#live-status.on").waitFor();
            // TIT past its redline from 8 s: the CRITICAL findings and the abort arrive live.
            page.locator("#findings article.finding").first().waitFor(new Locator.WaitForOptions().setTimeout(120_000));
            page.waitForFunction("() => window.__hotfire.drawn.length && window.__hotfire.drawn[window.__hotfire.drawn.length - 1][0] >= 599");
            assertThat(page.locator("#recommendation").textContent()).contains("ABORT");
            Browser.shoot(page, "replay");
        }
    }

    /**
     * 32 sensors at 50 Hz posted as a stand does (5 frames every 100 ms): lag from posting a batch to
     * the browser having drawn its last frame. Prints the median and the 95th percentile; the view keeps
     * up when the lag does not grow over the run.
     */
    @Test
    @Order(3)
    void theLiveViewKeepsUpWith32SensorsAt50Hz() throws Exception {
        assertThat(Telemetry.GG1.sensors()).hasSize(32);
        String run = given().auth().preemptive().basic("engineer", "engineer-dev").contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-LAG\"}").post("/api/v1/runs").then().statusCode(201).extract().path("id");
        Telemetry data = Telemetry.nominal().seed(42);
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString("ingest:ingest-dev".getBytes(StandardCharsets.UTF_8));
        int seconds = 30;
        int batches = seconds * 10;
        List<long[]> sent = new ArrayList<>();
        try (BrowserContext engineer = browser.signedInAs("engineer")) {
            Page page = Browser.page(engineer);
            page.navigate(url("/console#/run/" + run + "?sensors=PC_A,PC_B,N_TP,TIT_A,TIT_B,VIB_RMS,P_OX_DIS,MDOT_OX"));
            page.locator("#live-status.on").waitFor();
            page.locator("#charts .chart").nth(7).waitFor();
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                long due = start + b * 100_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String csv = data.csv(b * 5, b * 5 + 5);
                long at = System.currentTimeMillis();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/runs/" + run + "/csv")))
                        .header("Authorization", basic).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                sent.add(new long[] {b * 5 + 4, at});
            }
            long lastSeq = batches * 5 - 1;
            page.waitForFunction("s => window.__hotfire.drawn.length && window.__hotfire.drawn[window.__hotfire.drawn.length - 1][0] >= s", (int) lastSeq);
            Browser.shoot(page, "live-32-sensors");
            @SuppressWarnings("unchecked")
            List<List<Number>> drawn = (List<List<Number>>) page.evaluate("() => window.__hotfire.drawn");
            List<Double> lags = new ArrayList<>();
            int d = 0;
            for (long[] s : sent) {
                while (d < drawn.size() && drawn.get(d).get(0).longValue() < s[0]) {
                    d++;
                }
                assertThat(d).as("seq %d was drawn", s[0]).isLessThan(drawn.size());
                lags.add(drawn.get(d).get(1).doubleValue() - s[1]);
            }
            List<Double> first = lags.subList(0, lags.size() / 4);
            List<Double> last = lags.subList(lags.size() * 3 / 4, lags.size());
            System.out.printf(Locale.ROOT, "live view lag, 32 sensors at 50 Hz, %d batches over %d s, 8 charts: median %.0f ms, p95 %.0f ms, "
                            + "max %.0f ms; first quarter median %.0f ms, last quarter median %.0f ms; %d redraws%n",
                    lags.size(), seconds, pct(lags, 50), pct(lags, 95), pct(lags, 100), pct(first, 50), pct(last, 50), drawn.size());
            // Keeping up: every batch posted was drawn (checked above). The lag figures are printed, not
            // asserted: the suite must pass at load average 8 and more, where any stopwatch bound races.
        }
    }

    /** Inputs, selects, text areas and buttons with no accessible name (no label, aria-label or text). */
    @SuppressWarnings("unchecked")
    static List<String> unlabelledControls(Page page) {
        return (List<String>) page.evaluate("() => [...document.querySelectorAll('main input, main select, main textarea, main button')]"
                + ".filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !(el.tagName === 'BUTTON' && el.textContent.trim()))"
                + ".map(el => el.outerHTML.slice(0, 120))");
    }

    static double pct(List<Double> values, int p) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }
}
