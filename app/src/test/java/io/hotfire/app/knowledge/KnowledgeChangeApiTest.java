package io.hotfire.app.knowledge;

import static io.hotfire.app.support.KnowledgeApi.DEADLINE_MS;
import static io.hotfire.app.support.KnowledgeApi.as;
import static io.hotfire.app.support.KnowledgeApi.csv;
import static io.hotfire.app.support.KnowledgeApi.proposal;
import static io.hotfire.app.support.KnowledgeApi.versions;
import static io.hotfire.app.support.KnowledgeApi.waitFor;
import static io.hotfire.app.support.Api.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.fault.FaultSpec;
import io.hotfire.sim.scenario.Scenario;
import io.hotfire.sim.scenario.ThrottleProfile;
import io.hotfire.sim.twin.TwinDomain;
import io.quarkus.test.junit.QuarkusTest;
import io.hotfire.app.support.KnowledgeApi;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #18's scenario through the API, on H2 with the local users: lead A proposes a tighter TIT_A
 * warning limit; the shadow over archived twin runs names the runs that gain an alarm; A cannot
 * approve it, B (admin) approves; a run in progress switches to the new rules without a restart and
 * says so, its new events carrying the new rule-set version; a rollback (governed the same way)
 * restores the old behaviour; every step is in the audit chain and verify holds. Plus refusals: rules
 * that do not compile, a sensor the profile lacks, a file that may not be changed, a role that may not propose.
 */
@QuarkusTest
class KnowledgeChangeApiTest {

    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");
    static final TwinDomain TWIN = TwinDomain.load(GG1.folder().getParent(), "gg1");
    /** The archived runs: thirty short twin runs at 90 %, one in three with a turbine losing efficiency (TIT ≈ +35 K). */
    static final int ARCHIVED = 30;
    static final String TITA_LIMITS = "limits: {warnHigh: 980, redHigh: 1050}, estimate: TIT_EST, estimateTolerance: 0.05}\n  - {id: TIT_B";

    static boolean faulted(int i) {
        return i % 3 == 1;
    }

    static List<Frame> twinRun(int i, double faultAt) {
        Scenario sc = Scenario.nominal("archived-" + i, 16, ThrottleProfile.constant(90, 10));
        if (faulted(i)) {
            var cf = TWIN.catalog().fault("TURBINE_EFFICIENCY_LOSS").orElseThrow();
            sc = sc.withFault(FaultSpec.component("TURBINE_EFFICIENCY_LOSS", null, faultAt, cf.rampS(), 0.6, cf.signature(), false));
        }
        return TWIN.twin().simulate(sc, 100 + i).frames();
    }

    static String newRun(String testId) {
        return as("ingest").contentType(ContentType.JSON).body("{\"engine\":\"gg1\",\"testId\":\"" + testId + "\"}")
                .post("/api/v1/runs").then().statusCode(201).extract().path("id");
    }

    static void ingest(String run, List<Frame> frames) {
        as("ingest").contentType("text/csv").body(csv(frames)).post("/api/v1/runs/{id}/csv", run).then().statusCode(200);
    }

    /** The highest version number of gg1, whatever its mode (0: none yet). */
    static int latestNumber() {
        List<Integer> all = versions().getList("versions.version", Integer.class);
        return all.isEmpty() ? 0 : all.get(0);
    }

    static String tighterProfile() throws java.io.IOException {
        String profile = Files.readString(GG1.folder().resolve("profile.yaml"));
        assertThat(profile).contains(TITA_LIMITS);
        return profile.replace(TITA_LIMITS, TITA_LIMITS.replace("warnHigh: 980", "warnHigh: 915"));
    }

    static List<Map<String, Object>> events(String run) {
        return as("auditor").queryParam("limit", 10000).get("/api/v1/runs/{id}/events", run).then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    static boolean titAWarning(Map<String, Object> e) {
        return "ALARM".equals(e.get("type")) && "WARNING_HIGH".equals(e.get("code")) && "TIT_A".equals(e.get("sensor"));
    }

    /** {@code n} archived twin runs (see {@link #twinRun}), ingested three at a time; their ids in index order. */
    static List<String> archive(int n) throws Exception {
        java.util.concurrent.ExecutorService three = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<String>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                runs.add(three.submit(() -> {
                    String run = newRun("KC-ARCHIVE-" + k);
                    ingest(run, twinRun(k, 6));
                    return run;
                }));
            }
            List<String> ids = new ArrayList<>();
            for (var r : runs) {
                ids.add(r.get(DEADLINE_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
            }
            return ids;
        } finally {
            three.shutdownNow();
        }
    }

    /**
     * The shadow's evaluation figures on the twin test set: one labelled twin run per component fault
     * of the catalogue plus nominals, scored under the base and the proposed rules.
     */
    static void assertTwinEvaluation(JsonPath p, String baseRuleSet, String newRuleSet) {
        Map<String, Object> ev = p.getMap("shadow.result.evaluation");
        assertThat(ev).containsKeys("testSet", "before", "after", "macroF1Delta");
        assertThat(p.getString("shadow.result.evaluation.testSet.digest")).hasSize(64);
        List<String> faults = p.getList("shadow.result.evaluation.testSet.faults");
        assertThat(faults).contains("TURBINE_EFFICIENCY_LOSS", "LOX_PUMP_CAVITATION").doesNotContain("VALVE_SLOW");
        assertThat(p.getInt("shadow.result.evaluation.testSet.runs")).isEqualTo(faults.size() + 2);
        assertThat(p.getString("shadow.result.evaluation.before.ruleSet")).isEqualTo(baseRuleSet);
        assertThat(p.getString("shadow.result.evaluation.after.ruleSet")).isEqualTo(newRuleSet);
        for (String side : List.of("before", "after")) {
            double f1 = p.getDouble("shadow.result.evaluation." + side + ".macroF1");
            assertThat(f1).as(side + " macro F1").isBetween(0.0, 1.0);
            Map<String, Object> perCode = p.getMap("shadow.result.evaluation." + side + ".perCode");
            assertThat(perCode).containsKeys(faults.toArray(String[]::new));
            System.out.printf(Locale.ROOT, "knowledge shadow, twin test set %s: macro F1 %.3f, detected %s%n", side, f1,
                    perCode.entrySet().stream().filter(e -> Boolean.TRUE.equals(((Map<?, ?>) e.getValue()).get("detected")))
                            .map(Map.Entry::getKey).toList());
        }
        // A tighter TIT_A warning limit adds an alarm, not a fault isolation: the isolation figures stay.
        assertThat(p.getMap("shadow.result.evaluation.after.perCode")).isEqualTo(p.getMap("shadow.result.evaluation.before.perCode"));
    }

    /**
     * Runs the proposal's shadow again on the archived runs holding a FINDING of the code most of them
     * hold (selection by finding); an unknown code is refused naming the field.
     */
    static void shadowAgainOnRunsWithAFinding(String id, List<String> archived) throws InterruptedException {
        Map<String, List<String>> byCode = new java.util.TreeMap<>();
        for (String run : archived) {
            events(run).stream().filter(e -> "FINDING".equals(e.get("type"))).map(e -> (String) e.get("code")).distinct()
                    .forEach(c -> byCode.computeIfAbsent(c, k -> new ArrayList<>()).add(run));
        }
        assertThat(byCode).as("the faulted archived runs hold findings").isNotEmpty();
        Map.Entry<String, List<String>> most = byCode.entrySet().stream()
                .max(java.util.Comparator.comparingInt((Map.Entry<String, List<String>> e) -> e.getValue().size())).orElseThrow();
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("finding", "NO_SUCH_FINDING"))
                .post("/api/v1/domains/gg1/proposals/{id}/shadow", id).then(), 400).body("field", equalTo("finding"));
        as("lead").contentType(ContentType.JSON).body(Map.of("finding", most.getKey(), "runIds", archived))
                .post("/api/v1/domains/gg1/proposals/{id}/shadow", id).then().statusCode(202);
        JsonPath p = waitFor("the shadow on runs with " + most.getKey(), () -> proposal(id), j -> !"SHADOWING".equals(j.getString("status")));
        assertThat(p.getString("status")).isEqualTo("SHADOWED");
        assertThat(p.getList("shadow.result.perRun.runId", String.class)).containsExactlyInAnyOrderElementsOf(most.getValue());
        assertThat(p.getString("shadow.selection.finding")).isEqualTo(most.getKey());
    }

    /**
     * Leaves gg1 as the other test classes expect it, whatever this test did or where it failed: no
     * monitor-only version, and the shipped rules active and loaded (by a governed rollback to version
     * 0). The in-memory H2 outlives the Quarkus app, so a change left active here would reach every
     * later test class in this JVM (it did once: a failed race test left a 920 K limit active, and the
     * learned model, trained on the shipped profile, then refused to attach in LearnedRoutingTest).
     */
    @AfterEach
    void gg1BackToTheShippedRules() throws Exception {
        KnowledgeApi.backToShippedRules();
    }

    @Test
    void leadProposesATighterTitALimit_shadowNamesTheRuns_secondLeadApproves_liveRunSwitches_rollbackRestores() throws Exception {
        String shipped = versions().getString("loadedRuleSet");
        int startVersion = versions().getInt("active");
        int latest = latestNumber();
        List<String> archived = archive(ARCHIVED);
        int faultedRuns = (int) java.util.stream.IntStream.range(0, ARCHIVED).filter(KnowledgeChangeApiTest::faulted).count();
        String tighter = tighterProfile();
        Map<String, Object> shadowSel = Map.of("runIds", archived);

        // Lead A proposes; it compiles, passes the domain tests and its shadow starts on the archived runs.
        String id = as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "TIT_A warning at 915 K: the turbine ran hot on HF-041", "files", Map.of("profile.yaml", tighter),
                        "shadow", shadowSel))
                .post("/api/v1/domains/gg1/proposals").then().statusCode(201)
                .body("author", equalTo("local:lead")).body("baseVersion", equalTo(startVersion))
                .body("changedFiles", hasItem("profile.yaml"))
                .extract().path("id");
        JsonPath p = waitFor("the shadow", () -> proposal(id), j -> !"SHADOWING".equals(j.getString("status")));
        assertThat(p.getString("status")).isEqualTo("SHADOWED");
        assertThat(p.getInt("shadow.total")).isEqualTo(ARCHIVED);
        assertThat(p.getInt("shadow.done")).isEqualTo(ARCHIVED);
        assertThat(p.getString("shadow.digest")).hasSize(64);
        String newRuleSet = p.getString("ruleSetVersion");
        assertThat(newRuleSet).startsWith("gg1-").isNotEqualTo(shipped);
        List<Map<String, Object>> perRun = p.getList("shadow.result.perRun");
        assertThat(perRun).hasSize(ARCHIVED);
        for (Map<String, Object> r : perRun) {
            int i = archived.indexOf(r.get("runId"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> changes = (List<Map<String, Object>>) r.get("changes");
            if (faulted(i)) {
                assertThat(changes).as("run %d gains the TIT_A warning", i).anySatisfy(c -> {
                    assertThat(c.get("kind")).isEqualTo("GAINED");
                    assertThat(c.get("key")).isEqualTo("ALARM:WARNING_HIGH@TIT_A");
                });
            } else {
                assertThat(changes).as("nominal run %d does not change", i).isEmpty();
            }
            assertThat(r.get("link")).isEqualTo("/console/#/run/" + r.get("runId"));
        }
        assertThat(p.getInt("shadow.result.changedRuns")).isEqualTo(faultedRuns);
        System.out.printf(Locale.ROOT, "knowledge shadow: %d runs, %d frames, %.1f s (started %s, finished %s)%n", ARCHIVED,
                p.getInt("shadow.result.frames"), java.time.Duration.between(java.time.Instant.parse(p.getString("shadow.started")),
                        java.time.Instant.parse(p.getString("shadow.finished"))).toMillis() / 1000.0,
                p.getString("shadow.started"), p.getString("shadow.finished"));

        assertTwinEvaluation(p, shipped, newRuleSet);
        shadowAgainOnRunsWithAFinding(id, archived);

        // The author cannot approve; an engineer cannot either.
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("comment", "looks right to me"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", id).then(), 403).body("type", equalTo("urn:hotfire:problem:own-proposal"));
        as("engineer").contentType(ContentType.JSON).body(Map.of("comment", "ok"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", id).then().statusCode(403);

        // A live run in progress on the old rules: the turbine starts losing efficiency at 10 s.
        List<Frame> live = twinRun(1, 10);
        String liveRun = newRun("KC-LIVE");
        ingest(liveRun, live.subList(0, 400));
        assertThat(events(liveRun)).allSatisfy(e -> assertThat(e.get("ruleSetVersion")).isEqualTo(shipped));

        // B approves: the next version becomes active and this instance switches without a restart.
        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "shadow shows only the two hot-turbine runs"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", id).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("reviewer", equalTo("local:admin"))
                .body("activatedVersion", equalTo(latest + 1));
        waitFor("the switch", KnowledgeApi::versions, v -> v.getInt("loaded") == latest + 1);
        assertThat(versions().getString("loadedRuleSet")).isEqualTo(newRuleSet);

        ingest(liveRun, live.subList(400, live.size()));
        List<Map<String, Object>> after = events(liveRun);
        assertThat(after).filteredOn(e -> "RULESET_CHANGED".equals(e.get("code"))).singleElement().satisfies(e -> {
            assertThat(e.get("type")).isEqualTo("DIAGNOSIS");
            assertThat(((Number) e.get("t")).doubleValue()).isEqualTo(live.get(400).t());
        });
        assertThat(after).filteredOn(KnowledgeChangeApiTest::titAWarning).isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("ruleSetVersion")).isEqualTo(newRuleSet));
        assertThat(after).filteredOn(e -> ((Number) e.get("t")).doubleValue() >= live.get(400).t())
                .allSatisfy(e -> assertThat(e.get("ruleSetVersion")).isEqualTo(newRuleSet));

        // Rollback to the version before, in one action; approved by the other person like any change.
        String back = as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "back to the ICD limit until the thermocouples are re-calibrated", "shadow", shadowSel))
                .post("/api/v1/domains/gg1/versions/{n}/rollback", startVersion).then().statusCode(201)
                .body("kind", equalTo("ROLLBACK")).body("targetVersion", equalTo(startVersion))
                .extract().path("id");
        JsonPath rb = waitFor("the rollback's shadow", () -> proposal(back), j -> !"SHADOWING".equals(j.getString("status")));
        assertThat(rb.getString("status")).isEqualTo("SHADOWED");
        assertThat(rb.getInt("shadow.result.changedRuns")).isEqualTo(faultedRuns);
        // The twin figures are deterministic: the rollback's "before" is the change's "after", and the other way round.
        assertThat(rb.getMap("shadow.result.evaluation.before")).isEqualTo(p.getMap("shadow.result.evaluation.after"));
        assertThat(rb.getMap("shadow.result.evaluation.after")).isEqualTo(p.getMap("shadow.result.evaluation.before"));
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("comment", "mine"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", back).then(), 403);
        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "agreed"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", back).then().statusCode(200)
                .body("activatedVersion", equalTo(latest + 2));
        waitFor("the switch back", KnowledgeApi::versions, v -> v.getInt("loaded") == latest + 2);
        assertThat(versions().getString("loadedRuleSet")).isEqualTo(shipped);

        String again = newRun("KC-LIVE-AFTER-ROLLBACK");
        ingest(again, twinRun(1, 6));
        List<Map<String, Object>> restored = events(again);
        assertThat(restored).isNotEmpty().allSatisfy(e -> assertThat(e.get("ruleSetVersion")).isEqualTo(shipped));
        assertThat(restored).noneMatch(KnowledgeChangeApiTest::titAWarning);

        // The history and the audit chain: every step recorded, and the chain verifies.
        JsonPath v = versions();
        assertThat(v.getList("versions.version", Integer.class)).startsWith(latest + 2, latest + 1);
        List<String> actions = as("auditor").queryParam("action", "knowledge.*").queryParam("limit", 500)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items.action");
        assertThat(actions).contains(KnowledgeActions.SUBMIT, KnowledgeActions.SHADOW_START, KnowledgeActions.SHADOW,
                KnowledgeActions.APPROVE, KnowledgeActions.ACTIVATE, KnowledgeActions.ROLLBACK, KnowledgeActions.LOAD);
        as("auditor").get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    @Test
    void aMonitorOnlyVersionRunsBesideTheActiveOne_itsEventsKeptApart_neverAlarming_untilStopped() throws Exception {
        String shipped = versions().getString("loadedRuleSet");
        int active = versions().getInt("active");
        List<String> archived = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String run = newRun("KC-MONITOR-ARCHIVE-" + i);
            ingest(run, twinRun(i, 6));
            archived.add(run);
        }
        String id = as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "try the 915 K TIT_A warning beside the ICD limit first", "files",
                        Map.of("profile.yaml", tighterProfile()), "shadow", Map.of("runIds", archived)))
                .post("/api/v1/domains/gg1/proposals").then().statusCode(201).extract().path("id");
        JsonPath p = waitFor("the shadow", () -> proposal(id), j -> !"SHADOWING".equals(j.getString("status")));
        assertThat(p.getString("status")).isEqualTo("SHADOWED");
        String monitorRuleSet = p.getString("ruleSetVersion");
        int n = latestNumber() + 1;

        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "monitor-only for a test day", "mode", "monitor"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", id).then().statusCode(200)
                .body("status", equalTo("MONITORING")).body("activatedVersion", equalTo(n));
        waitFor("monitor-only on this instance", KnowledgeApi::versions,
                v -> Integer.valueOf(n).equals(v.get("loadedMonitor")));
        JsonPath v = versions();
        assertThat(v.getInt("active")).isEqualTo(active);
        assertThat(v.getInt("monitor")).isEqualTo(n);
        assertThat(v.getString("loadedRuleSet")).isEqualTo(shipped);

        // A live run with a hot turbine: the active rules raise no TIT_A warning; the monitor-only ones do, apart.
        String live = newRun("KC-MONITOR-LIVE");
        List<Frame> frames = twinRun(1, 6);
        ingest(live, frames.subList(0, 300));
        ingest(live, frames.subList(300, frames.size()));
        List<Map<String, Object>> runEvents = events(live);
        assertThat(runEvents).isNotEmpty().noneMatch(KnowledgeChangeApiTest::titAWarning)
                .allSatisfy(e -> assertThat(e.get("ruleSetVersion")).isEqualTo(shipped));
        assertThat(as("auditor").get("/api/v1/runs/{id}/alarms", live).then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.code == 'WARNING_HIGH' && it.sensor == 'TIT_A' }")).isEmpty();
        JsonPath apart = waitFor("the monitor-only events", () -> as("engineer").queryParam("run", live)
                .get("/api/v1/domains/gg1/monitor-events").then().statusCode(200).extract().jsonPath(),
                j -> j.getList("findAll { it.code == 'WARNING_HIGH' && it.sensor == 'TIT_A' }").size() > 0);
        assertThat(apart.getList("version", Integer.class)).containsOnly(n);
        assertThat(apart.getList("ruleSetVersion", String.class)).containsOnly(monitorRuleSet);
        monitorEventsOrderAndPages(live);

        // Stopped by a lead: the history keeps it, the instance drops it, the proposal says it was stopped.
        as("lead").contentType(ContentType.JSON).body(Map.of("comment", "seen enough"))
                .post("/api/v1/domains/gg1/monitor/stop").then().statusCode(200);
        waitFor("monitor-only ended", KnowledgeApi::versions, j -> j.get("loadedMonitor") == null);
        assertThat(versions().get("monitor") == null).isTrue();
        assertThat(proposal(id).getString("status")).isEqualTo("MONITOR_STOPPED");
        assertThat(as("auditor").queryParam("status", "MONITOR_STOPPED").get("/api/v1/domains/gg1/proposals").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class)).contains(id);
        assertThat(as("auditor").queryParam("status", "MONITORING").get("/api/v1/domains/gg1/proposals").then().statusCode(200)
                .extract().jsonPath().getList("id", String.class)).doesNotContain(id);
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("comment", "again"))
                .post("/api/v1/domains/gg1/monitor/stop").then(), 404);

        // Monitor-only again, then superseded by another proposal's monitor-only version: the first ends and says so.
        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "one more test day", "mode", "MONITOR"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", id).then().statusCode(200)
                .body("status", equalTo("MONITORING")).body("activatedVersion", equalTo(n + 1));
        String other = as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "try 930 K instead", "files",
                        Map.of("profile.yaml", tighterProfile().replace("warnHigh: 915", "warnHigh: 930")), "shadow", Map.of("runIds", archived.subList(0, 1))))
                .post("/api/v1/domains/gg1/proposals").then().statusCode(201).extract().path("id");
        waitFor("the second shadow", () -> proposal(other), j -> !"SHADOWING".equals(j.getString("status")));
        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "930 K beside the ICD limit instead", "mode", "MONITOR"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", other).then().statusCode(200)
                .body("status", equalTo("MONITORING")).body("activatedVersion", equalTo(n + 2));
        assertThat(proposal(id).getString("status")).isEqualTo("MONITOR_STOPPED");
        JsonPath superseded = versions();
        assertThat(superseded.getInt("monitor")).isEqualTo(n + 2);
        assertThat(superseded.getString("versions.find { it.version == " + (n + 1) + " }.endedBy")).isEqualTo("local:admin");
        assertThat(superseded.getString("versions.find { it.version == " + (n + 2) + " }.endedAt")).isNull();
        as("lead").contentType(ContentType.JSON).body(Map.of("comment", "seen enough"))
                .post("/api/v1/domains/gg1/monitor/stop").then().statusCode(200);
        assertThat(proposal(other).getString("status")).isEqualTo("MONITOR_STOPPED");
        waitFor("monitor-only ended again", KnowledgeApi::versions, j -> j.get("loadedMonitor") == null);
        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "not this limit either"))
                .post("/api/v1/domains/gg1/proposals/{id}/reject", other).then().statusCode(200).body("status", equalTo("REJECTED"));
        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "not this limit after all"))
                .post("/api/v1/domains/gg1/proposals/{id}/reject", id).then().statusCode(200).body("status", equalTo("REJECTED"));
        List<String> actions = as("auditor").queryParam("action", "knowledge.*").queryParam("limit", 500)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath().getList("items.action");
        assertThat(actions).contains(KnowledgeActions.MONITOR_STOP);
        as("auditor").get("/api/v1/audit/verify").then().statusCode(200).body("ok", equalTo(true));
    }

    /** /monitor-events orders and pages as the audit list does, and filters as the run events do. */
    static void monitorEventsOrderAndPages(String run) {
        java.util.function.Function<Map<String, Object>, JsonPath> get = params -> as("engineer").queryParam("run", run).queryParams(params)
                .get("/api/v1/domains/gg1/monitor-events").then().statusCode(200).extract().jsonPath();
        List<Long> oldest = get.apply(Map.of("limit", 10000)).getList("id", Long.class);
        assertThat(oldest).hasSizeGreaterThanOrEqualTo(2).isSorted();
        List<Long> newest = get.apply(Map.of("order", "newest", "limit", 10000)).getList("id", Long.class);
        List<Long> reversed = new ArrayList<>(oldest);
        java.util.Collections.reverse(reversed);
        assertThat(newest).containsExactlyElementsOf(reversed);
        assertThat(get.apply(Map.of("order", "newest", "limit", 1)).getList("id", Long.class)).containsExactly(oldest.get(oldest.size() - 1));
        assertThat(get.apply(Map.of("order", "newest", "limit", 1, "before", oldest.get(oldest.size() - 1))).getList("id", Long.class))
                .containsExactly(oldest.get(oldest.size() - 2));
        assertThat(get.apply(Map.of("after", oldest.get(0), "limit", 10000)).getList("id", Long.class))
                .containsExactlyElementsOf(oldest.subList(1, oldest.size()));
        JsonPath alarms = get.apply(Map.of("type", "alarm", "limit", 10000));
        assertThat(alarms.getList("type", String.class)).isNotEmpty().containsOnly("ALARM");
        assertThat(alarms.getList("findAll { it.code == 'WARNING_HIGH' && it.sensor == 'TIT_A' }")).isNotEmpty();
        double lastT = get.apply(Map.of("order", "newest", "limit", 1)).getDouble("[0].t");
        assertThat(get.apply(Map.of("since", lastT, "limit", 10000)).getList("t", Double.class)).isNotEmpty().allSatisfy(t -> assertThat(t).isGreaterThanOrEqualTo(lastT));
        problem(as("engineer").queryParam("order", "sideways").get("/api/v1/domains/gg1/monitor-events").then(), 400).body("field", equalTo("order"));
        problem(as("engineer").queryParam("before", 5).get("/api/v1/domains/gg1/monitor-events").then(), 400).body("field", equalTo("before"));
        problem(as("engineer").queryParams(Map.of("order", "newest", "after", 5)).get("/api/v1/domains/gg1/monitor-events").then(), 400)
                .body("field", equalTo("after"));
        problem(as("engineer").queryParam("type", "NOPE").get("/api/v1/domains/gg1/monitor-events").then(), 400).body("field", equalTo("type"));
    }

    @Test
    void twoConcurrentActivationsCannotInterleave_oneWinsTheOtherIs409() throws Exception {
        int active = versions().getInt("active");
        String run = newRun("KC-RACE-ARCHIVE");
        ingest(run, twinRun(0, 6));
        List<String> ids = new ArrayList<>();
        for (String warn : List.of("915", "920")) {
            String profile = tighterProfile().replace("warnHigh: 915", "warnHigh: " + warn);
            ids.add(as("lead").contentType(ContentType.JSON)
                    .body(Map.of("reason", "TIT_A warning at " + warn + " K", "files", Map.of("profile.yaml", profile),
                            "shadow", Map.of("runIds", List.of(run))))
                    .post("/api/v1/domains/gg1/proposals").then().statusCode(201).extract().path("id"));
        }
        for (String id : ids) {
            assertThat(waitFor("the shadow", () -> proposal(id), j -> !"SHADOWING".equals(j.getString("status"))).getString("status"))
                    .isEqualTo("SHADOWED");
        }
        int latest = latestNumber();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(two.submit(() -> {
                    go.await();
                    return as("admin").contentType(ContentType.JSON).body(Map.of("comment", "race"))
                            .post("/api/v1/domains/gg1/proposals/{id}/approve", id).then().extract().statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get(DEADLINE_MS, java.util.concurrent.TimeUnit.MILLISECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            two.shutdownNow();
        }
        JsonPath v = versions();
        assertThat(v.getList("versions.version", Integer.class)).filteredOn(n -> n > latest).containsExactly(latest + 1);
        assertThat(v.getInt("active")).isEqualTo(latest + 1);

        // Back to where the other tests expect gg1, governed as always.
        String back = as("lead").contentType(ContentType.JSON).body(Map.of("reason", "race test over", "shadow", Map.of("runIds", List.of(run))))
                .post("/api/v1/domains/gg1/versions/{n}/rollback", active).then().statusCode(201).extract().path("id");
        waitFor("the rollback's shadow", () -> proposal(back), j -> !"SHADOWING".equals(j.getString("status")));
        as("admin").contentType(ContentType.JSON).body(Map.of("comment", "restore"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", back).then().statusCode(200);
        waitFor("the switch back", KnowledgeApi::versions, j -> j.getInt("loaded") == latest + 2);
    }

    @jakarta.inject.Inject
    io.hotfire.app.domain.Engines engines;

    @Test
    void learnedSettings_theAdviceSectionOfLearnedYamlIsAProposalAndAppliesOnActivation_theModelsSettingsAreRefused() throws Exception {
        String learned = Files.readString(GG1.folder().resolve("learned.yaml"));
        String advice = "advice: {probability: 0.9, windows: 5, leaveOneSensorOut: true, withoutUnitOffsets: true, concurrentFaults: true,"
                + " evidence: {VALVE_SLOW: [MOV_POS, MFV_POS, GGV_POS, GGV_CMD]}}";
        assertThat(learned).contains(advice).contains("neighbours: 3 ");
        assertThat(engines.engine("gg1").advice().windows()).isEqualTo(5);
        // What the model was trained with cannot change live; a bad advice value is named.
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("reason", "more neighbours",
                        "files", Map.of("learned.yaml", learned.replace("neighbours: 3 ", "neighbours: 5 "))))
                .post("/api/v1/domains/gg1/proposals").then(), 400)
                .body("type", equalTo("urn:hotfire:problem:learned-model-settings-changed"))
                .body("file", equalTo("learned.yaml")).body("field", equalTo("gate"));
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("reason", "bad windows",
                        "files", Map.of("learned.yaml", learned.replace(advice, advice.replace("windows: 5", "windows: many")))))
                .post("/api/v1/domains/gg1/proposals").then(), 400)
                .body("file", equalTo("learned.yaml")).body("field", equalTo("advice"));

        String run = newRun("KC-LEARNED-ARCHIVE");
        ingest(run, twinRun(0, 6));
        String id = as("lead").contentType(ContentType.JSON).body(Map.of("reason", "advise after 8 windows, not 5",
                        "files", Map.of("learned.yaml", learned.replace(advice, advice.replace("windows: 5", "windows: 8"))),
                        "shadow", Map.of("runIds", List.of(run))))
                .post("/api/v1/domains/gg1/proposals").then().statusCode(201)
                .body("changedFiles", hasItem("learned.yaml")).extract().path("id");
        JsonPath p = waitFor("the shadow", () -> proposal(id), j -> !"SHADOWING".equals(j.getString("status")));
        assertThat(p.getString("status")).isEqualTo("SHADOWED");
        assertThat(p.getInt("shadow.result.changedRuns")).as("the rules are unchanged").isZero();
        int n = as("admin").contentType(ContentType.JSON).body(Map.of("comment", "advice later"))
                .post("/api/v1/domains/gg1/proposals/{id}/approve", id).then().statusCode(200).extract().path("activatedVersion");
        waitFor("the switch", KnowledgeApi::versions, v -> v.getInt("loaded") == n);
        // The engine runs the new advice settings: a learned model attached to it (or kept across the swap) advises by them.
        assertThat(engines.engine("gg1").advice().windows()).isEqualTo(8);
        assertThat(engines.engine("gg1").advice().probability()).isEqualTo(0.9);
    }

    @Test
    void aChangeThatBreaksADomainTestIsRefusedNamingTheTest() throws Exception {
        String drl = Files.readString(GG1.folder().resolve("rules/40-FeedSystem.drl"));
        String renamed = drl.replace("Finding.of(\"LOX_PUMP_CAVITATION\"", "Finding.of(\"LOX_PUMP_CAVITATION_RENAMED\"");
        assertThat(renamed).isNotEqualTo(drl);
        problem(as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "rename a code", "files", Map.of("rules/40-FeedSystem.drl", renamed)))
                .post("/api/v1/domains/gg1/proposals").then(), 400)
                .body("type", equalTo("urn:hotfire:problem:domain-tests-failed"))
                .body("file", equalTo("tests/fd-001-lox-cavitation.yaml"));
    }

    @Test
    void rulesThatDoNotCompileAreRefusedWithFileLineAndRule_andNothingIsStored() throws Exception {
        int before = as("lead").get("/api/v1/domains/gg1/proposals").then().statusCode(200).extract().path("size()");
        String drl = Files.readString(GG1.folder().resolve("rules/30-Turbopump.drl"));
        String broken = drl.replaceFirst("WindowInfo\\( isMainstage\\(\\) \\)", "WindowInfo( isMainstage() ");
        assertThat(broken).isNotEqualTo(drl);
        problem(as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "a typo", "files", Map.of("rules/30-Turbopump.drl", broken)))
                .post("/api/v1/domains/gg1/proposals").then(), 400)
                .body("type", equalTo("urn:hotfire:problem:rules-do-not-compile"))
                .body("file", equalTo("rules/30-Turbopump.drl"))
                .body("rule", org.hamcrest.Matchers.startsWith("TP-001 "))
                .body("line", org.hamcrest.Matchers.greaterThan(0));
        as("lead").get("/api/v1/domains/gg1/proposals").then().statusCode(200).body("size()", equalTo(before));
    }

    @Test
    void aRuleNamingASensorTheProfileLacksIsRefusedNamingIt() throws Exception {
        String drl = Files.readString(GG1.folder().resolve("rules/30-Turbopump.drl"));
        String unknown = drl.replaceFirst("channel == \"VIB_CAGE\"", "channel == \"VIB_CAGE_X\"");
        problem(as("admin").contentType(ContentType.JSON)
                .body(Map.of("reason", "a new channel", "files", Map.of("rules/30-Turbopump.drl", unknown)))
                .post("/api/v1/domains/gg1/proposals").then(), 400)
                .body("type", equalTo("urn:hotfire:problem:unknown-sensor"))
                .body("sensor", equalTo("VIB_CAGE_X"))
                .body("file", equalTo("rules/30-Turbopump.drl"))
                .body("rule", org.hamcrest.Matchers.startsWith("TP-001 "));
    }

    @Test
    void otherFilesOtherRolesAndBadBodiesAreRefused() {
        problem(as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "escape", "files", Map.of("../../etc/passwd", "x")))
                .post("/api/v1/domains/gg1/proposals").then(), 400).body("file", equalTo("../../etc/passwd"));
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("files", Map.of("profile.yaml", "id: gg1")))
                .post("/api/v1/domains/gg1/proposals").then(), 400).body("field", equalTo("reason"));
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("reason", "bad yaml", "files", Map.of("profile.yaml", "id: [")))
                .post("/api/v1/domains/gg1/proposals").then(), 400).body("file", equalTo("profile.yaml"));
        as("engineer").contentType(ContentType.JSON).body(Map.of("reason", "r", "files", Map.of("profile.yaml", "x")))
                .post("/api/v1/domains/gg1/proposals").then().statusCode(403);
        problem(as("lead").contentType(ContentType.JSON).body(Map.of("reason", "r", "files", Map.of("profile.yaml", "x")))
                .post("/api/v1/domains/rd180/proposals").then(), 404);
    }

    @Test
    void aShadowSelectionThatFindsNoRunIsRefusedBeforeAnythingIsStored() throws Exception {
        int before = as("lead").get("/api/v1/domains/gg1/proposals").then().statusCode(200).extract().path("size()");
        Map<String, Object> none = Map.of("runIds", List.of(java.util.UUID.randomUUID().toString()));
        problem(as("lead").contentType(ContentType.JSON)
                .body(Map.of("reason", "TIT_A warning at 915 K", "files", Map.of("profile.yaml", tighterProfile()), "shadow", none))
                .post("/api/v1/domains/gg1/proposals").then(), 400)
                .body("type", equalTo("urn:hotfire:problem:no-runs")).body("field", equalTo("shadow"));
        as("lead").get("/api/v1/domains/gg1/proposals").then().statusCode(200).body("size()", equalTo(before));
    }
}
