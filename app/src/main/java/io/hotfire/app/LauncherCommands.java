package io.hotfire.app;

import io.hotfire.app.llm.IntakeCommand;
import io.hotfire.app.security.PasswordHashCommand;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The commands of the packaged application next to the pipeline's offline ones: {@code serve}
 * (the server), {@code hash-password}, {@code keycloak} (run by the {@code ./hotfire}
 * launcher, listed here so that {@code hotfire help} names every command) and {@code intake} (which needs the
 * LLM bridge, which the pipeline's command line does not depend on).
 */
final class LauncherCommands {

    private LauncherCommands() {
    }

    static List<Object> all(Runnable serve, Console console, InputStream in, PrintStream out, PrintStream err) {
        return List.of(new Serve(serve), new PasswordHashCommand(console, in, out, err), new Keycloak(err), new IntakeCommand(out, err));
    }

    @Command(name = "serve", header = "serve the API and the console on :8080 (the default command)", description = {"Serve the API and the console (default command). Configured by the environment:"
            + " HOTFIRE_AUTH_MODE (local | oidc), HOTFIRE_DB_KIND (h2 | postgresql), HOTFIRE_DB_URL, HOTFIRE_DOMAINS_DIR, and Quarkus properties"
            + " as -D options in JAVA_OPTS (e.g. -Dquarkus.http.port=8080). See app/README.md."})
    static final class Serve implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;

        private final Runnable start;

        Serve(Runnable start) {
            this.start = start;
        }

        @Override
        public Integer call() {
            start.run();
            return 0;
        }
    }

    @Command(name = "keycloak", header = "start a development Keycloak with the hotfire realm on :8180", description = {"Start a development Keycloak with the hotfire realm on :8180 (for"
            + " HOTFIRE_AUTH_MODE=oidc). Run by the ./hotfire launcher (scripts/keycloak.sh), not by the jar."})
    static final class Keycloak implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;

        @Option(names = "--fresh", description = "forget the realm's state and import the realm file again")
        boolean fresh;

        private final PrintStream err;

        Keycloak(PrintStream err) {
            this.err = err;
        }

        @Override
        public Integer call() {
            err.println("keycloak: run it with ./hotfire keycloak (scripts/keycloak.sh); the application jar does not start Keycloak");
            return 1;
        }
    }
}
