package io.hotfire.app.console;

import static io.hotfire.app.support.KnowledgeApi.DEADLINE_MS;
import static io.hotfire.app.support.KnowledgeApi.as;
import static io.hotfire.app.support.KnowledgeApi.csv;
import static io.hotfire.app.support.KnowledgeApi.proposal;
import static io.hotfire.app.support.KnowledgeApi.versions;
import static io.hotfire.app.support.KnowledgeApi.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.TwinDomain;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.hotfire.app.support.KnowledgeApi;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #18's scenario in the console, in real headless Chromium on H2 with the local users: the lead
 * proposes a tighter TIT_A warning (a broken rule file first, refused with file, line and rule), the
 * shadow over four archived twin runs names the two hot-turbine runs that gain the warning, each run
 * linked to its run page; the lead cannot approve their own proposal; the admin approves (after an
 * approval without a comment is refused with the server's problem); the version history shows the new
 * version and this instance running it; a rollback is proposed and approved in the console the same
 * way. Screenshots: target/screenshots/knowledge-*.png. gg1 is back on the shipped rules afterwards.
 */
@QuarkusTest
class KnowledgeBrowserTest {

    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
    static final TwinDomain TWIN = TwinDomain.load(GG1.folder().getParent(), "gg1");
    /** The archived runs (twin seeds 100 + i): 1 and 4 with a turbine losing efficiency (TIT ≈ +35 K), as in KnowledgeChangeApiTest. */
    static final List<Integer> ARCHIVED = List.of(0, 1, 2, 4);
    static final String TITA_LIMITS = "limits: {warnHigh: 980, redHigh: 1050}, estimate: TIT_EST, estimateTolerance: 0.05}\n  - {id: TIT_B";
    /** For conditions on a loaded machine: generous, never a timing assertion. */
    static final double SLOW_MS = 180_000;

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

    static boolean faulted(int i) {
        return i % 3 == 1;
    }

    static List<Frame> twinRun(int i) {
        Scenario sc = Scenario.nominal("archived-" + i, 16, ThrottleProfile.constant(90, 10));
        if (faulted(i)) {
            var cf = TWIN.catalog().fault("TURBINE_EFFICIENCY_LOSS").orElseThrow();
            sc = sc.withFault(FaultSpec.component("TURBINE_EFFICIENCY_LOSS", null, 6, cf.rampS(), 0.6, cf.signature(), false));
        }
        return TWIN.twin().simulate(sc, 100 + i).frames();
    }

    static Locator.WaitForOptions slow() {
        return new Locator.WaitForOptions().setTimeout(SLOW_MS);
    }

    /** Leaves gg1 on the shipped rules with no monitor-only version, whatever the test did (as KnowledgeChangeApiTest does). */
    @AfterEach
    void gg1BackToTheShippedRules() throws Exception {
        KnowledgeApi.backToShippedRules();
    }

    @Test
    void leadProposesInTheConsole_shadowShowsTheRuns_adminApproves_historyShowsIt_rollbackApprovedTheSameWay() throws Exception {
        JsonPath start = versions();
        String shipped = start.getString("loadedRuleSet");
        int startVersion = start.getInt("active");
        List<Integer> numbers = start.getList("versions.version", Integer.class);
        int latest = numbers.isEmpty() ? 0 : numbers.get(0);
        String unit = "SN-KB" + UUID.randomUUID().toString().substring(0, 6);
        List<String> archived = new ArrayList<>();
        for (int i : ARCHIVED) {
            String run = as("ingest").contentType(ContentType.JSON)
                    .body(Map.of("engine", "gg1", "testId", "KB-ARCHIVE-" + i, "unit", unit))
                    .post("/api/v1/runs").then().statusCode(201).extract().path("id");
            as("ingest").contentType("text/csv").body(csv(twinRun(i))).post("/api/v1/runs/{id}/csv", run).then().statusCode(200);
            archived.add(run);
        }
        List<String> hot = new ArrayList<>();
        for (int k = 0; k < ARCHIVED.size(); k++) {
            if (faulted(ARCHIVED.get(k))) {
                hot.add(archived.get(k));
            }
        }
        int proposalsBefore = as("lead").get("/api/v1/domains/gg1/proposals").then().statusCode(200).extract().path("size()");

        try (BrowserContext leadCtx = browser.signedInAs("lead"); BrowserContext adminCtx = browser.signedInAs("admin")) {
            List<String> leadCsp = Browser.cspViolations(leadCtx);
            List<String> adminCsp = Browser.cspViolations(adminCtx);
            List<String> errors = new CopyOnWriteArrayList<>();
            Page lead = Browser.page(leadCtx);
            Page admin = Browser.page(adminCtx);
            lead.onPageError(errors::add);
            admin.onPageError(errors::add);

            // The lead opens Knowledge → gg1 → Propose a change.
            lead.navigate(url("/console#/runs"));
            lead.locator("nav a[data-nav=knowledge]").click();
            lead.locator("#knowledge-domains a", new Page.LocatorOptions().setHasText("gg1")).click();
            lead.locator("#proposals").waitFor();
            lead.locator("#propose-link").click();
            lead.locator("#propose-text").waitFor();

            // A rule file that does not compile is refused with file, line and rule; nothing is stored.
            lead.locator("#propose-file").selectOption("rules/30-Turbopump.drl");
            String drl = lead.locator("#propose-text").inputValue();
            assertThat(drl).isEqualTo(Files.readString(GG1.folder().resolve("rules/30-Turbopump.drl")));
            String broken = drl.replaceFirst("WindowInfo\\( isMainstage\\(\\) \\)", "WindowInfo( isMainstage() ");
            assertThat(broken).isNotEqualTo(drl);
            lead.locator("#propose-text").fill(broken);
            lead.locator("#propose-reason").fill("a typo");
            lead.locator("#propose-unit").fill(unit);
            lead.locator("#propose-submit").click();
            Locator problem = lead.locator("#propose-problem");
            problem.locator("dd[data-member=file]").waitFor(slow());
            assertThat(problem.locator("dd[data-member=type]").textContent()).isEqualTo("rules-do-not-compile");
            assertThat(problem.locator("dd[data-member=file]").textContent()).isEqualTo("rules/30-Turbopump.drl");
            assertThat(problem.locator("dd[data-member=rule]").textContent()).startsWith("TP-001 ");
            assertThat(Integer.parseInt(problem.locator("dd[data-member=line]").textContent())).isPositive();
            Browser.shoot(lead, "knowledge-refused");
            assertThat(as("lead").get("/api/v1/domains/gg1/proposals").then().statusCode(200).extract().<Integer>path("size()"))
                    .isEqualTo(proposalsBefore);

            // Put the rules back, then tighten the TIT_A warning 980 → 915 K in the profile.
            lead.locator("#propose-text").fill(drl);
            lead.locator("#propose-file").selectOption("profile.yaml");
            String profile = lead.locator("#propose-text").inputValue();
            assertThat(profile).contains(TITA_LIMITS);
            lead.locator("#propose-text").fill(profile.replace(TITA_LIMITS, TITA_LIMITS.replace("warnHigh: 980", "warnHigh: 915")));
            assertThat(lead.locator("#propose-changed").textContent()).isEqualTo("Changed: profile.yaml");
            lead.locator("#propose-reason").fill("TIT_A warning at 915 K: the turbine ran hot on HF-041");
            lead.locator("#propose-limit").fill("4");
            lead.locator("#propose-submit").click();
            lead.waitForURL(u -> u.contains("/proposal/"), new Page.WaitForURLOptions().setTimeout(SLOW_MS));
            String id = lead.url().replaceAll(".*/proposal/", "");
            assertThat(lead.locator("#proposal-author").textContent()).isEqualTo("local:lead");

            // The diff against the active text, and the shadow over the four archived runs of the unit.
            Locator diff = lead.locator("#diff details[data-file='profile.yaml']");
            diff.waitFor();
            assertThat(diff.locator("tr.del").allTextContents()).singleElement().asString().contains("warnHigh: 980");
            assertThat(diff.locator("tr.add").allTextContents()).singleElement().asString().contains("warnHigh: 915");
            lead.locator("#shadow-table").waitFor(slow());
            assertThat(lead.locator("#shadow-table tbody tr").count()).isEqualTo(ARCHIVED.size());
            @SuppressWarnings("unchecked")
            List<String> changed = (List<String>) lead.locator("#shadow-table tbody tr[data-changed=true]")
                    .evaluateAll("rows => rows.map(r => r.dataset.run)");
            assertThat(changed).containsExactlyInAnyOrderElementsOf(hot);
            for (String run : hot) {
                assertThat(lead.locator("#shadow-table tr[data-run='" + run + "'] li[data-key='ALARM:WARNING_HIGH@TIT_A']").getAttribute("data-kind"))
                        .isEqualTo("GAINED");
            }
            assertThat(lead.locator("#shadow-summary").textContent()).contains("2 changed");

            // The author may not approve their own change: no review buttons, the rule said.
            lead.locator("#own-proposal").waitFor();
            assertThat(lead.locator("#approve, #approve-monitor, #reject").count()).isZero();
            assertThat(ConsoleBrowserTest.unlabelledControls(lead)).as("controls without an accessible name").isEmpty();

            // A gaining run's link opens its run page.
            lead.locator("#shadow-table tr[data-run='" + hot.get(0) + "'] a.run-link").click();
            lead.waitForURL(u -> u.endsWith("#/run/" + hot.get(0)));
            assertThat(lead.locator("#run-title").textContent()).isEqualTo("KB-ARCHIVE-" + ARCHIVED.get(archived.indexOf(hot.get(0))));

            // The admin, second reviewer: without a comment the server refuses and the page shows why; with one it activates.
            admin.navigate(url("/console#/knowledge/gg1/proposal/" + id));
            admin.locator("#shadow-table").waitFor(slow());
            admin.locator("#approve").waitFor();
            Files.createDirectories(Browser.SCREENSHOTS);
            admin.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("knowledge-proposal.png")).setFullPage(true));
            admin.locator("#approve").click();
            admin.locator("#review-problem dd[data-member=field]").waitFor();
            assertThat(admin.locator("#review-problem dd[data-member=field]").textContent()).isEqualTo("comment");
            assertThat(admin.locator("#review-problem").textContent()).contains("say why the change may go live");
            admin.locator("#review-comment").fill("shadow shows only the two hot-turbine runs");
            admin.locator("#approve").click();
            admin.locator("#review-done").waitFor(slow());
            assertThat(admin.locator("#review-done").textContent()).contains("Approved by local:admin").contains("version " + (latest + 1));

            // The version history shows the new version, active, and this instance switching to it.
            admin.navigate(url("/console#/knowledge/gg1"));
            Locator v1 = admin.locator("#versions tr[data-version='" + (latest + 1) + "'][data-active=true]");
            v1.waitFor();
            assertThat(v1.textContent()).contains("change").contains("local:admin").contains("profile.yaml")
                    .contains(proposal(id).getString("ruleSetVersion"));
            admin.locator("#loaded-version[data-version='" + (latest + 1) + "']").waitFor(slow());
            Browser.shoot(admin, "knowledge-versions");

            // Rollback in one action from the history, shadowed on the same runs, approved by the other person.
            lead.navigate(url("/console#/knowledge/gg1"));
            Locator back = lead.locator("#versions tr[data-version='" + startVersion + "'] details.rollback");
            back.locator("summary").click();
            back.locator("#rollback-reason-" + startVersion).fill("back to the ICD limit until the thermocouples are re-calibrated");
            back.locator("#rollback-" + startVersion + "-unit").fill(unit);
            back.locator("button[type=submit]").click();
            lead.waitForURL(u -> u.contains("/proposal/") && !u.endsWith(id), new Page.WaitForURLOptions().setTimeout(SLOW_MS));
            String rollback = lead.url().replaceAll(".*/proposal/", "");
            lead.locator("#shadow-table").waitFor(slow());
            assertThat(lead.locator("#shadow-table tbody tr[data-changed=true]").count()).isEqualTo(hot.size());
            assertThat(lead.locator("#shadow-table li[data-kind=LOST]").count()).isEqualTo(hot.size());
            lead.locator("#own-proposal").waitFor();

            admin.navigate(url("/console#/knowledge/gg1/proposal/" + rollback));
            admin.locator("#review-comment").fill("agreed: back to the ICD limit");
            admin.locator("#approve").click();
            admin.locator("#review-done").waitFor(slow());
            admin.navigate(url("/console#/knowledge/gg1"));
            admin.locator("#versions tr[data-version='" + (latest + 2) + "'][data-active=true][data-kind=ROLLBACK]").waitFor();
            admin.locator("#loaded-version[data-version='" + (latest + 2) + "']").waitFor(slow());
            assertThat(versions().getString("loadedRuleSet")).as("the rules of version %d again", startVersion).isEqualTo(shipped);
            assertThat(admin.locator("#proposals tr[data-proposal='" + rollback + "'][data-status=APPROVED]").count()).isEqualTo(1);

            assertThat(errors).as("script errors").isEmpty();
            assertThat(leadCsp).as("Content-Security-Policy violations (lead)").isEmpty();
            assertThat(adminCsp).as("Content-Security-Policy violations (admin)").isEmpty();
        }
        as("auditor").get("/api/v1/audit/verify").then().statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(true));
    }
    static String archivedRun(String testId, String unit, int i) {
        String run = as("ingest").contentType(ContentType.JSON).body(Map.of("engine", "gg1", "testId", testId, "unit", unit))
                .post("/api/v1/runs").then().statusCode(201).extract().path("id");
        as("ingest").contentType("text/csv").body(csv(twinRun(i))).post("/api/v1/runs/{id}/csv", run).then().statusCode(200);
        return run;
    }

    @Test
    void adminApprovesMonitorOnly_itsEventsAreShownApartAndLabelled_theRunRaisesNoAlarm_leadStopsIt() throws Exception {
        String unit = "SN-KM" + UUID.randomUUID().toString().substring(0, 6);
        String arch = archivedRun("KM-ARCHIVE", unit, 0);
        String profile = Files.readString(GG1.folder().resolve("profile.yaml"));
        assertThat(profile).contains(TITA_LIMITS);
        String id = as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "try the 915 K TIT_A warning beside the ICD limit first", "files",
                        Map.of("profile.yaml", profile.replace(TITA_LIMITS, TITA_LIMITS.replace("warnHigh: 980", "warnHigh: 915"))),
                        "shadow", Map.of("runIds", List.of(arch))))
                .post("/api/v1/domains/gg1/proposals").then().statusCode(201).extract().path("id");
        waitFor("the shadow", () -> proposal(id), j -> !"SHADOWING".equals(j.getString("status")));

        try (BrowserContext adminCtx = browser.signedInAs("admin"); BrowserContext leadCtx = browser.signedInAs("lead")) {
            List<String> errors = new CopyOnWriteArrayList<>();
            Page admin = Browser.page(adminCtx);
            Page lead = Browser.page(leadCtx);
            admin.onPageError(errors::add);
            lead.onPageError(errors::add);

            // The admin approves it monitor-only: it runs beside the active rules; the proposal stays open for a later decision.
            admin.navigate(url("/console#/knowledge/gg1/proposal/" + id));
            admin.locator("#review-comment").fill("monitor-only for a test day");
            admin.locator("#approve-monitor").click();
            admin.locator("#proposal-head [data-status=MONITORING]").waitFor(slow());
            int n = proposal(id).getInt("activatedVersion");
            assertThat(admin.locator("#proposal-activated").textContent()).isEqualTo("version " + n + " (monitor-only)");
            assertThat(admin.locator("#approve-monitor").count()).isZero();
            admin.locator("#approve").waitFor();
            waitFor("monitor-only on this instance", KnowledgeApi::versions, v -> Integer.valueOf(n).equals(v.get("loadedMonitor")));

            // A live run with a hot turbine: the active rules raise no TIT_A warning, the monitor-only version concludes one, apart.
            String live = as("ingest").contentType(ContentType.JSON).body(Map.of("engine", "gg1", "testId", "KM-LIVE", "unit", unit))
                    .post("/api/v1/runs").then().statusCode(201).extract().path("id");
            List<Frame> frames = twinRun(1);
            as("ingest").contentType("text/csv").body(csv(frames.subList(0, 300))).post("/api/v1/runs/{id}/csv", live).then().statusCode(200);
            as("ingest").contentType("text/csv").body(csv(frames.subList(300, frames.size()))).post("/api/v1/runs/{id}/csv", live)
                    .then().statusCode(200);
            waitFor("the monitor-only TIT_A warning", () -> as("engineer").queryParam("run", live)
                    .get("/api/v1/domains/gg1/monitor-events").then().statusCode(200).extract().jsonPath(),
                    j -> !j.getList("findAll { it.code == 'WARNING_HIGH' && it.sensor == 'TIT_A' }").isEmpty());
            assertThat(as("auditor").get("/api/v1/runs/{id}/alarms", live).then().statusCode(200).extract().jsonPath()
                    .getList("findAll { it.code == 'WARNING_HIGH' && it.sensor == 'TIT_A' }")).isEmpty();

            admin.navigate(url("/console#/knowledge/gg1"));
            assertThat(admin.locator("#monitor-version").textContent()).isEqualTo("version " + n);
            Locator row = admin.locator("#monitor-events tr[data-event]", new Page.LocatorOptions().setHasText("WARNING_HIGH"))
                    .filter(new Locator.FilterOptions().setHasText("TIT_A")).first();
            row.waitFor();
            assertThat(row.textContent()).contains("WARNING_HIGH").contains("(monitor-only)").contains(live.substring(0, 8));
            assertThat(admin.locator("#versions tr[data-version='" + n + "'][data-mode=MONITOR]").textContent()).contains("monitor-only");
            Browser.shoot(admin, "knowledge-monitor");

            // On the run page the monitor-only conclusions sit in their own labelled box, not among the run's alarms or findings.
            admin.navigate(url("/console#/run/" + live));
            Locator box = admin.locator("#run-monitor");
            box.locator("li", new Locator.LocatorOptions().setHasText("WARNING_HIGH TIT_A")).first().waitFor(slow());
            assertThat(box.textContent()).contains("Monitor-only").contains("not alarms");
            admin.locator("#strip-counts .count").first().waitFor(); // the run's alarms have been read
            assertThat(admin.locator("#run-alarms li.alarm", new Page.LocatorOptions().setHasText("TIT_A")).allTextContents())
                    .noneMatch(t -> t.contains("WARNING_HIGH"));

            // The lead stops it from the Knowledge page.
            lead.navigate(url("/console#/knowledge/gg1"));
            lead.locator("#monitor-stop-comment").fill("seen enough");
            lead.locator("#monitor-stop button[type=submit]").click();
            lead.locator("#monitor", new Page.LocatorOptions().setHasText("No monitor-only version runs now.")).waitFor(slow());
            assertThat(versions().get("monitor") == null).isTrue();
            assertThat(errors).as("script errors").isEmpty();
        }
        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "not this limit after all"))
                .post("/api/v1/domains/gg1/proposals/{id}/reject", id).then().statusCode(200);
    }
}
