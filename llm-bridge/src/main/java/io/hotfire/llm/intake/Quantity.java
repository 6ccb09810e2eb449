package io.hotfire.llm.intake;

/**
 * A number a note states, with its unit when one follows it ({@code "8.4 g"}, {@code "0.28 MPa"}).
 *
 * @param value the number
 * @param unit  the unit as written, or empty
 * @param quote where it stands in the note
 */
public record Quantity(double value, String unit, Quote quote) {
}
