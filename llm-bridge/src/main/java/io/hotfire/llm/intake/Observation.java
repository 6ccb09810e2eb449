package io.hotfire.llm.intake;

import java.util.List;

/**
 * One controlled observation taken from an engineer's note. Accepted observations always carry
 * a vocabulary code and a quote that is literally in the note.
 *
 * @param code       vocabulary code, e.g. {@code AUDIBLE_WHINE_TURBOPUMP}
 * @param time       run time in seconds, or null when unknown
 * @param timeSource where {@code time} came from
 * @param component  the hardware it is about (named in the note, else the entry's default)
 * @param sensor     an ICD sensor id the note names next to it, or null
 * @param present    false when the note says it was not observed ("no smell of kerosene")
 * @param confidence 0..1, how sure the producing model is of the code
 * @param quote      the exact span of the note it rests on
 * @param quantities numbers (with units) stated in the quoted span, else in its sentence
 * @param model      the model that produced it
 */
public record Observation(
        String code,
        Double time,
        TimeSource timeSource,
        String component,
        String sensor,
        boolean present,
        double confidence,
        Quote quote,
        List<Quantity> quantities,
        String model) {

    public Observation {
        quantities = List.copyOf(quantities);
    }
}
