package io.hotfire.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The benchmark's HTTP calls to the server under test: create a run, post frames, read a member of the answer. */
final class ServerHttp {

    static final String INGEST = "Basic " + Base64.getEncoder().encodeToString("ingest:ingest-dev".getBytes(StandardCharsets.UTF_8));
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerHttp() {
    }

    static String createRun(int port) {
        String resp = send(port, "/api/v1/runs", "{\"engine\":\"gg1\",\"testId\":\"LOAD\"}".getBytes(StandardCharsets.UTF_8), 201);
        Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(resp);
        if (!m.find()) {
            throw new IllegalStateException(resp);
        }
        return m.group(1);
    }

    static String post(int port, String path, byte[] body) {
        return send(port, path, body, 200);
    }

    static String send(int port, String path, byte[] body, int status) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", INGEST)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), path, status);
    }

    /** A call as a local user (password {@code <user>-dev}); {@code body} null: GET. */
    static String as(String user, int port, String path, String body, int status) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-dev").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", auth);
        b = body == null ? b.GET() : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        return exchange(b.build(), path, status);
    }

    /** Sends {@code request} and returns the body, or fails naming {@code path} when the status is not {@code status}. */
    private static String exchange(HttpRequest request, String path, int status) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != status) {
                throw new IllegalStateException(path + " -> " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON string literal of {@code text}. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static String stringMember(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static int intMember(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
