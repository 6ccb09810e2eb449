package io.hotfire.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's offline commands log at WARN by default: a replay's stderr holds no DEBUG or
 * INFO line (it once held some 1,600 DEBUG lines of Drools and DJL), and stdout only the events.
 */
class OfflineLoggingIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    private static final Path DOMAINS = Path.of(System.getProperty("hotfire.domains.dir", "../domains")).toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void aReplayLogsNothingBelowWarnOnStderr() throws Exception {
        Path runs = dir.resolve("runs");
        Process sim = run("sim", "simulate", "--out", runs.toString(), "--fault", "GG_FUEL_STARVATION@6", "--throttle", "60",
                "--duration", "12");
        assertThat(sim.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(sim.exitValue()).as(Files.readString(dir.resolve("sim.err"))).isZero();

        Process replay = run("replay", "replay", runs.resolve("single").resolve("gg-fuel-starvation-0001.csv").toString());
        assertThat(replay.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("replay.err"));
        assertThat(replay.exitValue()).as(err).isZero();
        assertThat(Files.readString(dir.resolve("replay.out"))).contains("\"type\":\"ABORT\"");
        assertThat(err.lines().filter(l -> l.contains("DEBUG") || l.contains("INFO") || l.contains("TRACE")).toList())
                .as("stderr of the replay:%n%s", err).isEmpty();
    }

    private Process run(String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")), "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().put("HOTFIRE_DOMAINS_DIR", DOMAINS.toString());
        pb.environment().remove("HOTFIRE_LOG_LEVEL");
        Process p = pb.start();
        return p;
    }
}
