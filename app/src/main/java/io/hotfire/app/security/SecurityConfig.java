package io.hotfire.app.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Browser-facing protections (app/README.md "Security"): cross-site request checks, the local sign-in throttle. */
@ConfigMapping(prefix = "hotfire.security")
public interface SecurityConfig {

    /**
     * Origins ({@code scheme://host[:port]}) besides the server's own whose pages may send
     * state-changing requests, e.g. the public address of a reverse proxy that terminates TLS.
     */
    Optional<List<String>> allowedOrigins();

    /** Encrypts local mode's console session cookie; unset: random per process (sessions end with it). From the environment only. */
    Optional<String> sessionSecret();

    Throttle throttle();

    /** Local mode's brake on password guessing ({@link LoginThrottle}). */
    interface Throttle {
        /** Off only for experiments. */
        @WithDefault("true")
        boolean enabled();

        /** Failed sign-ins of one user from one address before the first wait. */
        @WithDefault("5")
        int freeFailures();

        /** Failed sign-ins from one address, any user, before the first wait. */
        @WithDefault("20")
        int addressFreeFailures();

        /** The first wait; it doubles with every further failure. */
        @WithDefault("1s")
        Duration firstDelay();

        /** The longest wait. */
        @WithDefault("15m")
        Duration maxDelay();

        /** A count with no failure for this long starts again from zero. */
        @WithDefault("1h")
        Duration forgetAfter();

        /** Counted keys kept at most (memory bound under a flood of names or addresses). */
        @WithDefault("100000")
        int maxKeys();
    }
}
