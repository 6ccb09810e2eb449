package io.hotfire.llm.intake;

/**
 * An exact span of a note: {@code note.substring(start, end).equals(text)} always holds for a
 * quote the bridge returns.
 */
public record Quote(int start, int end, String text) {

    public Quote {
        if (start < 0 || end < start || text == null || text.length() != end - start) {
            throw new IllegalArgumentException("bad quote span [" + start + ", " + end + ") for '" + text + "'");
        }
    }

    /** Whether this quote is literally the text of {@code note} at its offsets. */
    public boolean isIn(String note) {
        return note != null && end <= note.length() && note.substring(start, end).equals(text);
    }
}
