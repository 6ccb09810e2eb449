package io.hotfire.app.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The application's one {@link LoginThrottle}, on the system clock. */
@ApplicationScoped
public class LoginThrottles {

    @Produces
    @Singleton
    LoginThrottle throttle(SecurityConfig config) {
        SecurityConfig.Throttle t = config.throttle();
        return new LoginThrottle(new LoginThrottle.Settings(t.freeFailures(), t.addressFreeFailures(), t.firstDelay(),
                t.maxDelay(), t.forgetAfter(), t.maxKeys()), Clock.systemUTC());
    }
}
