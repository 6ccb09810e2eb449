package io.hotfire.bench.load;

import java.util.Locale;

/** CPU seconds of server, PostgreSQL and this harness between two snapshots. */
record Cpu(double server, double postgres, double harness) {

    /** CPU seconds used so far by a process and its descendants (Linux /proc via ProcessHandle). */
    private static double cpu(ProcessHandle p) {
        double total = p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        return total + p.descendants().mapToDouble(d -> d.info().totalCpuDuration().map(x -> x.toNanos() / 1e9).orElse(0.0)).sum();
    }

    /** The PostgreSQL postmaster of the benchmark's data directory (its backends are its children). */
    private static ProcessHandle postmaster() {
        String data = LoadBenchmark.WORK.resolve("pgdata").toString();
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(data)).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no postmaster for " + data));
    }

    static Cpu of(Server s) {
        double self = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        return new Cpu(cpu(s.process.toHandle()), cpu(postmaster()), self);
    }

    Cpu minus(Cpu o) {
        return new Cpu(server - o.server, postgres - o.postgres, harness - o.harness);
    }

    String per(double millionSamples) {
        return String.format(Locale.ROOT, "CPU per million samples: server %.2f s, PostgreSQL %.2f s, load generator %.2f s",
                server / millionSamples, postgres / millionSamples, harness / millionSamples);
    }
}
