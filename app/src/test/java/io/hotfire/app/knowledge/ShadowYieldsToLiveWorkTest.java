package io.hotfire.app.knowledge;

import static io.hotfire.app.support.KnowledgeApi.as;
import static io.hotfire.app.support.KnowledgeApi.proposal;
import static io.hotfire.app.support.KnowledgeApi.waitFor;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.ingest.LiveWork;
import io.hotfire.app.support.KnowledgeApi;
import io.hotfire.domain.telemetry.Frame;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shadow on the archive yields to live ingestion by construction: while live work is in flight
 * it waits, having replayed nothing, and it goes on once the live work is done. Conditions only, no
 * timing: the live work is held open by the test for as long as it needs.
 */
@QuarkusTest
class ShadowYieldsToLiveWorkTest {

    @Inject
    LiveWork live;

    @Inject
    ShadowRunner shadows;

    static double yieldCount() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^hotfire_knowledge_shadow_yield_seconds_count\\S* (\\S+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void whileLiveWorkIsInFlightTheShadowWaitsHavingReplayedNothing_thenFinishes() throws Exception {
        String run = KnowledgeChangeApiTest.newRun("KC-YIELD-ARCHIVE");
        List<Frame> frames = KnowledgeChangeApiTest.twinRun(1, 6);
        KnowledgeChangeApiTest.ingest(run, frames);
        // The upload was live work while it lasted (counted from its arrival to the end of its response), and no longer is.
        long end = System.currentTimeMillis() + KnowledgeApi.DEADLINE_MS;
        while (live.inFlight() > 0 && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertThat(live.inFlight()).isZero();
        double yieldsBefore = yieldCount();

        String id;
        try (LiveWork.Token batch = live.begin()) { // a live batch in flight for as long as this block lasts
            assertThat(live.inFlight()).isPositive();
            id = as("lead").contentType(ContentType.JSON)
                    .body(Map.of("reason", "a tighter TIT_A warning, shadowed while a live batch is in flight", "files",
                            Map.of("profile.yaml", KnowledgeChangeApiTest.tighterProfile()), "shadow", Map.of("runIds", List.of(run))))
                    .post("/api/v1/domains/gg1/proposals").then().statusCode(201).extract().path("id");
            String started = id;
            waitFor("the shadow waiting for the live batch", () -> proposal(started), j -> shadows.waitingForLive());
            JsonPath p = proposal(id);
            assertThat(p.getString("status")).isEqualTo("SHADOWING");
            assertThat(p.getInt("shadow.done")).isZero();
            assertThat(shadows.waitingForLive()).isTrue();
        }
        String done = id;
        JsonPath p = waitFor("the shadow after the live batch", () -> proposal(done), j -> !"SHADOWING".equals(j.getString("status")));
        assertThat(p.getString("status")).isEqualTo("SHADOWED");
        assertThat(p.getInt("shadow.done")).isEqualTo(1);
        assertThat(p.getLong("shadow.result.frames")).isEqualTo(frames.size());
        assertThat(shadows.waitingForLive()).isFalse();
        assertThat(yieldCount()).isGreaterThan(yieldsBefore);
    }
}
