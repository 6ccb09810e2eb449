package io.hotfire.app;

import io.hotfire.pipeline.cli.Cli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point of the packaged application. {@code serve} alone (or no argument) starts the server
 * and runs until stopped; anything else is parsed by the picocli command line of {@link Cli}
 * (replay, rules, ..., {@code hash-password}, {@code serve --help}), run without starting the
 * server, the database, Flyway or CDI.
 */
@QuarkusMain
public class HotfireMain implements QuarkusApplication {

    public static void main(String... args) {
        // The compiled rule base is kept per rule-set version (and code), so a start does not compile the DRL again.
        if (System.getProperty(io.hotfire.rules.engine.RuleBaseCache.PROPERTY) == null) {
            System.setProperty(io.hotfire.rules.engine.RuleBaseCache.PROPERTY,
                    io.hotfire.pipeline.DefaultModel.cacheDir().resolve("rules").toString());
        }
        if (args.length == 0 || args.length == 1 && args[0].equals("serve")) {
            Quarkus.run(HotfireMain.class, args);
            return;
        }
        offlineLogging(System.getenv("HOTFIRE_LOG_LEVEL"));
        System.exit(Cli.run(List.of(args), System.out, System.err, commands(System.out, System.err)));
    }

    /** The app's own commands for {@link Cli}: {@code serve}, {@code hash-password}, {@code keycloak}. */
    static List<Object> commands(java.io.PrintStream out, java.io.PrintStream err) {
        return LauncherCommands.all(() -> Quarkus.run(HotfireMain.class), System.console(), System.in, out, err);
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
