package io.hotfire.app.llm;

import io.hotfire.llm.support.OpenAiStub;
import static io.hotfire.llm.support.OpenAiStub.content;
import static io.hotfire.llm.support.OpenAiStub.hang;
import static io.hotfire.llm.support.OpenAiStub.recorded;
import static io.hotfire.llm.support.OpenAiStub.status;
import static io.hotfire.app.support.Api.postCsv;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.event.EventStore;
import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Telemetry;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app with the LLM enabled against a local OpenAI-compatible stub that replays recorded
 * answers (good JSON, malformed JSON, a hallucinated code, a quote not in the note, a slow answer,
 * a 500, a hung provider). The deadline is 2 s in this profile.
 */
@QuarkusTest
@TestProfile(LlmStubProfile.class)
@TestSecurity(user = "test-engineer", roles = {Roles.ENGINEER, Roles.AUDITOR})
class LlmStubApiTest {

    static final String NOTE = "Loud whine from the TP at T+12, no smell of kerosene near the GG skid. "
            + "Frost on the LOX bleed line flange.";
    static final String STUB_MODEL = "openai:" + OpenAiStub.MODEL;

    /** The bearing-cage vibration line rising from 6 s to three times its expected value at 8 s: TP-001, bearing wear (wear trends; a step would be a biased channel). */
    static final Telemetry CAGE_RISING = Telemetry.nominal()
            .override("VIB_CAGE", 6.0, t -> Math.min(0.6, 0.2 + 0.2 * (t - 6.0)) + 0.01 * Math.sin(23 * t));

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    EventStore events;

    OpenAiStub stub;

    @BeforeEach
    void freshStub() {
        stub = OpenAiStubResource.stub;
        stub.reset();
        breakers.resetAll();
    }

    @AfterEach
    void releaseHung() {
        stub.releaseHung();
    }

    static JsonPath addNote(String run, String text) {
        return given().contentType(ContentType.JSON).body(Map.of("text", text)).post("/api/v1/runs/{id}/notes", run)
                .then().statusCode(201).extract().jsonPath();
    }

    static List<Map<String, Object>> llmCalls(String run) {
        return given().queryParam("run", run).queryParam("action", "llm.call").get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> payload(Map<String, Object> record) {
        return (Map<String, Object>) record.get("payload");
    }

    /** Waits for n llm.call records (a timed-out call is recorded when it ends, after the caller moved on). */
    static List<Map<String, Object>> awaitLlmCalls(String run, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Map<String, Object>> calls = llmCalls(run);
        while (calls.size() < n && System.nanoTime() < until) {
            Thread.sleep(100);
            calls = llmCalls(run);
        }
        return calls;
    }

    /** Waits until the stub has seen no new request for 3 s, so that no late call of one test reaches the next. */
    void awaitQuietProvider() throws InterruptedException {
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
            int now = stub.requests().size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    static void quotesAreInTheNote(JsonPath note, String text) {
        List<Map<String, Object>> quotes = note.getList("observations.quote");
        assertThat(quotes).allSatisfy(q -> assertThat(text.substring((Integer) q.get("start"), (Integer) q.get("end")))
                .isEqualTo(q.get("text")));
    }

    // --- intake ---------------------------------------------------------------------------------

    @Test
    void aGoodAnswerBecomesObservationsNamedAfterTheModel_andTheCallIsAuditedWithPromptResponseTokensAndOutcome() {
        String run = Api.newRun();
        stub.then(recorded("intake-good.json"));

        JsonPath note = addNote(run, NOTE);

        assertThat(note.getString("model")).isEqualTo(STUB_MODEL);
        assertThat(note.getString("fallbackReason")).isNull();
        assertThat(note.getList("observations.code")).containsExactly("AUDIBLE_WHINE_TURBOPUMP", "FUEL_SMELL_GG_SKID",
                "FROST_ON_LINE");
        assertThat(note.getList("observations.present")).containsExactly(true, false, true);
        assertThat(note.getDouble("observations[0].time")).isEqualTo(12.0);
        assertThat(note.getList("observations.model")).containsOnly(STUB_MODEL);
        quotesAreInTheNote(note, NOTE);

        List<Map<String, Object>> calls = llmCalls(run);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.get("actorName")).isEqualTo("test-engineer");
            assertThat(c.get("target")).isEqualTo("run/" + run);
            Map<String, Object> p = payload(c);
            assertThat(p).containsEntry("purpose", "INTAKE").containsEntry("outcome", "ACCEPTED")
                    .containsEntry("model", OpenAiStub.MODEL).containsEntry("inputTokens", 812).containsEntry("outputTokens", 64)
                    .containsEntry("attempt", 1).containsKey("latencyMs");
            assertThat(p.get("prompt")).asString().contains(NOTE).contains("AUDIBLE_WHINE_TURBOPUMP");
            assertThat(p.get("response")).asString().contains("\"observations\"");
        });
        assertThat(stub.requests()).singleElement().asString().contains("gpt-4o-mini").contains("json_object");
    }

    @Test
    void malformedJsonTwiceFallsBackToTheOfflineModel_withBothCallsAudited() {
        String run = Api.newRun();
        stub.then(recorded("intake-malformed.json"), recorded("intake-prose.json"));

        JsonPath note = addNote(run, NOTE);

        assertThat(note.getString("model")).startsWith("offline:");
        assertThat(note.getString("fallbackReason")).contains("malformed");
        assertThat(note.getList("observations.code")).contains("AUDIBLE_WHINE_TURBOPUMP");
        quotesAreInTheNote(note, NOTE);
        assertThat(llmCalls(run)).extracting(c -> payload(c).get("outcome")).containsExactly("MALFORMED", "MALFORMED");
        assertThat(stub.requests().get(1)).as("the retry names the problem").contains("JSON");
    }

    @Test
    void aHallucinatedCodeIsDroppedAndShownAsDropped() {
        String run = Api.newRun();
        stub.then(recorded("intake-hallucinated-code.json"));

        JsonPath note = addNote(run, NOTE);

        assertThat(note.getString("model")).isEqualTo(STUB_MODEL);
        assertThat(note.getList("observations.code")).containsExactly("AUDIBLE_WHINE_TURBOPUMP");
        assertThat(note.getList("dropped.code")).containsExactly("TURBOPUMP_BEARING_FAILURE");
        assertThat(note.getString("dropped[0].reason")).contains("vocabulary");
        assertThat(payload(llmCalls(run).get(0))).containsEntry("outcome", "ACCEPTED_WITH_DROPS");
        given().get("/api/v1/runs/{id}/notes", run).then().statusCode(200)
                .body("[0].dropped[0].code", org.hamcrest.Matchers.equalTo("TURBOPUMP_BEARING_FAILURE"));
    }

    @Test
    void aQuoteThatIsNotInTheNoteIsDropped_noStoredObservationCarriesOne() {
        String run = Api.newRun();
        stub.then(recorded("intake-quote-not-in-note.json"));

        JsonPath note = addNote(run, NOTE);

        assertThat(note.getList("dropped.code")).contains("AUDIBLE_WHINE_TURBOPUMP");
        assertThat(note.getList("dropped.reason").toString()).contains("not in the note");
        quotesAreInTheNote(note, NOTE);
        assertThat(note.getList("observations.quote.text").toString()).doesNotContain("twelve seconds in");
    }

    @Test
    void aSlowAnswerIsCutAtTheDeadline_theOfflineModelAnswers_andTheLateCallIsAuditedAsTimedOut() throws Exception {
        String run = Api.newRun();
        // The answer would come 10 minutes late: an offline answer with "timed out" and a TIMED_OUT call
        // can only come from the deadline (no elapsed-time assertion: the suite runs on loaded machines).
        stub.then(hang(Duration.ofMinutes(10), OpenAiStub.recordedText("intake-good.json")));

        long start = System.nanoTime();
        JsonPath note;
        try {
            note = addNote(run, NOTE);
        } finally {
            stub.releaseHung();
        }
        System.out.printf("slow provider: note answered after %d ms (deadline %s)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), OpenAiStubResource.DEADLINE);

        assertThat(note.getString("model")).startsWith("offline:");
        assertThat(note.getString("fallbackReason")).contains("timed out");
        assertThat(awaitLlmCalls(run, 1)).singleElement().satisfies(c -> assertThat(payload(c)).containsEntry("outcome", "TIMED_OUT"));
    }

    @Test
    void aServerErrorFallsBackToTheOfflineModel_afterTheClientsOneTransportRetry() {
        String run = Api.newRun();
        stub.then(status(500), status(500));

        JsonPath note = addNote(run, NOTE);

        assertThat(note.getString("model")).startsWith("offline:");
        assertThat(note.getString("fallbackReason")).contains("provider failed");
        assertThat(stub.requests()).as("LlmClient's one transport retry; the provider client itself retries nothing").hasSize(2);
        assertThat(llmCalls(run)).singleElement().satisfies(c -> {
            assertThat(payload(c)).containsEntry("outcome", "PROVIDER_ERROR");
            assertThat(payload(c).get("error")).asString().isNotBlank();
        });
    }

    @Test
    void theCircuitBreakerOpensOnAFailureRateOverItsWindow_notOnTwoFailures() {
        String run = Api.newRun();
        stub.then(status(500), status(500), status(500), status(500), recorded("intake-good.json"));
        for (int i = 0; i < 2; i++) {
            assertThat(addNote(run, NOTE).getString("fallbackReason")).contains("provider failed");
        }
        assertThat(addNote(run, NOTE).getString("model")).as("two failures do not open the breaker")
                .isEqualTo("openai:" + OpenAiStub.MODEL);

        int failing = GuardedChatModel.WINDOW - 3;
        for (int i = 0; i < 2 * failing; i++) {
            stub.then(status(500));
        }
        stub.then(recorded("intake-good.json"));
        for (int i = 0; i < failing; i++) {
            assertThat(addNote(run, NOTE).getString("fallbackReason")).contains("provider failed");
        }
        int before = stub.requests().size();

        JsonPath next = addNote(run, NOTE);

        assertThat(next.getString("model")).startsWith("offline:");
        assertThat(next.getString("fallbackReason")).contains("CircuitBreakerOpenException");
        assertThat(stub.requests()).as("the open breaker kept the call from the provider").hasSize(before);
    }

    // --- explanations and hypotheses ---------------------------------------------------------------

    /** A run whose rules isolated bearing wear (TP-001); no ROUTE event. */
    static String bearingWearRun() {
        String run = Api.newRun();
        postCsv(run, CAGE_RISING.csv(0, 600)).statusCode(200);
        return run;
    }

    void route(String run, boolean in) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("score", 0.8);
        ev.put("pValue", in ? 0.42 : 0.0004);
        ev.put("threshold", 1.9);
        ev.put("topFeatures", List.of("relMean(VIB_CAGE)"));
        QuarkusTransaction.requiringNew().run(() -> events.append(UUID.fromString(run), List.of(new Event(12.0,
                EventType.ROUTE, in ? "IN_DISTRIBUTION" : "OUT_OF_DISTRIBUTION", Severity.WATCH, null, List.of(),
                in ? "Advisory: pattern inside the validated distribution" : "Rules authoritative: pattern outside",
                ev)), "test-route"));
    }

    /** Claims citing {@code F}, the prompt id of the run's TP_BEARING_WEAR finding. */
    static final String GOOD_OOD_EXPLANATION = """
            {"claims": [
              {"text": "Rule TP-001 concluded TP_BEARING_WEAR on VIB_CAGE.", "cites": ["F"]},
              {"text": "The VIB_CAGE line stood above its band while the other lines stayed normal.", "cites": ["F"]}]}
            """;

    static final String HALLUCINATED_EXPLANATION = """
            {"claims": [
              {"text": "The same pattern fits REGEN_JACKET_LEAK.", "cites": ["F"]},
              {"text": "JACKET_DP averaged 3.24 MPa against 2.97 expected.", "cites": ["F"]},
              {"text": "Abort the test now and do not continue.", "cites": ["F"]}]}
            """;

    /** The explanation prompt's id ({@code E<n>}) of the run's first TP_BEARING_WEAR finding. */
    static String findingPromptId(String run) {
        List<Map<String, Object>> all = given().queryParam("limit", 10_000).get("/api/v1/runs/{id}/events", run)
                .then().statusCode(200).extract().jsonPath().getList("$");
        for (int i = 0; i < all.size(); i++) {
            if ("FINDING".equals(all.get(i).get("type")) && "TP_BEARING_WEAR".equals(all.get(i).get("code"))) {
                return "E" + (i + 1);
            }
        }
        throw new AssertionError("no TP_BEARING_WEAR finding in run " + run);
    }

    @Test
    void aGroundedExplanationFromTheModelIsShownWithItsModelAndGuardrailVerdict() {
        String run = bearingWearRun();
        stub.then(content(GOOD_OOD_EXPLANATION.replace("\"F\"", "\"" + findingPromptId(run) + "\"")));

        JsonPath x = given().get("/api/v1/runs/{id}/explanation", run).then().statusCode(200).extract().jsonPath();

        assertThat(x.getString("source")).isEqualTo("llm");
        assertThat(x.getString("model")).isEqualTo(STUB_MODEL);
        assertThat(x.getString("route")).isEqualTo("NONE");
        assertThat(x.getString("guardrail")).startsWith("every claim passed");
        assertThat(x.getString("llmText")).isEqualTo("Rule TP-001 concluded TP_BEARING_WEAR on VIB_CAGE. "
                + "The VIB_CAGE line stood above its band while the other lines stayed normal.");
        assertThat(x.getString("whatHappened")).as("the diagnosis parts are the rule trace's").contains("the rules found TP_BEARING_WEAR");
        assertThat(x.getList("rules", String.class)).contains("TP-001");
        assertThat(payload(llmCalls(run).get(0))).containsEntry("purpose", "EXPLANATION").containsEntry("outcome", "ACCEPTED");

        // the same explanation again is served from the cache: no second paid call
        JsonPath again = given().get("/api/v1/runs/{id}/explanation", run).then().statusCode(200).extract().jsonPath();
        assertThat(again.getString("llmText")).isEqualTo(x.getString("llmText"));
        assertThat(stub.requests()).hasSize(1);
        // a new event invalidates it: the model is asked again
        route(run, true);
        stub.then(content(GOOD_OOD_EXPLANATION.replace("\"F\"", "\"" + findingPromptId(run) + "\"")));
        given().get("/api/v1/runs/{id}/explanation", run).then().statusCode(200).body("source", org.hamcrest.Matchers.equalTo("llm"));
        assertThat(stub.requests()).hasSize(2);
        // every call's latency is recorded
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .containsPattern("hotfire_llm_latency_seconds_count\\{[^}]*outcome=\"ACCEPTED\"[^}]*\\} [1-9]");
    }

    @Test
    void aHallucinatedCodeOrNumberNeverReachesTheReader_oneRetryThenTheTemplate() {
        String run = bearingWearRun();
        String answer = HALLUCINATED_EXPLANATION.replace("\"F\"", "\"" + findingPromptId(run) + "\"");
        stub.then(content(answer), content(answer));

        String body = given().get("/api/v1/runs/{id}/explanation", run).then().statusCode(200).extract().asString();
        JsonPath x = JsonPath.from(body);

        assertThat(x.getString("source")).isEqualTo("template");
        assertThat(x.getString("fallbackReason")).contains("guardrails").contains("audit log");
        assertThat(body).doesNotContain("REGEN_JACKET_LEAK").doesNotContain("3.24").doesNotContain("2.97")
                .doesNotContain("Abort the test");
        assertThat(x.getString("llmText")).isNull();
        assertThat(llmCalls(run)).extracting(c -> payload(c).get("outcome"))
                .containsExactly("REJECTED_BY_GUARDRAIL", "REJECTED_BY_GUARDRAIL");
        assertThat(payload(llmCalls(run).get(0)).get("guardrail").toString()).contains("REGEN_JACKET_LEAK");
        assertThat(stub.requests().get(1)).as("the retry names the violation").contains("REGEN_JACKET_LEAK");
    }

    @Test
    void outOfDistributionOrWithoutARouteTheModelIsNeverAskedForHypotheses() {
        String run = bearingWearRun();
        given().get("/api/v1/runs/{id}/hypotheses", run).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SUPPRESSED_OUT_OF_DISTRIBUTION"))
                .body("route", org.hamcrest.Matchers.equalTo("NONE"))
                .body("hypotheses.size()", org.hamcrest.Matchers.equalTo(0));
        route(run, false);
        given().get("/api/v1/runs/{id}/hypotheses", run).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("SUPPRESSED_OUT_OF_DISTRIBUTION"))
                .body("route", org.hamcrest.Matchers.equalTo("OUT_OF_DISTRIBUTION"));
        assertThat(stub.requests()).as("the model is never asked for hypotheses")
                .noneMatch(r -> r.contains("You advise test engineers"));
        assertThat(llmCalls(run)).isEmpty();
    }

    @Test
    void inDistributionTheModelMayOfferCatalogueHypotheses_apartFromTheFindingsAndWithoutSeverity() {
        String run = bearingWearRun();
        route(run, true);
        stub.then(content("""
                {"hypotheses": [{"code": "TP_BEARING_WEAR", "reason": "VIB_CAGE rose alone, which TP-001 reads as TP_BEARING_WEAR.", "confidence": 0.6}]}
                """));

        JsonPath h = given().get("/api/v1/runs/{id}/hypotheses", run).then().statusCode(200).extract().jsonPath();

        assertThat(h.getString("status")).isEqualTo("OFFERED");
        assertThat(h.getString("route")).isEqualTo("IN_DISTRIBUTION");
        assertThat(h.getBoolean("advisory")).isTrue();
        assertThat(h.getString("model")).isEqualTo(STUB_MODEL);
        assertThat(h.getList("hypotheses.code")).containsExactly("TP_BEARING_WEAR");
        assertThat(h.getMap("hypotheses[0]")).containsOnlyKeys("code", "reason", "confidence");
        assertThat(payload(llmCalls(run).get(0))).containsEntry("purpose", "HYPOTHESES");
    }

    @Test
    void hypothesesOutsideTheCatalogueAreRefused() {
        String run = bearingWearRun();
        route(run, true);
        String made = """
                {"hypotheses": [{"code": "TURBOPUMP_GREMLINS", "reason": "VIB_CAGE rose.", "confidence": 0.9}]}
                """;
        stub.then(content(made), content(made));

        JsonPath h = given().get("/api/v1/runs/{id}/hypotheses", run).then().statusCode(200).extract().jsonPath();

        assertThat(h.getString("status")).isEqualTo("REJECTED");
        assertThat(h.getList("hypotheses")).isEmpty();
    }

    // --- a hung provider --------------------------------------------------------------------------

    @Test
    void aHungProviderDelaysNoFinding_andEveryLlmAnswerFallsBackAtTheDeadline() throws Exception {
        String explained = bearingWearRun();
        for (int i = 0; i < 10; i++) {
            stub.then(hang(Duration.ofMinutes(10), GOOD_OOD_EXPLANATION));
        }
        ExecutorService pool = Executors.newFixedThreadPool(7);
        try {
            List<Callable<JsonPath>> asks = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                asks.add(() -> given().get("/api/v1/runs/{id}/explanation", explained).then().statusCode(200).extract().jsonPath());
            }
            asks.add(() -> addNote(explained, NOTE));
            long askStart = System.nanoTime();
            List<Future<JsonPath>> answers = new ArrayList<>();
            for (Callable<JsonPath> a : asks) {
                answers.add(pool.submit(a));
            }

            // Meanwhile a new run is ingested and diagnosed.
            String run = Api.newRun();
            long ingestStart = System.nanoTime();
            postCsv(run, CAGE_RISING.csv(0, 600)).statusCode(200);
            long ingestMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ingestStart);
            List<Map<String, Object>> findings = given().queryParam("type", "FINDING").get("/api/v1/runs/{id}/events", run)
                    .then().statusCode(200).extract().jsonPath().getList("$");
            assertThat(findings).extracting(f -> f.get("code")).contains("TP_BEARING_WEAR");

            List<JsonPath> results = new ArrayList<>();
            // Ingestion and diagnosis finished with the provider hung (it would answer in 10 minutes).
            for (Future<JsonPath> f : answers) {
                results.add(f.get(5, TimeUnit.MINUTES));
            }
            long askMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - askStart);
            System.out.printf("hung provider: ingest of 600 frames took %d ms; 7 LLM requests all answered in %d ms%n",
                    ingestMs, askMs);
            // Every caller was answered long before the 10-minute hang ends: each by its deadline or at once.
            for (int i = 0; i < 6; i++) {
                assertThat(results.get(i).getString("source")).isEqualTo("template");
                assertThat(results.get(i).getString("fallbackReason")).containsAnyOf("timed out", "busy");
            }
            assertThat(results.get(6).getString("model")).startsWith("offline:");
            assertThat(results.stream().map(r -> r.getString("fallbackReason")).filter(r -> r.contains("busy")))
                    .as("2 workers + 2 queued: the rest fall back at once").isNotEmpty();
        } finally {
            pool.shutdownNow();
            stub.releaseHung();
            awaitQuietProvider();
        }
    }
}
