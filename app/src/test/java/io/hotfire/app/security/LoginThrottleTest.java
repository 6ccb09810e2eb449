package io.hotfire.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The password throttle on a clock the test moves: no waiting, no race with the wall clock. */
class LoginThrottleTest {

    /** A clock that only moves when told. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-03T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    final TestClock clock = new TestClock();
    final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottle.Settings(5, 20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1), 1000), clock);

    void fail(String user, String address, int times) {
        for (int i = 0; i < times; i++) {
            assertThat(throttle.waitBefore(user, address)).as("attempt %d may be checked", i + 1).isZero();
            throttle.failed(user, address);
        }
    }

    @Test
    void fourFailuresCostNothing_theFifthMakesTheUserWaitOneSecondAtThatAddress() {
        fail("engineer", "10.0.0.9", 4);
        assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isZero();
        throttle.failed("engineer", "10.0.0.9");
        assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofMillis(400));
        assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void theWaitDoublesWithEveryFurtherFailureUpToTheCap() {
        fail("engineer", "10.0.0.9", 5);
        long[] expected = {2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900};
        for (long seconds : expected) {
            clock.advance(throttle.waitBefore("engineer", "10.0.0.9"));
            throttle.failed("engineer", "10.0.0.9");
            assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isEqualTo(Duration.ofSeconds(seconds));
        }
    }

    @Test
    void attemptsRefusedDuringTheWaitDoNotProlongIt_andTheRightPasswordGetsInAfterIt() {
        fail("engineer", "10.0.0.9", 5);
        // The provider refuses these before checking the password, so nothing is counted.
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isPositive();
        }
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isZero();
        throttle.succeeded("engineer", "10.0.0.9");
        // A success starts the user's count at that address again: five more free failures.
        fail("engineer", "10.0.0.9", 4);
        assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isZero();
    }

    @Test
    void theSameUserFromAnotherAddressIsNotAffected() {
        fail("engineer", "203.0.113.7", 5);
        for (int i = 0; i < 7; i++) {
            clock.advance(throttle.waitBefore("engineer", "203.0.113.7"));
            throttle.failed("engineer", "203.0.113.7");
        }
        assertThat(throttle.waitBefore("engineer", "203.0.113.7")).isPositive();
        assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isZero();
    }

    @Test
    void anotherUserAtTheSameAddressIsNotAffected_untilTheAddressHasFailedTwentyTimes() {
        fail("engineer", "10.0.0.9", 5);
        assertThat(throttle.waitBefore("lead", "10.0.0.9")).isZero();
        // One address guessing many names: 20 failures in all (5 above) make every name wait there.
        for (int i = 0; i < 15; i++) {
            assertThat(throttle.waitBefore("user" + i, "10.0.0.9")).isZero();
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.waitBefore("lead", "10.0.0.9")).isPositive();
        assertThat(throttle.waitBefore("lead", "10.0.0.10")).isZero();
    }

    @Test
    void countsFadeAfterAnHourWithoutFailures() {
        fail("engineer", "10.0.0.9", 4);
        clock.advance(Duration.ofHours(1));
        throttle.failed("engineer", "10.0.0.9");
        assertThat(throttle.waitBefore("engineer", "10.0.0.9")).as("the old four are forgotten").isZero();
    }

    @Test
    void aFloodOfNamesAndAddressesStaysWithinTheKeyBound_andKeepsTheBlockingKeys() {
        fail("engineer", "10.0.0.9", 5);
        for (int i = 0; i < 5000; i++) {
            throttle.failed("name" + i, "198.51.100." + (i % 250) + "." + i);
        }
        assertThat(throttle.size()).isLessThanOrEqualTo(1001);
        assertThat(throttle.waitBefore("engineer", "10.0.0.9")).isPositive();
    }
}
