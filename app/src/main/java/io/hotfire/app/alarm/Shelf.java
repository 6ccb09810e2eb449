package io.hotfire.app.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Shelving: an operator hides a nuisance alarm from announcement for 5, 10 or 15 minutes, or until
 * someone un-shelves it. Latching alarms (CRITICAL, SEVERE) cannot be shelved, and an alarm that
 * escalates while shelved is un-shelved and announced.
 */
public final class Shelf {

    /** The shelving periods operators may choose. */
    public enum Period {
        MIN_5("5m", Duration.ofMinutes(5)),
        MIN_10("10m", Duration.ofMinutes(10)),
        MIN_15("15m", Duration.ofMinutes(15)),
        UNTIL_UNSHELVED("until-unshelved", null);

        private final String label;
        private final Duration length;

        Period(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public String label() {
            return label;
        }

        /** When a shelf started at {@code from} ends; empty: until un-shelved. */
        public Optional<Instant> end(Instant from) {
            return length == null ? Optional.empty() : Optional.of(from.plus(length));
        }

        public static Optional<Period> parse(String raw) {
            if (raw == null) {
                return Optional.empty();
            }
            String v = raw.trim().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(p -> p.label.equals(v)).findFirst();
        }

        public static String labels() {
            return Arrays.stream(values()).map(Period::label).toList().toString();
        }
    }

    private Shelf() {
    }

    /** Whether a shelf (flag and end, null = until un-shelved) is in force at {@code now}. */
    public static boolean active(boolean shelved, Instant until, Instant now) {
        return shelved && (until == null || now.isBefore(until));
    }
}
