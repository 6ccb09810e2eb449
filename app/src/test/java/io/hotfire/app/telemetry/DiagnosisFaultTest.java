package io.hotfire.app.telemetry;

import static io.hotfire.app.support.Api.postCsv;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Telemetry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Through the HTTP ingest path: a rule session that throws does not stop the run. The domains here
 * are the shipped ones plus a test rule whose consequence throws on window 40 (t ≈ 4.5 s); the
 * batch is still stored, a DIAGNOSIS_FAULT event and alarm say what happened, and the redline later
 * in the same run is still diagnosed.
 */
@QuarkusTest
@TestProfile(DiagnosisFaultTest.ThrowingRule.class)
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class DiagnosisFaultTest {

    /** The shipped domains, copied, with one extra GG-1 rule that throws. */
    public static class ThrowingRule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hotfire.domains.dir", domainsWithAThrowingRule().toString());
        }
    }

    static Path domainsWithAThrowingRule() {
        try {
            Path source = Path.of(System.getProperty("hotfire.domains.dir", "../domains")).toAbsolutePath();
            Path target = Files.createTempDirectory("hotfire-throwing-domains");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path to = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to);
                    }
                }
            }
            Files.writeString(target.resolve("gg1/rules/99-Throws.drl"), """
                    package io.hotfire.rules.test;
                    import io.hotfire.rules.fact.WindowInfo;
                    // Why: a test rule (DiagnosisFaultTest) whose consequence throws, to force a rule-session failure.
                    rule "XX-001 A test rule that throws on window 40"
                        @id("XX-001") @stage("99-test") @source("DiagnosisFaultTest")
                    when
                        WindowInfo( index == 40 )
                    then
                        throw new IllegalStateException("forced failure");
                    end
                    """);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both turbine inlet thermocouples past the 1050 K redline from t = 8 s: a real over-temperature. */
    private static final Telemetry HOT_TURBINE = Telemetry.nominal()
            .override("TIT_A", 8.0, t -> 1100 + 3 * Math.sin(37 * t))
            .override("TIT_B", 8.0, t -> 1102 + 3 * Math.cos(29 * t));

    @Test
    void aRuleSessionThatThrowsIsRebuilt_theBatchIsStored_andTheRunIsStillDiagnosed() {
        String run = Api.newRun();

        postCsv(run, HOT_TURBINE.csv(0, 300)).statusCode(200).body("accepted", equalTo(300));
        postCsv(run, HOT_TURBINE.csv(300, 600)).statusCode(200).body("accepted", equalTo(300));

        assertThat(Api.storedFrames(run)).isEqualTo(600);
        List<Map<String, Object>> faults = given().queryParam("type", "DIAGNOSIS_FAULT").get("/api/v1/runs/{id}/events", run)
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(faults).singleElement().satisfies(f -> {
            assertThat(f.get("rules")).isEqualTo(List.of("XX-001"));
            assertThat(f.get("message")).asString().contains("IllegalStateException", "window 40");
            assertThat(((Map<?, ?>) f.get("evidence")).get("exception")).isEqualTo("java.lang.IllegalStateException");
        });
        // After the failure the session goes on: the redline from 8 s still aborts.
        given().queryParam("type", "ABORT").get("/api/v1/runs/{id}/events", run).then().statusCode(200)
                .body("size()", equalTo(1));
        List<Map<String, Object>> alarms = given().get("/api/v1/runs/{id}/alarms", run).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertThat(alarms).extracting(a -> a.get("code")).contains("DIAGNOSIS_FAULT");
    }
}
