package io.hotfire.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** VmRSS of a process every 250 ms. */
final class RssSampler {
    private final List<Double> mb = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread thread;

    RssSampler(long pid) {
        thread = LoadBenchmark.started(() -> {
            Path status = Path.of("/proc", Long.toString(pid), "status");
            while (!stop.get()) {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            mb.add(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                        }
                    }
                    Thread.sleep(250);
                } catch (Exception e) {
                    return;
                }
            }
        });
    }

    void stop() throws InterruptedException {
        stop.set(true);
        thread.join();
    }

    double maxMb() {
        return mb.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    double medianMb() {
        return LoadBenchmark.median(new ArrayList<>(mb));
    }
}
