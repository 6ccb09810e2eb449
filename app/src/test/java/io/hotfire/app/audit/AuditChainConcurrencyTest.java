package io.hotfire.app.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Telemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Batches of different runs ingested at the same moment still leave one linear, verifiable chain. */
@QuarkusTest
@TestSecurity(user = "test-engineer", roles = {Roles.ENGINEER, Roles.AUDITOR})
class AuditChainConcurrencyTest {

    private static final int RUNS = 6;
    private static final int BATCHES = 4;

    @Test
    void concurrentIngestionKeepsTheChainLinearAndIntact() throws Exception {
        long before = given().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath().getLong("headSeq");
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(Api.newRun());
        }
        ExecutorService pool = Executors.newFixedThreadPool(RUNS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (String run : runs) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int b = 0; b < BATCHES; b++) {
                        Api.postCsv(run, Telemetry.nominal().seed(run.hashCode()).csv(b * 150, (b + 1) * 150)).statusCode(200);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        JsonPath v = given().get("/api/v1/audit/verify").then().statusCode(200).extract().jsonPath();
        assertThat(v.getBoolean("ok")).as(v.prettify()).isTrue();
        assertThat(v.getLong("checked")).isEqualTo(v.getLong("headSeq"));
        for (String run : runs) {
            List<Object> batches = given().queryParam("run", run).queryParam("action", "ingest.batch").get("/api/v1/audit")
                    .then().extract().jsonPath().getList("items");
            assertThat(batches).hasSize(BATCHES);
        }
        List<Long> seqs = given().queryParam("after", before).queryParam("limit", 1000).get("/api/v1/audit")
                .then().extract().jsonPath().getList("items.seq", Long.class);
        for (int i = 1; i < seqs.size(); i++) {
            assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
        }
    }
}
