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
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/json").header("Authorization", INGEST)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
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

    static int intMember(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
