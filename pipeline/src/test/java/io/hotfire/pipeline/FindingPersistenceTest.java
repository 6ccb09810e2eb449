package io.hotfire.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotfire.pipeline.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A fault that goes on stays diagnosed, and the recommendation with it. Found replaying twin runs away from the throttle
 * the catalogue scenarios use (85 %): at full power a LOX line leak's CRITICAL finding cleared 3 s after it was made and
 * REDUCE THROTTLE relaxed to CONTINUE while the injector pressure kept falling; at 60 % a turbine efficiency loss was
 * found for one window and then not at all, with TIT 57 K high. Both rules read a "≈" of FAULTS.md as "in band".
 */
class FindingPersistenceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The twin shuts a 40 s run down at 38.5 s. */
    static final double SHUTDOWN_T = 38.5;

    @ParameterizedTest(name = "{0} at {1} % power")
    @CsvSource({
        // FD-004 read "flow ≈" as "flow in band": at full power the flowmeter sags out of it and the finding cleared
        "LOX_LINE_LEAK,           100, LOX_LINE_LEAK@15:5,          20",
        // TB-001 read "jacket ΔP normal" as "in band": at 60 % it sags out of it, and the finding came 10-25 s late and
        // flickered (seven seeds; with seed 42 it came at 38 s, 0.5 s before shutdown)
        "TURBINE_EFFICIENCY_LOSS, 60,  TURBINE_EFFICIENCY_LOSS@12:5, 20",
        // the conductor reduces throttle as recommended: while the engine settled the steady-state rules could not
        // judge, every such finding cleared and the recommendation said CONTINUE for 2 s, the fault unchanged
        "REGEN_JACKET_LEAK,       '90,75@22', REGEN_JACKET_LEAK@12, 18",
        "OX_INJECTOR_BLOCKAGE,    '90,75@22', OX_INJECTOR_BLOCKAGE@12, 16",
    })
    void aFaultThatGoesOn_isFoundAfterItsRamp_staysFoundUntilShutdown_andTheRecommendationNeverRelaxesBeforeItClears(
            String code, String throttle, String fault, double foundBy, @TempDir Path dir) throws IOException {
        List<JsonNode> events = simulateAndReplay(dir, "--throttle", throttle, "--fault", fault);

        List<JsonNode> found = of(events, "FINDING", code);
        List<JsonNode> cleared = of(events, "CLEAR", code);
        assertThat(found).as("found once, in %s", events).hasSize(1);
        double foundAt = found.get(0).get("t").asDouble();
        assertThat(foundAt).as("found by %s s", foundBy).isLessThanOrEqualTo(foundBy);
        assertThat(cleared).as("cleared only after the shutdown at %s s", SHUTDOWN_T)
                .allSatisfy(c -> assertThat(c.get("t").asDouble()).isGreaterThan(SHUTDOWN_T));
        double clearedAt = cleared.isEmpty() ? Double.MAX_VALUE : cleared.get(0).get("t").asDouble();
        for (JsonNode r : of(events, "RECOMMENDATION", null)) {
            double t = r.get("t").asDouble();
            if (t >= foundAt && t < clearedAt) {
                assertThat(r.get("code").asText()).as("recommendation at %s while %s stands", t, code).isIn("REDUCE_THROTTLE", "ABORT");
            }
        }
    }

    private static List<JsonNode> of(List<JsonNode> events, String type, String code) {
        return events.stream().filter(e -> e.get("type").asText().equals(type) && (code == null || e.get("code").asText().equals(code)))
                .toList();
    }

    private static List<JsonNode> simulateAndReplay(Path dir, String... scenario) throws IOException {
        List<String> sim = new ArrayList<>(List.of("simulate", "--out", dir.toString(), "--seed", "42", "--duration", "40"));
        sim.addAll(List.of(scenario));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Cli.run(sim, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path csv;
        try (Stream<Path> s = Files.walk(dir)) {
            csv = s.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Cli.run(List.of("replay", csv.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }
}
