package io.hotfire.pipeline.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal {@code --name value} / {@code --flag} parsing with clear errors. */
final class Options {

    final Map<String, String> values = new HashMap<>();
    final List<String> positional = new ArrayList<>();

    static Options parse(List<String> args, Set<String> withValue, Set<String> flags) {
        Options o = new Options();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (withValue.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    o.values.put(name, value);
                } else if (flags.contains(name) && value == null) {
                    o.values.put(name, "true");
                } else {
                    throw new IllegalArgumentException("unknown option " + name);
                }
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    String get(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }
}
