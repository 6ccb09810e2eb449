package io.hotfire.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server as a child process; start-up time is spawn to "Listening on". */
final class Server implements AutoCloseable {
    final Process process;
    final int port;
    final Path dir;
    final long startMillis;

    private Server(Process process, int port, Path dir, long startMillis) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.startMillis = startMillis;
    }

    static Server start(Path dir, Map<String, String> env) throws Exception {
        int port = Broker.freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + System.getProperty("appHeap", "1g"), "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp"))));
        String extra = System.getProperty("appJavaOpts", "");
        if (!extra.isBlank()) {
            // e.g. -DappJavaOpts=-XX:StartFlightRecording=filename=app.jfr,settings=profile to profile the server
            cmd.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", LoadBenchmark.JAR.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().put("HOTFIRE_DOMAINS_DIR", LoadBenchmark.DOMAINS.toString());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        Path log = dir.resolve("out.log");
        while (true) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            if (out.contains("Listening on")) {
                return new Server(p, port, dir, (System.nanoTime() - t0) / 1_000_000);
            }
            if (!p.isAlive() || out.contains("Failed to start")) {
                throw new IllegalStateException("server did not start:\n" + out);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
