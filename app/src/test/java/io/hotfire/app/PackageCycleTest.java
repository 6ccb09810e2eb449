package io.hotfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package cycle in {@code app}: the packages under {@code io.hotfire.app} and what their main
 * sources name of each other (imports and fully qualified names) form a graph without a cycle,
 * so the ingest core ({@code ingest}) can be read, tested and changed without the HTTP side
 * ({@code telemetry}) that calls it. Reads the sources, so it needs no build or server.
 */
class PackageCycleTest {

    private static final Path MAIN = Path.of("src", "main", "java", "io", "hotfire", "app");
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\n]*", Pattern.DOTALL);
    private static final Pattern REF = Pattern.compile("\\bio\\.hotfire\\.app\\.([a-z]\\w*)\\.");

    static Map<String, Set<String>> graph() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(MAIN)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        for (Path f : files) {
            Path rel = MAIN.relativize(f.getParent());
            String pkg = rel.toString().isEmpty() ? "(root)" : rel.toString().replace('/', '.');
            Set<String> out = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = REF.matcher(COMMENT.matcher(Files.readString(f)).replaceAll(" "));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    out.add(m.group(1));
                }
            }
        }
        return uses;
    }

    @Test
    void thePackagesOfAppFormNoCycle() throws IOException {
        Map<String, Set<String>> g = graph();
        assertThat(g).containsKeys("ingest", "telemetry", "kafka", "console");
        List<List<String>> cycles = stronglyConnected(g).stream().filter(c -> c.size() > 1).toList();
        assertThat(cycles).as("package cycles (each a set of packages reaching each other); edges: %s", g).isEmpty();
    }

    @Test
    void theIngestCoreDoesNotKnowTheHttpOrKafkaSide() throws IOException {
        assertThat(graph().get("ingest")).doesNotContain("telemetry", "kafka", "console");
    }

    /** Tarjan's algorithm. */
    static List<List<String>> stronglyConnected(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : g.keySet()) {
            if (!index.containsKey(v)) {
                strong(v, g, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void strong(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : g.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                strong(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> c = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                c.add(w);
            } while (!w.equals(v));
            out.add(c);
        }
    }
}
