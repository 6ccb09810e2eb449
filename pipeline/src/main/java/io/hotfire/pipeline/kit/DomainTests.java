package io.hotfire.pipeline.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hotfire.domain.diagnosis.RunMonitor;
import io.hotfire.domain.event.Event;
import io.hotfire.domain.profile.DomainCatalog;
import io.hotfire.domain.telemetry.CsvFrameReader;
import io.hotfire.domain.telemetry.Frame;
import io.hotfire.pipeline.DiagnosisEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A domain's rule tests as data: every {@code domains/<id>/tests/*.yaml} names a CSV snippet
 * (in the profile's CSV format) and the events the rules must and must not produce on it.
 *
 * <pre>
 * name: a bubble at BP3 is located          # optional, defaults to the file name
 * csv: bubble-bp3.csv                        # relative to the tests folder
 * mustProduce: [FINDING:BUBBLE_BP3]          # TYPE or TYPE:CODE; CODE may be *
 * mustNotProduce: [ABORT, FINDING:VALVE_*]   # a trailing * matches any code with that prefix
 * </pre>
 */
public final class DomainTests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("name", "csv", "mustProduce", "mustNotProduce");

    /** One test's outcome; {@code problems} empty = passed. */
    public record Result(String file, String name, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private DomainTests() {
    }

    public static Path folder(DomainCatalog.Domain domain) {
        return domain.folder().resolve("tests");
    }

    /** Runs every test of the domain; a malformed test file is a failed result naming the field. */
    public static List<Result> run(DomainCatalog.Domain domain) {
        return run(domain, null);
    }

    /** As {@link #run(DomainCatalog.Domain)} with the domain's rules already compiled (null: compiled here). */
    public static List<Result> run(DomainCatalog.Domain domain, DiagnosisEngine compiled) {
        Path dir = folder(domain);
        List<Result> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        DiagnosisEngine engine = files.isEmpty() ? null : compiled != null ? compiled : DiagnosisEngine.load(domain, true);
        for (Path f : files) {
            out.add(runOne(engine, domain, f));
        }
        return out;
    }

    private static Result runOne(DiagnosisEngine engine, DomainCatalog.Domain domain, Path file) {
        String fn = domain.folder().relativize(file).toString();
        JsonNode n;
        try {
            n = YAML.readTree(file.toFile());
        } catch (IOException e) {
            return new Result(fn, fn, List.of("not valid YAML: " + e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            return new Result(fn, fn, List.of("must be a mapping with csv, mustProduce, mustNotProduce"));
        }
        List<String> problems = new ArrayList<>();
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                problems.add(k + ": unknown key; use name, csv, mustProduce or mustNotProduce");
            }
        });
        String name = n.path("name").asText(file.getFileName().toString());
        if (!n.path("csv").isTextual()) {
            problems.add("csv: required, the snippet's file name relative to tests/");
            return new Result(fn, name, problems);
        }
        List<String> must = patterns(n, "mustProduce", problems);
        List<String> mustNot = patterns(n, "mustNotProduce", problems);
        if (must.isEmpty() && mustNot.isEmpty()) {
            problems.add("mustProduce / mustNotProduce: a test must expect something");
        }
        if (!problems.isEmpty()) {
            return new Result(fn, name, problems);
        }
        Path csv = file.getParent().resolve(n.get("csv").asText());
        List<Event> events = new ArrayList<>();
        try (var r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                RunMonitor m = engine.open("test:" + name)) {
            for (Frame f : new CsvFrameReader(domain.profile()).read(r, 0)) {
                events.addAll(m.accept(f));
            }
        } catch (IOException e) {
            return new Result(fn, name, List.of("csv: " + csv + " cannot be read (" + e.getMessage() + ")"));
        } catch (RuntimeException e) {
            return new Result(fn, name, List.of("csv: " + e.getMessage()));
        }
        for (String p : must) {
            if (events.stream().noneMatch(e -> matches(p, e))) {
                problems.add("expected " + p + " but the rules produced " + summary(events));
            }
        }
        for (String p : mustNot) {
            events.stream().filter(e -> matches(p, e)).findFirst().ifPresent(e -> problems.add(
                    "must not produce " + p + " but produced " + e.type() + ":" + e.code() + " at t = " + e.t()
                            + " (rules " + e.rules() + ")"));
        }
        return new Result(fn, name, problems);
    }

    private static List<String> patterns(JsonNode n, String key, List<String> problems) {
        JsonNode a = n.get(key);
        List<String> out = new ArrayList<>();
        if (a == null || a.isNull()) {
            return out;
        }
        if (!a.isArray()) {
            problems.add(key + ": must be a list of TYPE or TYPE:CODE");
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            String p = a.get(i).asText("");
            String type = p.contains(":") ? p.substring(0, p.indexOf(':')) : p;
            try {
                io.hotfire.domain.event.EventType.valueOf(type);
            } catch (IllegalArgumentException e) {
                problems.add(key + "[" + i + "]: unknown event type '" + type + "'; use one of "
                        + List.of(io.hotfire.domain.event.EventType.values()));
                continue;
            }
            out.add(p);
        }
        return out;
    }

    static boolean matches(String pattern, Event e) {
        int colon = pattern.indexOf(':');
        String type = colon < 0 ? pattern : pattern.substring(0, colon);
        if (!e.type().name().equals(type)) {
            return false;
        }
        if (colon < 0) {
            return true;
        }
        String code = pattern.substring(colon + 1);
        String actual = e.code() == null ? "" : e.code();
        return code.endsWith("*") ? actual.startsWith(code.substring(0, code.length() - 1)) : actual.equals(code);
    }

    private static String summary(List<Event> events) {
        List<String> s = events.stream().map(e -> e.type() + ":" + e.code()).distinct().toList();
        return s.isEmpty() ? "nothing" : s.size() > 12 ? s.subList(0, 12) + " ..." : s.toString();
    }
}
