package io.hotfire.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHashCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        return PasswordHashCommand.run(List.of(args), null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsABcryptHashThatMatchesThePasswordReadFromStandardInput() {
        int code = run("correct horse battery\n", "--cost", "5");

        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(code).isZero();
        assertThat(hash).startsWith("$2a$05$").hasSize(60);
        assertThat(BcryptUtil.matches("correct horse battery", hash)).isTrue();
        assertThat(BcryptUtil.matches("correct horse", hash)).isFalse();
    }

    @Test
    void anEmptyPasswordIsRefused() {
        assertThat(run("\n")).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("empty password");
    }

    @Test
    void aBadCostOrUnknownOptionIsAUsageError() {
        assertThat(run("pw\n", "--cost", "99")).isEqualTo(2);
        assertThat(run("pw\n", "--rounds", "5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--cost").contains("usage");
    }
}
