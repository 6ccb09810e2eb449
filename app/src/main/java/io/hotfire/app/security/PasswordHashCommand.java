package io.hotfire.app.security;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code hash-password [--cost N]}: reads a password (from the terminal without echo, else the
 * first line of standard input) and prints its bcrypt hash for
 * {@code hotfire.auth.local.users.<name>.password-hash}. Runs without starting the server.
 */
public final class PasswordHashCommand {

    public static final String NAME = "hash-password";
    static final int DEFAULT_COST = 12;

    private PasswordHashCommand() {
    }

    public static int run(List<String> args, Console console, InputStream in, PrintStream out, PrintStream err) {
        int cost = DEFAULT_COST;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--cost") && i + 1 < args.size()) {
                try {
                    cost = Integer.parseInt(args.get(++i));
                } catch (NumberFormatException e) {
                    cost = -1;
                }
                if (cost < 4 || cost > 31) {
                    err.println(NAME + ": --cost must be an integer from 4 to 31");
                    return 2;
                }
            } else {
                err.println("usage: " + NAME + " [--cost N]   (reads the password from the terminal or standard input)");
                return 2;
            }
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
