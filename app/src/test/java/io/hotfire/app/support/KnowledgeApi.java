package io.hotfire.app.support;

import static io.restassured.RestAssured.given;

import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.Frame;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** The governed-knowledge API of gg1 as the knowledge tests (API and browser) drive it, with the local users. */
public final class KnowledgeApi {

    /** A deadline for conditions on a loaded machine: generous, never a timing assertion. */
    public static final long DEADLINE_MS = 180_000;
    static final DomainCatalog.Domain GG1 = DomainCatalog.load(DomainCatalog.defaultRoot()).require("gg1");

    private KnowledgeApi() {
    }

    /** A request as a local user (password {@code <user>-dev}). */
    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-dev");
    }

    public static JsonPath versions() {
        return as("auditor").get("/api/v1/domains/gg1/versions").then().statusCode(200).extract().jsonPath();
    }

    public static JsonPath proposal(String id) {
        return as("auditor").get("/api/v1/domains/gg1/proposals/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    /** Polls {@code get} until {@code done} holds, or fails naming {@code what} after {@link #DEADLINE_MS}. */
    public static JsonPath waitFor(String what, Supplier<JsonPath> get, Predicate<JsonPath> done) throws InterruptedException {
        long end = System.currentTimeMillis() + DEADLINE_MS;
        JsonPath last = get.get();
        while (!done.test(last)) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("waited in vain for " + what + ": " + last.prettify());
            }
            Thread.sleep(200);
            last = get.get();
        }
        return last;
    }

    /** Frames as the run CSV the ingest API takes: seq, t and every gg1 sensor. */
    public static String csv(List<Frame> frames) {
        List<String> ids = GG1.profile().sensorIds();
        StringBuilder b = new StringBuilder("seq,t,").append(String.join(",", ids)).append('\n');
        for (Frame f : frames) {
            b.append(f.seq()).append(',').append(String.format(Locale.ROOT, "%.3f", f.t()));
            for (double v : f.values()) {
                b.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Leaves gg1 as other test classes expect it, whatever a test did or where it failed: no
     * monitor-only version, and the shipped rules active and loaded (by a governed rollback to version
     * 0). The in-memory H2 outlives the Quarkus app, so a change left active would reach every later
     * test class in this JVM (it did once: a failed race test left a 920 K limit active, and the
     * learned model, trained on the shipped profile, then refused to attach in LearnedRoutingTest).
     */
    public static void backToShippedRules() throws InterruptedException {
        if (versions().get("monitor") != null) {
            as("lead").contentType(ContentType.JSON).body(Map.of("comment", "test over"))
                    .post("/api/v1/domains/gg1/monitor/stop").then().statusCode(200);
        }
        waitFor("no monitor-only version loaded", KnowledgeApi::versions, j -> j.get("loadedMonitor") == null);
        JsonPath v = versions();
        boolean shippedActive = v.getInt("active") == 0 || v.getList("versions").stream()
                .map(o -> (Map<?, ?>) o).anyMatch(m -> ((Number) m.get("version")).intValue() == v.getInt("active")
                        && ((List<?>) m.get("files")).isEmpty());
        if (!shippedActive) {
            String back = as("lead").contentType(ContentType.JSON).body(Map.of("reason", "test over: back to the shipped rules",
                            "shadow", Map.of("limit", 1)))
                    .post("/api/v1/domains/gg1/versions/{n}/rollback", 0).then().statusCode(201).extract().path("id");
            waitFor("the rollback's shadow", () -> proposal(back), j -> !"SHADOWING".equals(j.getString("status")));
            int n = as("admin").contentType(ContentType.JSON).body(Map.of("comment", "test over"))
                    .post("/api/v1/domains/gg1/proposals/{id}/approve", back).then().statusCode(200).extract().path("activatedVersion");
            waitFor("the switch back", KnowledgeApi::versions, j -> j.getInt("loaded") == n);
        }
        waitFor("the shipped rules loaded", KnowledgeApi::versions,
                j -> j.getInt("loaded") == j.getInt("active") && j.get("loadedMonitor") == null);
    }
}
