package io.hotfire.app.telemetry;

import static io.hotfire.app.support.Api.storedFrames;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotfire.app.security.Roles;
import io.hotfire.app.support.Api;
import io.hotfire.app.support.Telemetry;
import io.hotfire.domain.profile.SensorSpec;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of both ingestion endpoints: valid batches mutated (truncated, spliced, bytes
 * flipped, hostile tokens such as 1e999, deep nesting, BOMs, CR, duplicate columns inserted) and
 * sent with right and wrong content types. Whatever arrives: never a 5xx, every rejection is a
 * problem document, and the stored frame count moves by exactly the accepted count (so by nothing
 * when rejected). Seed and rounds: system properties hotfire.fuzz.seed / hotfire.fuzz.rounds.
 */
@QuarkusTest
@TestSecurity(user = "test-engineer", roles = Roles.ENGINEER)
class HostileInputTest {

    private static final long SEED = Long.getLong("hotfire.fuzz.seed", 20_261_127L);
    private static final int ROUNDS = Integer.getInteger("hotfire.fuzz.rounds", 200);
    private static final List<SensorSpec> SENSORS = Telemetry.GG1.sensors();

    private static final String[] TOKENS = {
        "1e999", "-1e999", "1e-999", "NaN", "Infinity", "-0", "null", "true", "\"9.7\"", "{}", "[]", "\"", ",", ",,,",
        "\uFEFF", "\r", "\r\n", "\n\n", "\t", "\\", "\\u0000", "seq", "t", "PC_A", "PC_A,PC_A", "t,t", "PC_Q", ":", "{\"a\":",
        "0x1p3", "1d", "١", "\u0000", "9".repeat(1200), "[".repeat(3000), "{\"x\":".repeat(2000),
    };
    private static final String[] CONTENT_TYPES = {
        "text/plain", "application/xml", "application/octet-stream", "multipart/form-data; boundary=x", "text/csv; charset=utf-16",
        "application/json; charset=latin1", "*/*", "garbage",
    };

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void hostileJsonNeverCausesA5xxOrAPartialWrite() throws Exception {
        fuzz(false);
    }

    @Test
    void hostileCsvNeverCausesA5xxOrAPartialWrite() throws Exception {
        fuzz(true);
    }

    private void fuzz(boolean csv) throws Exception {
        Random rnd = new Random(SEED + (csv ? 1 : 0));
        String run = null;
        long nextSeq = 0;
        int before = 0;
        int accepted = 0;
        int rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            if (round % 60 == 0) {
                run = Api.newRun();
                nextSeq = 0;
                before = 0;
            }
            long seq = rnd.nextInt(4) == 0 ? Math.max(0, nextSeq - 1 - rnd.nextInt(3)) : nextSeq;
            byte[] body = mutate(csv ? csvBatch(rnd, seq) : jsonBatch(rnd, seq), rnd);
            String type = rnd.nextInt(10) == 0 ? CONTENT_TYPES[rnd.nextInt(CONTENT_TYPES.length)] : (csv ? "text/csv" : "application/json");
            HttpResponse<String> response = post(run, csv, type, body);
            String what = "round " + round + " (seed " + SEED + "), " + type + ": " + show(body) + " -> " + response.statusCode() + " " + response.body();

            int status = response.statusCode();
            assertThat(status).as(what).isBetween(200, 499);
            int after = storedFrames(run);
            if (status == 200) {
                JsonPath result = JsonPath.from(response.body());
                assertThat(after).as(what).isEqualTo(before + result.getInt("accepted"));
                if (result.get("lastSeq") != null) {
                    nextSeq = result.getLong("lastSeq") + 1;
                }
                accepted++;
            } else {
                assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what).startsWith(Api.PROBLEM);
                assertThat(after).as(what).isEqualTo(before);
                rejected++;
            }
            before = after;
        }
        assertThat(accepted).as("batches accepted").isPositive();
        assertThat(rejected).as("batches rejected").isPositive();
    }

    private HttpResponse<String> post(String run, boolean csv, String type, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/runs/" + run + (csv ? "/csv" : "/frames")))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] jsonBatch(Random rnd, long firstSeq) {
        StringBuilder b = new StringBuilder("{\"frames\":[");
        int n = 1 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("{\"seq\":").append(firstSeq + i).append(",\"t\":").append((firstSeq + i) * 0.02)
                    .append(",\"values\":{");
            List<SensorSpec> some = some(rnd);
            for (int s = 0; s < some.size(); s++) {
                b.append(s == 0 ? "" : ",").append('"').append(some.get(s).id()).append("\":").append(reading(rnd, some.get(s), "null"));
            }
            b.append("}}");
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] csvBatch(Random rnd, long firstSeq) {
        List<SensorSpec> some = some(rnd);
        StringBuilder b = new StringBuilder("seq,t");
        some.forEach(s -> b.append(',').append(s.id()));
        b.append('\n');
        int n = 1 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            b.append(firstSeq + i).append(',').append((firstSeq + i) * 0.02);
            some.forEach(s -> b.append(',').append(reading(rnd, s, rnd.nextBoolean() ? "" : "NaN")));
            b.append('\n');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<SensorSpec> some(Random rnd) {
        List<SensorSpec> some = new ArrayList<>();
        for (SensorSpec s : SENSORS) {
            if (rnd.nextInt(4) == 0) {
                some.add(s);
            }
        }
        return some;
    }

    /** Mostly a plausible reading, sometimes missing or far outside the span (data, not an error). */
    private static String reading(Random rnd, SensorSpec s, String missing) {
        return switch (rnd.nextInt(8)) {
            case 0 -> missing;
            case 1 -> Double.toString(s.span().high() * 10 + 1);
            default -> Double.toString(s.nominal() + s.noise() * rnd.nextGaussian());
        };
    }

    private static byte[] mutate(byte[] valid, Random rnd) {
        byte[] body = valid;
        int times = rnd.nextInt(4); // 0: the valid batch itself
        for (int i = 0; i < times; i++) {
            body = mutateOnce(body, rnd);
        }
        return body;
    }

    private static byte[] mutateOnce(byte[] in, Random rnd) {
        int at = in.length == 0 ? 0 : rnd.nextInt(in.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (rnd.nextInt(7)) {
            case 0 -> out.write(in, 0, at); // truncated
            case 1 -> { // a slice removed
                int end = Math.min(in.length, at + 1 + rnd.nextInt(20));
                out.write(in, 0, at);
                out.write(in, end, in.length - end);
            }
            case 2 -> { // random bytes inserted
                out.write(in, 0, at);
                for (int k = rnd.nextInt(6); k >= 0; k--) {
                    out.write(rnd.nextInt(256));
                }
                out.write(in, at, in.length - at);
            }
            case 3, 4 -> { // a hostile token inserted
                out.write(in, 0, at);
                out.writeBytes(TOKENS[rnd.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                out.write(in, at, in.length - at);
            }
            case 5 -> { // a slice repeated (duplicate columns, keys, lines)
                int end = Math.min(in.length, at + 1 + rnd.nextInt(40));
                out.write(in, 0, end);
                out.write(in, at, end - at);
                out.write(in, end, in.length - end);
            }
            default -> { // something else entirely
                String[] whole = {"", "\uFEFF", "{}", "[]", "null", "{\"frames\":null}", "{\"frames\":{}}", "t\n", "\r\n\r\n", "[".repeat(100_000)};
                out.writeBytes(whole[rnd.nextInt(whole.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static String show(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n");
        return s.length() <= 400 ? s : s.substring(0, 400) + "...(" + body.length + " bytes)";
    }
}
