package io.hotfire.sim.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hotfire.sim.Gg1;
import io.hotfire.sim.cli.SimulateCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams runs into a tiny in-test server that speaks the ingestion API contract. */
class LiveStreamerTest {

    static {
        // The JDK test server otherwise waits on delayed ACKs (~40 ms per request on loopback).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private record Request(String method, String path, String authorization, JsonNode body, long atNanos) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private volatile int createStatus = 201;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/runs", this::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] in = ex.getRequestBody().readAllBytes();
        JsonNode body = in.length == 0 ? null : json.readTree(in);
        String path = ex.getRequestURI().getPath();
        requests.add(new Request(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Authorization"), body, System.nanoTime()));
        byte[] answer;
        int status;
        if (path.equals("/api/v1/runs")) {
            status = createStatus;
            answer = status == 201 ? "{\"id\":\"run-42\",\"engine\":\"gg1\"}".getBytes(StandardCharsets.UTF_8)
                    : "{\"error\":\"nope\"}".getBytes(StandardCharsets.UTF_8);
        } else {
            status = 202;
            answer = "{\"accepted\":5}".getBytes(StandardCharsets.UTF_8);
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, answer.length);
        ex.getResponseBody().write(answer);
        ex.close();
    }

    private int simulate(ByteArrayOutputStream out, ByteArrayOutputStream err, String... extra) {
        List<String> args = new ArrayList<>(List.of("--live", base, "--duration", "8", "--throttle", "80", "--speed", "20",
                "--seed", "3", "--domains", Gg1.domainsDir().toString()));
        args.addAll(List.of(extra));
        return SimulateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void aLiveRunCreatesTheRunThenPostsFiveFrameBatchesInOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(simulate(out, err, "--token", "s3cret", "--test-id", "TS-7")).as(err.toString()).isZero();

        Request create = requests.get(0);
        assertThat(create.method()).isEqualTo("POST");
        assertThat(create.path()).isEqualTo("/api/v1/runs");
        assertThat(create.authorization()).isEqualTo("Bearer s3cret");
        assertThat(create.body().get("engine").asText()).isEqualTo("gg1");
        assertThat(create.body().get("testId").asText()).isEqualTo("TS-7");
        assertThat(create.body().get("metadata").isObject()).isTrue();
        assertThat(create.body().get("metadata").has("faults")).as("no ground truth goes to the server").isFalse();

        List<Request> batches = requests.subList(1, requests.size());
        assertThat(batches).hasSize(80);
        long seq = 0;
        for (Request b : batches) {
            assertThat(b.path()).isEqualTo("/api/v1/runs/run-42/frames");
            assertThat(b.authorization()).isEqualTo("Bearer s3cret");
            JsonNode frames = b.body().get("frames");
            assertThat(frames).hasSize(5);
            for (JsonNode f : frames) {
                assertThat(f.get("seq").asLong()).isEqualTo(seq);
                assertThat(f.get("t").asDouble()).isCloseTo(seq * 0.02, within(1e-9));
                assertThat(f.get("values").size()).isEqualTo(Gg1.profile().sensors().size());
                assertThat(f.get("values").has("PC_A")).isTrue();
                seq++;
            }
        }
        assertThat(out.toString()).contains("streamed run run-42 (400 frames)");
    }

    @Test
    void batchesArePacedByTheSampleClock() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long before = System.nanoTime();
        assertThat(simulate(out, new ByteArrayOutputStream())).isZero();
        long last = requests.get(requests.size() - 1).atNanos();
        // 8 s of data at 20x speed in 80 batches of 0.1 s: the last batch is due 79 x 5 ms = 0.395 s after
        // the streamer's clock starts, which is after `before`, and nothing arrives before it is sent. So
        // this lower bound holds however loaded the machine; no upper bound is asserted, since how much
        // later batches arrive depends on the load (a 2 s bound failed at load 34, and bounds between two
        // received batches failed when the first one arrived late).
        assertThat((last - before) / 1e9).isGreaterThanOrEqualTo(0.37);
    }

    @Test
    void basicAuthIsSentForAUser() {
        assertThat(simulate(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "--user", "stand:pw")).isZero();
        String expected = "Basic " + Base64.getEncoder().encodeToString("stand:pw".getBytes(StandardCharsets.UTF_8));
        assertThat(requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(expected));
    }

    @Test
    void aDeadReadingIsLeftOutOfTheValues() {
        assertThat(simulate(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "--sensor-fault", "DEAD:T_WALL@5")).isZero();
        JsonNode lastBatch = requests.get(requests.size() - 1).body().get("frames");
        assertThat(lastBatch.get(4).get("values").has("T_WALL")).isFalse();
        assertThat(lastBatch.get(4).get("values").has("PC_A")).isTrue();
    }

    @Test
    void aRefusedRunStopsWithTheServerStatus() {
        createStatus = 401;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(simulate(new ByteArrayOutputStream(), err)).isEqualTo(SimulateCommand.SERVER);
        assertThat(err.toString()).contains("401", "--token");
        assertThat(requests).hasSize(1);
    }

    @Test
    void anUnreachableServerIsReported() {
        server.stop(0);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(simulate(new ByteArrayOutputStream(), err)).isEqualTo(SimulateCommand.SERVER);
        assertThat(err.toString()).contains("failed");
    }
}
