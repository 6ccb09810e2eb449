package io.hotfire.llm.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.event.EventType;
import io.hotfire.domain.event.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Replay outputs ({@code ./hotfire replay}, one JSON event a line) of simulated GG-1 runs, kept in {@code runs/}. */
public final class Runs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Runs() {
    }

    public static List<Event> read(String name) {
        List<Event> out = new ArrayList<>();
        try (InputStream in = Runs.class.getResourceAsStream("/runs/" + name);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                List<String> rules = new ArrayList<>();
                n.get("rules").forEach(x -> rules.add(x.asText()));
                Map<String, Object> ev = JSON.convertValue(n.get("evidence"), new TypeReference<Map<String, Object>>() { });
                out.add(new Event(n.get("t").asDouble(), EventType.valueOf(n.get("type").asText()), n.get("code").asText(),
                        Severity.valueOf(n.get("severity").asText()), n.hasNonNull("sensor") ? n.get("sensor").asText() : null,
                        rules, n.get("message").asText(), ev));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The first event of a type with a code. */
    public static Event first(List<Event> events, EventType type, String code) {
        return events.stream().filter(e -> e.type() == type && e.code().equals(code)).findFirst().orElseThrow();
    }
}
