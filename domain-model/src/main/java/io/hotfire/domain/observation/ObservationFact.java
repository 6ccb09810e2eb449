package io.hotfire.domain.observation;

import java.util.Objects;

/**
 * What an engineer saw, heard or smelled during a run, as a fact the rules may use as evidence:
 * an observation from a note, coded from the domain's controlled vocabulary
 * ({@code <domain>/vocabulary.yaml}) and <em>accepted</em> by a person. Rules may let it
 * corroborate a finding the sensors already support; it never creates a finding or raises a
 * severity on its own. Framework-free so that the rules and the LLM bridge, which never depend on
 * each other, can both speak of it.
 *
 * @param id         the stored observation's id (for the evidence trail)
 * @param code       vocabulary code, e.g. {@code AUDIBLE_WHINE_TURBOPUMP}
 * @param time       run time in seconds the note puts it at, or null when the note gives none
 * @param component  the hardware it is about, or null
 * @param sensor     an ICD sensor id the note names with it, or null
 * @param present    false when the note says it was <em>not</em> observed ("no whine")
 * @param confidence 0..1, how sure the extracting model was of the code
 * @param quote      the exact words of the note it rests on
 */
public record ObservationFact(String id, String code, Double time, String component, String sensor, boolean present,
                              double confidence, String quote) {

    public ObservationFact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(quote, "quote");
        if (time != null && !Double.isFinite(time)) {
            throw new IllegalArgumentException("observation " + id + ": time must be finite, got " + time);
        }
    }
}
