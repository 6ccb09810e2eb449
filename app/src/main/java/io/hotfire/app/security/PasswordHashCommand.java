package io.hotfire.app.security;

import io.hotfire.pipeline.cli.Cli;
import io.quarkus.elytron.security.common.BcryptUtil;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hash-password [--cost N]}: reads a password (from the terminal without echo, else the
 * first line of standard input) and prints its bcrypt hash for
 * {@code hotfire.auth.local.users.<name>.password-hash}. Runs without starting the server.
 */
@Command(name = PasswordHashCommand.NAME, header = "print the bcrypt hash of a password for a local-mode user", sortOptions = false,
        description = "Read a password (from the terminal without echo, else the first line of standard input) and print its"
                + " bcrypt hash, for hotfire.auth.local.users.<name>.password-hash.")
public final class PasswordHashCommand implements Callable<Integer> {

    public static final String NAME = "hash-password";
    static final int DEFAULT_COST = 12;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    @Option(names = "--cost", paramLabel = "N", defaultValue = "" + DEFAULT_COST,
            description = "bcrypt cost, 4 to 31 (default ${DEFAULT-VALUE})")
    int cost;

    private final Console console;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public PasswordHashCommand(Console console, InputStream in, PrintStream out, PrintStream err) {
        this.console = console;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The command alone, as {@code hotfire hash-password ARGS} runs it. */
    public static int run(List<String> args, Console console, InputStream in, PrintStream out, PrintStream err) {
        List<String> all = new ArrayList<>(List.of(NAME));
        all.addAll(args);
        return Cli.run(all, out, err, List.of(new PasswordHashCommand(console, in, out, err)));
    }

    @Override
    public Integer call() {
        if (cost < 4 || cost > 31) {
            err.println(NAME + ": --cost must be an integer from 4 to 31 (usage: " + NAME + " [--cost N])");
            return 2;
        }
        String password;
        if (console != null) {
            char[] typed = console.readPassword("password: ");
            password = typed == null ? null : new String(typed);
        } else {
            try {
                password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                err.println(NAME + ": cannot read standard input: " + e.getMessage());
                return 1;
            }
        }
        if (password == null || password.isEmpty()) {
            err.println(NAME + ": empty password");
            return 1;
        }
        out.println(BcryptUtil.bcryptHash(password, cost));
        return 0;
    }
}
