package io.hotfire.app.security;

import java.time.Duration;

/**
 * A sign-in refused before its password was checked, because of earlier failures (answered 429 with
 * Retry-After by {@link LoginThrottledHandler}). Travels as the cause of an AuthenticationFailedException
 * (a final class), so that anything else still sees an ordinary failed sign-in.
 */
public class LoginThrottledException extends RuntimeException {

    private final long retryAfterSeconds;

    public LoginThrottledException(Duration wait) {
        super("too many failed sign-ins from this address: try again in " + seconds(wait) + " s");
        this.retryAfterSeconds = seconds(wait);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long seconds(Duration wait) {
        long s = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}
