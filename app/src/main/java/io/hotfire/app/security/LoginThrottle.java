package io.hotfire.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brakes password guessing in local mode: failed sign-ins are counted per (user, client address)
 * and per client address; once a count passes its free allowance, every further attempt on that
 * key is refused until a back-off has passed that doubles with each failure, up to a cap.
 *
 * <p>Why these keys: counting per user alone would let anyone lock the real user out from anywhere
 * (a denial of service); per (user, address), the real user signing in from another address is not
 * affected, and the per-address count stops one address from trying many user names. A success
 * clears the (user, address) count; the address count only fades ({@link Settings#forgetAfter()}),
 * so an attacker with one valid account cannot reset it. An attempt refused while a key is blocked is
 * not checked at all (no bcrypt), and does not count, so the right password gets in once the wait is over.
 *
 * <p>Plain class with an injectable {@link Clock}, so tests move time instead of waiting on it.
 */
public final class LoginThrottle {

    /**
     * @param freeFailures        failures per (user, address) before the first wait
     * @param addressFreeFailures failures per address (any user) before the first wait
     * @param firstDelay          the first wait; doubled with every further failure
     * @param maxDelay            the longest wait
     * @param forgetAfter         a key with no failure for this long starts again from zero
     * @param maxKeys             keys kept at most (unblocked, then oldest keys go first beyond it)
     */
    public record Settings(int freeFailures, int addressFreeFailures, Duration firstDelay, Duration maxDelay,
            Duration forgetAfter, int maxKeys) {

        public Settings {
            if (freeFailures < 1 || addressFreeFailures < 1 || maxKeys < 1) {
                throw new IllegalArgumentException("failure allowances and maxKeys must be at least 1");
            }
            if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0 || forgetAfter.compareTo(maxDelay) < 0) {
                throw new IllegalArgumentException("need 0 < firstDelay <= maxDelay <= forgetAfter");
            }
        }
    }

    private static final class Entry {
        int failures;
        Instant lastFailure;
        Instant blockedUntil = Instant.MIN;
    }

    private static final int MAX_NAME = 128;

    private final Settings settings;
    private volatile Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Tests only: replaces the clock. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** Tests only: forgets every count. */
    void reset() {
        entries.clear();
    }

    public Settings settings() {
        return settings;
    }

    /** How long this user must wait before trying from this address; {@link Duration#ZERO} if they may try now. */
    public Duration waitBefore(String user, String address) {
        Instant now = clock.instant();
        Duration a = remaining(userKey(user, address), now);
        Duration b = remaining(addressKey(address), now);
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Records a wrong password (or unknown user) from this address. */
    public void failed(String user, String address) {
        Instant now = clock.instant();
        if (entries.size() >= settings.maxKeys()) {
            prune(now);
        }
        count(userKey(user, address), settings.freeFailures(), now);
        count(addressKey(address), settings.addressFreeFailures(), now);
    }

    /** Records a successful sign-in: the (user, address) count starts again. */
    public void succeeded(String user, String address) {
        entries.remove(userKey(user, address));
    }

    /** Keys currently counted (for tests and metrics). */
    public int size() {
        return entries.size();
    }

    private Duration remaining(String key, Instant now) {
        Entry e = entries.get(key);
        if (e == null) {
            return Duration.ZERO;
        }
        synchronized (e) {
            if (now.isBefore(e.blockedUntil)) {
                return Duration.between(now, e.blockedUntil);
            }
            if (!now.isBefore(e.lastFailure.plus(settings.forgetAfter()))) {
                entries.remove(key, e);
            }
            return Duration.ZERO;
        }
    }

    private void count(String key, int free, Instant now) {
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        synchronized (e) {
            if (e.lastFailure != null && !now.isBefore(e.lastFailure.plus(settings.forgetAfter()))) {
                e.failures = 0;
            }
            e.failures++;
            e.lastFailure = now;
            if (e.failures >= free) {
                e.blockedUntil = now.plus(delay(e.failures - free));
            }
        }
    }

    /** firstDelay · 2^doublings, at most maxDelay. */
    Duration delay(int doublings) {
        Duration d = settings.firstDelay();
        for (int i = 0; i < doublings && d.compareTo(settings.maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : d;
    }

    private void prune(Instant now) {
        entries.entrySet().removeIf(en -> {
            Entry e = en.getValue();
            synchronized (e) {
                return !now.isBefore(e.lastFailure.plus(settings.forgetAfter()));
            }
        });
        if (entries.size() >= settings.maxKeys()) {
            // Under a flood of distinct names or addresses: drop every key that is not blocking right now.
            entries.entrySet().removeIf(en -> {
                Entry e = en.getValue();
                synchronized (e) {
                    return !now.isBefore(e.blockedUntil);
                }
            });
        }
    }

    private static String userKey(String user, String address) {
        String name = user == null ? "" : user.length() > MAX_NAME ? user.substring(0, MAX_NAME) : user;
        return "u\u0000" + address + "\u0000" + name;
    }

    private static String addressKey(String address) {
        return "a\u0000" + address;
    }
}
