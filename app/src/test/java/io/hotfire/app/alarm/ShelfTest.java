package io.hotfire.app.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ShelfTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void theFourPeriodsParseFromTheirLabelsAndNothingElseDoes() {
        assertThat(Shelf.Period.parse("5m")).contains(Shelf.Period.MIN_5);
        assertThat(Shelf.Period.parse(" 10M ")).contains(Shelf.Period.MIN_10);
        assertThat(Shelf.Period.parse("15m")).contains(Shelf.Period.MIN_15);
        assertThat(Shelf.Period.parse("until-unshelved")).contains(Shelf.Period.UNTIL_UNSHELVED);
        assertThat(Shelf.Period.parse("20m")).isEmpty();
        assertThat(Shelf.Period.parse("forever")).isEmpty();
        assertThat(Shelf.Period.parse(null)).isEmpty();
    }

    @Test
    void timedShelvesEndAfterTheirPeriod_untilUnshelvedDoesNotEnd() {
        assertThat(Shelf.Period.MIN_5.end(T0)).contains(T0.plusSeconds(300));
        assertThat(Shelf.Period.MIN_10.end(T0)).contains(T0.plusSeconds(600));
        assertThat(Shelf.Period.MIN_15.end(T0)).contains(T0.plusSeconds(900));
        assertThat(Shelf.Period.UNTIL_UNSHELVED.end(T0)).isEmpty();
    }

    @Test
    void aShelfIsInForceUpToItsEndAndNotAtIt() {
        Instant end = T0.plusSeconds(300);

        assertThat(Shelf.active(true, end, end.minusMillis(1))).isTrue();
        assertThat(Shelf.active(true, end, end)).isFalse();
        assertThat(Shelf.active(true, null, end.plusSeconds(86_400))).isTrue();
        assertThat(Shelf.active(false, null, T0)).isFalse();
    }
}
