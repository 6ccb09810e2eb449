package io.hotfire.llm.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenAI-compatible HTTP server on the loopback interface that replays recorded
 * {@code /v1/chat/completions} answers in order: assistant contents from
 * {@code src/test/resources/stub/}, an HTTP error, or a hung answer (held for up to 30 s or
 * until {@link #close()}). This module's tests reach it through LangChain4j's own OpenAI client
 * ({@link #chatModel()}); the app's tests, through this module's test jar, via quarkus-langchain4j-openai.
 */
public final class OpenAiStub implements AutoCloseable {

    public static final String MODEL = "gpt-4o-mini-2024-07-18";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer. */
    public sealed interface Reply permits Content, Status, Hang {
    }

    record Content(String content) implements Reply {
    }

    record Status(int code, String body) implements Reply {
    }

    record Hang(Duration longest, String content) implements Reply {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "openai-stub");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch release = new CountDownLatch(1);

    public OpenAiStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** The recorded assistant content {@code stub/<name>}. */
    public static Reply recorded(String name) {
        try (InputStream in = OpenAiStub.class.getResourceAsStream("/stub/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded answer stub/" + name);
            }
            return new Content(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded assistant content {@code stub/<name>} as text. */
    public static String recordedText(String name) {
        return ((Content) recorded(name)).content();
    }

    public static Reply content(String content) {
        return new Content(content);
    }

    public static Reply status(int code) {
        return new Status(code, "{\"error\":{\"message\":\"upstream model crashed\",\"type\":\"server_error\"}}");
    }

    /** Answers only after {@code longest} (or when the stub closes). */
    public static Reply hang(Duration longest, String content) {
        return new Hang(longest, content);
    }

    public OpenAiStub then(Reply... r) {
        replies.addAll(List.of(r));
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The request bodies received, in order. */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** LangChain4j's OpenAI client against this stub; no client-side retries, so the stub sees every call. */
    public ChatModel chatModel() {
        return OpenAiChatModel.builder()
                .baseUrl(baseUrl())
                .apiKey("test-key")
                .modelName("gpt-4o-mini")
                .timeout(Duration.ofSeconds(60))
                .maxRetries(0)
                .build();
    }

    /** Forgets unused scripted answers and the requests seen (a stub shared by several tests). */
    public void reset() {
        replies.clear();
        synchronized (requests) {
            requests.clear();
        }
    }

    /** Lets hung answers go; later hangs wait again. */
    public void releaseHung() {
        CountDownLatch old = release;
        release = new CountDownLatch(1);
        old.countDown();
    }

    private void handle(HttpExchange x) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(body);
        Reply r = replies.poll();
        if (r == null) {
            r = new Status(500, "{\"error\":{\"message\":\"the stub has no scripted answer left\"}}");
        }
        try {
            if (r instanceof Status s) {
                send(x, s.code(), s.body());
            } else if (r instanceof Hang h) {
                release.await(h.longest().toMillis(), TimeUnit.MILLISECONDS);
                send(x, 200, envelope(h.content()));
            } else if (r instanceof Content c) {
                send(x, 200, envelope(c.content()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (it timed out): nothing to answer
        } finally {
            x.close();
        }
    }

    private static String envelope(String content) throws IOException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", "stop");
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", "chatcmpl-stub");
        root.put("object", "chat.completion");
        root.put("created", 1_764_000_000L);
        root.put("model", MODEL);
        root.put("choices", List.of(choice));
        root.put("usage", Map.of("prompt_tokens", 812, "completion_tokens", 64, "total_tokens", 876));
        return JSON.writeValueAsString(root);
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
