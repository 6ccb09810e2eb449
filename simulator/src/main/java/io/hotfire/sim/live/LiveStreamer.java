package io.hotfire.sim.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotfire.domain.profile.EngineProfile;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.sim.twin.SimulatedRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Streams a simulated run into the ingestion API as a test stand would, in real time:
 * {@code POST {base}/api/v1/runs} with {@code {"engine","testId","metadata"}} (the answer's
 * {@code id} names the run), then {@code POST {base}/api/v1/runs/{id}/frames} with
 * {@code {"frames":[{"seq","t","values":{id: value}}]}} every 100 ms (5 frames at 50 Hz). A dead
 * (NaN) reading is left out of {@code values}. {@code speed} > 1 replays faster than real time.
 */
public final class LiveStreamer {

    /** A request the server refused or that could not be made. */
    public static final class LiveException extends IOException {
        private final int status;

        public LiveException(String message, int status) {
            super(message);
            this.status = status;
        }

        /** HTTP status, or 0 if there was no answer. */
        public int status() {
            return status;
        }
    }

    /** Progress callback: frames sent so far and the server's run id. */
    public interface Progress {
        void sent(String runId, long frames, double t);
    }

    static final double BATCH_SECONDS = 0.1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final double speed;
    private final HttpClient http;
    private final LongSupplier nanoClock;

    /**
     * @param base  server root, e.g. {@code http://localhost:8080}
     * @param token bearer token, or null
     * @param user  {@code user:password} for basic auth, or null
     * @param speed 1 = real time, 10 = ten times faster
     */
    public LiveStreamer(URI base, String token, String user, double speed) {
        if (speed <= 0) {
            throw new IllegalArgumentException("speed must be > 0, got " + speed);
        }
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        if (token != null && user != null) {
            throw new IllegalArgumentException("give a bearer token or a user, not both");
        }
        if (token != null) {
            this.authorization = "Bearer " + token;
        } else if (user != null) {
            if (!user.contains(":")) {
                throw new IllegalArgumentException("user must be user:password");
            }
            this.authorization = "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        } else {
            this.authorization = null;
        }
        this.speed = speed;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.nanoClock = System::nanoTime;
    }

    /** Creates the run on the server and streams every frame; returns the server's run id. */
    public String stream(SimulatedRun run, EngineProfile profile, String testId, ObjectNode metadata, Progress progress)
            throws IOException, InterruptedException {
        ObjectNode create = JSON.createObjectNode();
        create.put("engine", profile.id());
        create.put("testId", testId);
        create.set("metadata", metadata == null ? JSON.createObjectNode() : metadata);
        JsonNode answer = post("/api/v1/runs", create);
        JsonNode idNode = answer == null ? null : answer.get("id");
        if (idNode == null || idNode.isNull() || idNode.asText().isBlank()) {
            throw new LiveException("POST " + base + "/api/v1/runs answered without an \"id\": " + shorten(String.valueOf(answer)), 0);
        }
        String id = idNode.asText();
        int perBatch = Math.max(1, (int) Math.round(profile.sampleRateHz() * BATCH_SECONDS));
        List<Frame> frames = run.frames();
        List<String> ids = profile.sensorIds();
        double period = profile.samplePeriod();
        long start = nanoClock.getAsLong();
        for (int from = 0; from < frames.size(); from += perBatch) {
            int to = Math.min(frames.size(), from + perBatch);
            // A batch leaves when its last sample has happened.
            double due = (frames.get(to - 1).t() + period) / speed;
            long waitNanos = start + (long) (due * 1e9) - nanoClock.getAsLong();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
            ObjectNode body = JSON.createObjectNode();
            ArrayNode arr = body.putArray("frames");
            for (int k = from; k < to; k++) {
                Frame f = frames.get(k);
                ObjectNode fo = arr.addObject();
                fo.put("seq", f.seq());
                fo.put("t", f.t());
                ObjectNode values = fo.putObject("values");
                double[] v = f.values();
                for (int i = 0; i < v.length; i++) {
                    if (!Double.isNaN(v[i])) {
                        values.put(ids.get(i), v[i]);
                    }
                }
            }
            post("/api/v1/runs/" + id + "/frames", body);
            if (progress != null) {
                progress.sent(id, to, frames.get(to - 1).t());
            }
        }
        return id;
    }

    private JsonNode post(String path, ObjectNode body) throws IOException, InterruptedException {
        URI uri = URI.create(base + path);
        HttpRequest.Builder req = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        HttpResponse<String> res;
        try {
            res = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LiveException("POST " + uri + " failed: " + e.getMessage(), 0);
        }
        int status = res.statusCode();
        if (status < 200 || status >= 300) {
            String hint = status == 401 ? " (unauthenticated: give --token or --user)"
                    : status == 403 ? " (this user may not ingest runs)" : "";
            throw new LiveException("POST " + uri + " answered " + status + hint + ": " + shorten(res.body()), status);
        }
        String text = res.body();
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 197) + "..." : one;
    }
}
