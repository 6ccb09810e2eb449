package io.hotfire.app;

import io.hotfire.app.security.PasswordHashCommand;
import io.hotfire.pipeline.cli.Cli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the packaged application. {@code serve} (or no argument) starts the server and
 * runs until stopped; any other first argument is an offline command of {@link Cli} (replay,
 * rules, ...), run without starting the server, the database or Flyway; {@code hash-password}
 * prints a bcrypt hash for a local-mode user.
 */
@QuarkusMain
public class HotfireMain implements QuarkusApplication {

    public static void main(String... args) {
        if (args.length == 0 || args[0].equals("serve")) {
            Quarkus.run(HotfireMain.class, args);
            return;
        }
        offlineLogging(System.getenv("HOTFIRE_LOG_LEVEL"));
        if (args[0].equals(PasswordHashCommand.NAME)) {
            System.exit(PasswordHashCommand.run(List.of(args).subList(1, args.length), System.console(), System.in, System.out, System.err));
        }
        System.exit(Cli.run(List.of(args), System.out, System.err));
    }

    /**
     * Offline commands run without Quarkus, so its logging configuration is never applied and the
     * JBoss LogManager would pass every library's DEBUG line (Drools, DJL) to stderr. They log at
     * WARN unless {@code HOTFIRE_LOG_LEVEL} (ERROR, WARN, INFO, DEBUG, TRACE) says otherwise; stdout
     * stays the command's output.
     */
    static void offlineLogging(String level) {
        Level jul = switch (level == null ? "WARN" : level.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "ERROR" -> Level.SEVERE;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.FINE;
            case "TRACE" -> Level.FINEST;
            default -> Level.WARNING;
        };
        Logger root = Logger.getLogger("");
        root.setLevel(jul);
        for (Handler h : root.getHandlers()) {
            h.setLevel(jul);
        }
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }
}
