package io.hotfire.sim.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The parsed command line of {@code simulate}: every option, checked alone and against the others. */
final class SimulateOptions {
    boolean help;
    String out;
    String layout;
    int runs;
    long seed = 42;
    boolean seedGiven;
    double duration;
    String throttle;
    final List<String> faults = new ArrayList<>();
    final List<String> sensorFaults = new ArrayList<>();
    String scenario;
    Double loxInlet;
    Double fuelInlet;
    String unitOffset;
    Double noiseScale;
    Set<String> holdOut;
    String engine = "gg1";
    String domains;
    int threads = 2;
    boolean force;
    String live;
    String token;
    String user;
    String testId;
    double speed = 1.0;

    /** The options that take a value (every case of {@link #set}). */
    private static final Set<String> WITH_VALUE = Set.of("--out", "--layout", "--runs", "--seed",
            "--duration", "--throttle", "--fault", "--sensor-fault", "--scenario", "--lox-inlet", "--fuel-inlet",
            "--unit-offset", "--noise-scale", "--hold-out", "--engine", "--domains", "--threads", "--live", "--token",
            "--user", "--test-id", "--speed");

    static SimulateOptions parse(List<String> args) {
        SimulateOptions o = new SimulateOptions();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--help", "-h" -> o.help = true;
                case "--force" -> o.force = true;
                default -> {
                    if (!a.startsWith("--")) {
                        throw new IllegalArgumentException("unexpected argument '" + a + "'");
                    }
                    if (!WITH_VALUE.contains(a)) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new IllegalArgumentException(a + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    o.set(a, value);
                }
            }
        }
        o.check();
        return o;
    }

    private void set(String name, String v) {
        switch (name) {
            case "--out" -> out = v;
            case "--layout" -> {
                if (!"standard".equals(v)) {
                    throw new IllegalArgumentException("--layout knows only 'standard', got '" + v + "'");
                }
                layout = v;
            }
            case "--runs" -> runs = positiveInt(name, v);
            case "--seed" -> {
                try {
                    seed = Long.parseLong(v.trim());
                    seedGiven = true;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--seed must be a whole number, got '" + v + "'");
                }
            }
            case "--duration" -> {
                duration = number(v, "--duration");
                if (duration <= 0) {
                    throw new IllegalArgumentException("--duration must be > 0, got " + v);
                }
            }
            case "--throttle" -> throttle = v;
            case "--fault" -> faults.add(v);
            case "--sensor-fault" -> sensorFaults.add(v);
            case "--scenario" -> scenario = v;
            case "--lox-inlet" -> loxInlet = number(v, "--lox-inlet");
            case "--fuel-inlet" -> fuelInlet = number(v, "--fuel-inlet");
            case "--unit-offset" -> unitOffset = v;
            case "--noise-scale" -> {
                noiseScale = number(v, "--noise-scale");
                if (!(noiseScale > 0) || noiseScale > 10) {
                    throw new IllegalArgumentException("--noise-scale must lie in (0, 10], got " + v);
                }
            }
            case "--hold-out" -> {
                holdOut = new LinkedHashSet<>();
                if (!"none".equalsIgnoreCase(v.trim())) {
                    for (String c : v.split(",")) {
                        if (!c.isBlank()) {
                            holdOut.add(c.trim().toUpperCase(Locale.ROOT));
                        }
                    }
                }
            }
            case "--engine" -> engine = v;
            case "--domains" -> domains = v;
            case "--threads" -> threads = positiveInt(name, v);
            case "--live" -> live = v;
            case "--token" -> token = v;
            case "--user" -> user = v;
            case "--test-id" -> testId = v;
            case "--speed" -> {
                speed = number(v, "--speed");
                if (speed <= 0) {
                    throw new IllegalArgumentException("--speed must be > 0, got " + v);
                }
            }
            default -> throw new IllegalArgumentException("unknown option " + name);
        }
    }

    private void check() {
        if (help) {
            return;
        }
        if (layout != null) {
            Optional<String> clash = Stream.of(
                    throttle != null ? "--throttle" : null, !faults.isEmpty() ? "--fault" : null,
                    !sensorFaults.isEmpty() ? "--sensor-fault" : null, scenario != null ? "--scenario" : null,
                    live != null ? "--live" : null, loxInlet != null ? "--lox-inlet" : null,
                    fuelInlet != null ? "--fuel-inlet" : null, unitOffset != null ? "--unit-offset" : null,
                    noiseScale != null ? "--noise-scale" : null)
                    .filter(x -> x != null).findFirst();
            if (clash.isPresent()) {
                throw new IllegalArgumentException("--layout builds its own runs; drop " + clash.get());
            }
            if (out == null) {
                throw new IllegalArgumentException("--layout needs --out DIR");
            }
        }
        if (scenario != null) {
            Optional<String> clash = Stream.of(
                    throttle != null ? "--throttle" : null, !faults.isEmpty() ? "--fault" : null,
                    !sensorFaults.isEmpty() ? "--sensor-fault" : null, loxInlet != null ? "--lox-inlet" : null,
                    fuelInlet != null ? "--fuel-inlet" : null, unitOffset != null ? "--unit-offset" : null,
                    noiseScale != null ? "--noise-scale" : null)
                    .filter(x -> x != null).findFirst();
            if (clash.isPresent()) {
                throw new IllegalArgumentException("--scenario defines the run; drop " + clash.get() + " (put it in the file)");
            }
        }
        if ((token != null || user != null || testId != null) && live == null) {
            throw new IllegalArgumentException("--token, --user and --test-id only go with --live");
        }
        if (token != null && user != null) {
            throw new IllegalArgumentException("give --token or --user, not both");
        }
        if (user != null && !user.contains(":")) {
            throw new IllegalArgumentException("--user must be USER:PASSWORD");
        }
        if (live != null) {
            URI u;
            try {
                u = URI.create(live);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--live must be a URL, got '" + live + "'");
            }
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException("--live must be an http(s) URL, got '" + live + "'");
            }
        }
    }

    /** {@code s} as a finite number, or an error naming {@code what}. */
    static double number(String s, String what) {
        try {
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a number, got '" + s + "'");
        }
    }

    private static int positiveInt(String name, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number > 0, got '" + v + "'");
        }
    }
}
