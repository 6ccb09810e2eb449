package io.hotfire.app;

import io.hotfire.pipeline.cli.Cli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;

/**
 * Entry point of the packaged application. {@code serve} (or no argument) starts the server and
 * runs until stopped; any other first argument is an offline command of {@link Cli} (replay,
 * rules, ...), run without starting the server, the database or Flyway.
 */
@QuarkusMain
public class HotfireMain implements QuarkusApplication {

    public static void main(String... args) {
        if (args.length == 0 || args[0].equals("serve")) {
            Quarkus.run(HotfireMain.class, args);
            return;
        }
        System.exit(Cli.run(List.of(args), System.out, System.err));
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
