package io.hotfire.domain.telemetry;

/**
 * A telemetry CSV text that cannot be read; says where (1-based line and column) and why.
 * Column 0 means the problem concerns the whole line (e.g. a missing {@code t} column).
 */
public class CsvFormatException extends RuntimeException {

    private final int line;
    private final int column;
    private final String columnName;
    private final String reason;

    /**
     * @param line       1-based line number in the text, counting the header and blank lines
     * @param column     1-based cell number in that line, or 0 for the whole line
     * @param columnName header name of that column, or null when unknown
     * @param reason     what is wrong, one sentence without the position
     */
    public CsvFormatException(int line, int column, String columnName, String reason) {
        super("line " + line + (column > 0 ? ", column " + column : "")
                + (columnName != null ? " (" + columnName + ")" : "") + ": " + reason);
        this.line = line;
        this.column = column;
        this.columnName = columnName;
        this.reason = reason;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** Header name of the offending column, or null when the column has no (known) name. */
    public String columnName() {
        return columnName;
    }

    /** The message without the position prefix. */
    public String reason() {
        return reason;
    }
}
