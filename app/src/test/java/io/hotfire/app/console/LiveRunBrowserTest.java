package io.hotfire.app.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A test conductor's view of a live GG fuel starvation run (120 s of run time fed at 3.5× real time,
 * about 34 s live) in two browsers at once, 1600×1000 and 1024×768: at every sampled moment the
 * recommendation is in the viewport (also after scrolling to the bottom), no condition has more than
 * one alarm row, and a comment typed into an alarm while updates arrive survives with its focus;
 * acknowledge-all of a priority works; after the run, zooming into the onset on a chart (uPlot's own
 * drag) shows the first finding, and clicking its marker opens its evidence. Every wait is on a
 * condition; the samples are taken while the run is live, however long the machine makes it.
 */
@QuarkusTest
class LiveRunBrowserTest {

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

    String url(String path) {
        return "http://127.0.0.1:" + root.getPort() + path;
    }

    /** Where the recommendation is, and the rows of the open alarm list, as the browser sees them. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> sample(Page page) {
        return (Map<String, Object>) page.evaluate("() => { const r = document.getElementById('recommendation').getBoundingClientRect();"
                + " const rows = [...document.querySelectorAll('#alarm-list li.alarm, #alarm-list-shelved li.alarm')];"
                + " return { top: r.top, bottom: r.bottom, height: innerHeight, text: document.getElementById('recommendation').textContent,"
                + " keys: rows.map(li => li.dataset.key), names: rows.map(li => li.querySelector('.name').textContent + ' ' + li.dataset.key),"
                + " state: document.getElementById('run-state').dataset.state, live: document.getElementById('run-state').dataset.live }; }");
    }

    @Test
    void aLiveFuelStarvationRun_atTwoScreenSizes() throws Exception {
        String run = given().auth().preemptive().basic("engineer", "engineer-dev").contentType(ContentType.JSON)
                .body("{\"engine\":\"gg1\",\"testId\":\"HF-GG-STARVE\",\"fault\":\"GG_FUEL_STARVATION\",\"onset\":12,\"duration\":120,\"speed\":3.5}")
                .post("/api/v1/feeds/simulation").then().statusCode(201).extract().path("runId");
        try (BrowserContext wide = browser.signedInAs("engineer", 1600, 1000); BrowserContext small = browser.signedInAs("engineer", 1024, 768)) {
            Page big = Browser.page(wide);
            Page little = Browser.page(small);
            for (Page p : List.of(big, little)) {
                p.navigate(url("/console#/run/" + run));
                p.locator("#run-state[data-live=true]").waitFor();
            }
            // The first alarm: open its details and start typing a comment, a few characters per sample.
            Locator firstAlarm = big.locator("#alarm-list li.alarm").first();
            firstAlarm.waitFor(new Locator.WaitForOptions().setTimeout(60_000));
            String alarmId = firstAlarm.getAttribute("data-alarm");
            Locator row = big.locator("#alarm-list li.alarm[data-alarm='" + alarmId + "']");
            row.locator("summary").click();
            Locator comment = row.getByLabel("Comment on", new Locator.GetByLabelOptions());
            comment.click();
            String text = "TIT_A climbing, GG fuel side suspected; watching the LOX valve position too";
            StringBuilder typed = new StringBuilder();
            int samples = 0;
            int scrolled = 0;
            Set<String> recommendations = new HashSet<>();
            List<String> problems = new ArrayList<>();
            boolean shot = false;
            while (true) {
                Map<String, Object> state = sample(big);
                if (!"true".equals(state.get("live"))) {
                    break;
                }
                if (typed.length() < text.length()) {
                    String next = text.substring(typed.length(), Math.min(text.length(), typed.length() + 3));
                    big.keyboard().type(next);
                    typed.append(next);
                }
                for (Page p : List.of(big, little)) {
                    Map<String, Object> s = p == big ? state : sample(p);
                    double top = ((Number) s.get("top")).doubleValue();
                    double bottom = ((Number) s.get("bottom")).doubleValue();
                    double height = ((Number) s.get("height")).doubleValue();
                    if (top < 0 || bottom > height) {
                        problems.add("recommendation at " + top + ".." + bottom + " of " + height + " px: " + s.get("text"));
                    }
                    @SuppressWarnings("unchecked")
                    List<String> keys = (List<String>) s.get("keys");
                    if (new HashSet<>(keys).size() != keys.size()) {
                        problems.add("two rows for one condition: " + s.get("names"));
                    }
                    if (keys.stream().anyMatch(k -> k.startsWith("WARNING:") || k.startsWith("REDLINE:") || k.startsWith("ABORT:REDLINE"))) {
                        problems.add("an escalation of a limit has its own row: " + s.get("names"));
                    }
                    recommendations.add(String.valueOf(s.get("text")).replaceAll(" at .*", ""));
                }
                samples++;
                // Every third sample the small screen is scrolled to the bottom: the strip must stay.
                if (samples % 3 == 0) {
                    little.evaluate("() => window.scrollTo(0, document.body.scrollHeight)");
                    scrolled++;
                } else {
                    little.evaluate("() => window.scrollTo(0, 0)");
                }
                if (!shot && String.valueOf(state.get("text")).contains("ABORT")) {
                    little.evaluate("() => window.scrollTo(0, 0)");
                    Browser.shoot(big, "live-run");
                    Browser.shoot(little, "live-run-1024");
                    shot = true;
                }
                // The next sample once a new batch has been drawn (a condition, not a clock).
                big.waitForFunction("n => window.__hotfire.drawn.length > n || document.getElementById('run-state').dataset.live !== 'true'",
                        big.evaluate("() => window.__hotfire.drawn.length"));
                big.waitForTimeout(700);
            }
            assertThat(problems).as("problems seen in %d samples", samples).isEmpty();
            assertThat(samples).as("samples taken while the run was live").isGreaterThanOrEqualTo(10);
            assertThat(scrolled).isPositive();
            assertThat(recommendations).as("the recommendations seen").anyMatch(r -> r.contains("ABORT"));
            assertThat(shot).isTrue();
            // The comment typed through the live updates is still there, and still has the keyboard.
            assertThat(comment.inputValue()).isEqualTo(typed.toString());
            assertThat(typed.length()).isGreaterThan(20);
            assertThat(String.valueOf(big.evaluate("() => document.activeElement && document.activeElement.getAttribute('aria-label') || ''")))
                    .startsWith("Comment on");
            row.getByText("Comment", new Locator.GetByTextOptions().setExact(true)).click();
            big.locator("#toast", new Page.LocatorOptions().setHasText("Commented")).waitFor();
            assertThat(big.locator("#toast").textContent()).contains("HF-GG-STARVE");

            // Acknowledge all of one priority on the small screen.
            Locator bulk = little.locator("#run-alarms .alarm-bar button[data-bulk=SEVERE], #run-alarms .alarm-bar button[data-bulk=CRITICAL]").first();
            bulk.waitFor();
            String priority = bulk.getAttribute("data-bulk");
            little.evaluate("() => window.scrollTo(0, 0)");
            Browser.shoot(little, "alarms-1024");
            bulk.click();
            little.locator("#toast", new Page.LocatorOptions().setHasText("Acknowledged")).waitFor();
            little.waitForFunction("p => !document.querySelector(`#alarm-list li.alarm[data-severity=${p}][data-state=UNACKNOWLEDGED]`)", priority);
            assertThat(little.locator("#toast").textContent()).contains("HF-GG-STARVE").contains(priority);
            assertThat(given().auth().preemptive().basic("engineer", "engineer-dev").queryParam("run", run).get("/api/v1/alarms/counts")
                    .then().statusCode(200).extract().jsonPath().getInt("unacknowledged." + priority)).as("unacknowledged %s alarms left", priority).isZero();
            assertThat(given().auth().preemptive().basic("auditor", "auditor-dev").queryParam("action", "alarm.ack").queryParam("run", run)
                    .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items")).isNotEmpty();

            // After the run: the whole run is kept; zoom with uPlot's drag into the onset and find the first finding there.
            List<Map<String, Object>> findings = given().auth().preemptive().basic("engineer", "engineer-dev")
                    .queryParam("limit", 10000).get("/api/v1/runs/{id}/events", run).then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.type == 'FINDING' }");
            assertThat(findings).isNotEmpty();
            double first = ((Number) findings.get(0).get("t")).doubleValue();
            long firstId = ((Number) findings.get(0).get("id")).longValue();
            big.reload();
            big.locator("#run-state[data-live=false]").waitFor();
            big.waitForFunction("p => document.querySelector('#alarm-list li.alarm') && !document.querySelector(`#alarm-list li.alarm[data-severity=${p}][data-state=UNACKNOWLEDGED]`)", priority);
            big.waitForFunction("() => window.__hotfire.charts && window.__hotfire.charts.data.t.length && window.__hotfire.charts.data.t[0] < 1"
                    + " && window.__hotfire.charts.data.t[window.__hotfire.charts.data.t.length - 1] > 100");
            Locator chart = big.locator("#charts .chart").first();
            @SuppressWarnings("unchecked")
            Map<String, Number> at = (Map<String, Number>) big.evaluate("t => { const p = [...window.__hotfire.charts.plots.values()][0].plot;"
                    + " const r = p.over.getBoundingClientRect(); return { y: r.top + r.height / 2, x0: r.left + p.valToPos(t - 4, 'x'),"
                    + " x1: r.left + p.valToPos(t + 4, 'x') }; }", first);
            big.mouse().move(at.get("x0").doubleValue(), at.get("y").doubleValue());
            big.mouse().down();
            big.mouse().move(at.get("x1").doubleValue(), at.get("y").doubleValue(), new com.microsoft.playwright.Mouse.MoveOptions().setSteps(8));
            big.mouse().up();
            big.waitForFunction("t => { const p = [...window.__hotfire.charts.plots.values()].map(x => x.plot);"
                    + " return p.every(u => u.scales.x.min > t - 6 && u.scales.x.max < t + 6 && u.scales.x.min < t && u.scales.x.max > t); }", first);
            Browser.shoot(big, "zoom-onset");
            // The finding's marker is on the zoomed chart: clicking it opens that finding's evidence.
            chart.scrollIntoViewIfNeeded();
            Map<String, Number> marker = castMarker(big.evaluate("t => { const p = [...window.__hotfire.charts.plots.values()][0].plot;"
                    + " const r = p.over.getBoundingClientRect(); return { x: r.left + p.valToPos(t, 'x'), y: r.top + r.height - 10 }; }", first));
            big.mouse().click(marker.get("x").doubleValue(), marker.get("y").doubleValue());
            big.locator("#findings article.finding.focused[data-event='" + firstId + "'] details[open]").waitFor();
            assertThat(big.locator("#findings article.finding.focused ul.evidence").textContent()).containsPattern("[0-9] [A-Za-z%]");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> castMarker(Object o) {
        return (Map<String, Number>) o;
    }
}
